import { FIXTURE_IDS, ORDER_IDS } from '../../../dev/polar-double';
import { byId, NO_ORDER, runOrder, TOKENS, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

describe('Order → Get, in n8n’s engine against the Polar double', () => {
	it('gets an order By ID: amounts, customer, product and items', async () => {
		const result = await runOrder(polar(), 'get', {
			parameters: { order: byId(ORDER_IDS.adaPro) },
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			id: ORDER_IDS.adaPro,
			status: 'paid',
			subtotal_amount: 1900,
			tax_amount: 152,
			total_amount: 2052,
			billing_name: 'Ada Lovelace',
			customer: { id: FIXTURE_IDS.ada, email: 'ada@example.com' },
			product: { name: 'Pro Monthly' },
			items: [{ label: 'Pro Monthly', amount: 1900 }],
		});
		expect(polar().requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/v1/orders/${ORDER_IDS.adaPro}`],
		]);
	});

	it('a missing order: the message names its ID', async () => {
		const result = await runOrder(polar(), 'get', { parameters: { order: byId(NO_ORDER) } });
		expect(result.executionError).toMatchObject({
			message: `No Polar order with ID "${NO_ORDER}"`,
			httpCode: '404',
		});
	});

	it('refuses an ID that is not a UUID before sending, naming the field and the item', async () => {
		const result = await runOrder(polar(), 'get', {
			parameters: { order: byId('={{ $json.id }}') },
			items: [{ id: ORDER_IDS.adaPro }, { id: 'order_1' }],
		});
		expect(result.executionError?.message).toMatch(
			/^Order \(By ID\) "order_1" is not a Polar ID .*\[item 1\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a token without orders:read: Polar’s 403 names the scope', async () => {
		const result = await runOrder(polar(), 'get', {
			parameters: { order: byId(ORDER_IDS.adaPro) },
			token: TOKENS.customersOnly,
		});
		expect(result.executionError?.message).toMatch(/orders:read/);
	});
});
