import { ORDER_IDS } from '../../../dev/polar-double';
import { byId, calls, runOrder, setJobDelay, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

describe('Order → Update Billing Details, in n8n’s engine against the Polar double', () => {
	it('sets the billing name and address, after which Polar makes the invoice', async () => {
		const result = await runOrder(polar(), 'update', {
			parameters: {
				order: byId(ORDER_IDS.adaEbook),
				updateFields: {
					billingName: 'Analytical Engines Ltd',
					billingAddress: {
						address: { line1: '12 St James’s Square', city: 'London', country: 'gb' },
					},
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			id: ORDER_IDS.adaEbook,
			billing_name: 'Analytical Engines Ltd',
			billing_address: { line1: '12 St James’s Square', city: 'London', country: 'GB' },
		});
		// Read first, so a change to an invoice already made can have it made again.
		expect(polar().requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
		expect(polar().requests[1].body).toEqual({
			billing_name: 'Analytical Engines Ltd',
			billing_address: { line1: '12 St James’s Square', city: 'London', country: 'GB' },
		});

		const invoice = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.adaEbook) },
		});
		expect(invoice.executionError).toBeUndefined();
	});

	it('a new billing name on an order with an invoice: asks Polar to make it again and waits until it has', async () => {
		await setJobDelay(polar(), 700);
		const path = `/v1/orders/${ORDER_IDS.graceTeam}`;
		const result = await runOrder(polar(), 'update', {
			parameters: {
				order: byId(ORDER_IDS.graceTeam),
				updateFields: { billingName: 'Hopper Compilers Inc.' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({ billing_name: 'Hopper Compilers Inc.' });
		// Done only once Polar's job has put the new PDF in place.
		const order = polar().orders.find(ORDER_IDS.graceTeam)!;
		const file = `invoices/${ORDER_IDS.graceTeam}/Invoice-${String(order.invoice_number)}.pdf`;
		expect(String(polar().orders.file(file, false).body)).toContain('for Hopper Compilers Inc.');
		const sent = calls(polar());
		expect(sent.slice(0, 3)).toEqual([
			`GET ${path} → 200`,
			`PATCH ${path} → 200`,
			`POST ${path}/invoice → 202`,
		]);
		expect(new Set(sent.slice(3))).toEqual(new Set([`GET ${path} → 200`]));
	});

	it('the same billing name again: nothing to make again, no wait', async () => {
		const path = `/v1/orders/${ORDER_IDS.graceTeam}`;
		const current = polar().orders.find(ORDER_IDS.graceTeam)!.billing_name as string;
		const result = await runOrder(polar(), 'update', {
			parameters: { order: byId(ORDER_IDS.graceTeam), updateFields: { billingName: current } },
		});
		expect(result.executionError).toBeUndefined();
		expect(calls(polar())).toEqual([`GET ${path} → 200`, `PATCH ${path} → 200`]);
	});

	it('Polar refuses to change the country of a billing address: its words, naming the field', async () => {
		const result = await runOrder(polar(), 'update', {
			parameters: {
				order: byId(ORDER_IDS.graceTeam),
				updateFields: { billingAddress: { address: { country: 'FR', state: 'US-VA' } } },
			},
		});
		expect(result.executionError?.httpCode).toBe('422');
		expect(`${result.executionError?.message} ${result.executionError?.description}`).toMatch(
			/Country cannot be changed/,
		);
	});

	it('refuses empty Update Fields before sending', async () => {
		const result = await runOrder(polar(), 'update', {
			parameters: { order: byId(ORDER_IDS.adaPro), updateFields: {} },
		});
		expect(result.executionError?.message).toBe(
			'Update Fields are empty: add the Billing Name or Billing Address [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
