import { ORDER_IDS } from '../../../dev/polar-double';
import { byId, calls, runOrder, setJobDelay, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

const receiptPath = (id: string) => `/v1/orders/${id}/receipt`;

describe('Order → Get Receipt, in n8n’s engine against the Polar double', () => {
	it('waits through Polar’s 202 while the receipt renders, then gives its link and PDF', async () => {
		await setJobDelay(polar(), 300);
		const result = await runOrder(polar(), 'getReceipt', {
			parameters: { order: byId(ORDER_IDS.adaPro), download: true },
		});
		expect(result.executionError).toBeUndefined();
		const [item] = result.success;
		expect(item.json).toEqual({
			order_id: ORDER_IDS.adaPro,
			url: expect.stringMatching(/\/__double\/files\/receipts\/.+\/Receipt-R-\d{4}\.pdf\?/),
		});
		expect(item.binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: expect.stringMatching(/^Receipt-R-\d{4}\.pdf$/),
		});
		expect(calls(polar())).toEqual([
			`GET ${receiptPath(ORDER_IDS.adaPro)} → 202`,
			`GET ${receiptPath(ORDER_IDS.adaPro)} → 200`,
		]);
	});

	it('an unpaid order has no receipt: the message says so, without waiting', async () => {
		const result = await runOrder(polar(), 'getReceipt', {
			parameters: { order: byId(ORDER_IDS.alanPending) },
		});
		expect(result.executionError).toMatchObject({
			message: `Order "${ORDER_IDS.alanPending}" has no receipt yet`,
			description: expect.stringContaining('once it is paid'),
			httpCode: '404',
		});
		expect(calls(polar())).toEqual([`GET ${receiptPath(ORDER_IDS.alanPending)} → 404`]);
	});

	it('stops at Max Wait when the receipt never renders', async () => {
		await setJobDelay(polar(), null);
		const result = await runOrder(polar(), 'getReceipt', {
			parameters: { order: byId(ORDER_IDS.graceTeam), maxWait: 1 },
		});
		expect(result.executionError?.message).toBe(
			`Polar had not made the receipt of order "${ORDER_IDS.graceTeam}" after 1 seconds`,
		);
		// Checks at 0, 0.5 and 1 s.
		expect(calls(polar())).toEqual(Array(3).fill(`GET ${receiptPath(ORDER_IDS.graceTeam)} → 202`));
	});
});
