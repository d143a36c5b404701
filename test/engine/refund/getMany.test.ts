import { FIXTURE_IDS, REFUNDABLE_ORDER_IDS } from '../../../dev/polar-double';
import { jsonOf, runRefund, useRefundDouble } from './fixtures';

const polar = useRefundDouble({
	tokens: { polar_oat_double_refunds_read: ['refunds:read'] },
});
const token = 'polar_oat_double_refunds_read';

const list = (filters: Record<string, unknown> = {}) =>
	runRefund(polar(), 'getAll', { token, parameters: { returnAll: true, filters } });

describe('Refund → Get Many, in n8n’s engine against the Polar double', () => {
	it('lists every refund, newest first, one item each, with a refunds:read token', async () => {
		const result = await list();
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual(polar().refunds);
		expect(jsonOf(result.success).map((r) => r.order_id)).toEqual([
			REFUNDABLE_ORDER_IDS.partiallyRefunded,
			REFUNDABLE_ORDER_IDS.refunded,
		]);
	});

	it('filters by order: Polar’s order_id', async () => {
		const result = await list({ orderId: REFUNDABLE_ORDER_IDS.refunded });
		expect(jsonOf(result.success).map((r) => [r.order_id, r.amount])).toEqual([
			[REFUNDABLE_ORDER_IDS.refunded, 4900],
		]);
		expect(polar().requests[0].query).toMatchObject({ order_id: REFUNDABLE_ORDER_IDS.refunded });
	});

	it('filters by customer, by external customer ID and by outcome', async () => {
		expect((await list({ customerId: FIXTURE_IDS.grace })).success).toHaveLength(0);
		expect((await list({ externalCustomerId: 'usr_ada' })).success).toHaveLength(2);
		expect((await list({ succeeded: false })).success).toHaveLength(0);
		expect((await list({ succeeded: true })).success).toHaveLength(2);
		expect(polar().requests.map((r) => r.query)).toEqual([
			expect.objectContaining({ customer_id: FIXTURE_IDS.grace }),
			expect.objectContaining({ external_customer_id: 'usr_ada' }),
			expect.objectContaining({ succeeded: 'false' }),
			expect.objectContaining({ succeeded: 'true' }),
		]);
	});

	it('an order ID filter that is not a UUID fails before anything is sent', async () => {
		const result = await list({ orderId: 'ord_123' });
		expect(result.executionError?.message).toMatch(
			/^Filters → Order ID "ord_123" is not a Polar ID .* \[item 0\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});
});
