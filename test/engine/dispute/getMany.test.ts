import { REFUNDABLE_ORDER_IDS } from '../../../dev/polar-double';
import { jsonOf, runDispute, TOKENS, useDisputeDouble } from './fixtures';

const polar = useDisputeDouble();

const list = (filters: Record<string, unknown> = {}) =>
	runDispute(polar(), 'getAll', {
		token: TOKENS.read,
		parameters: { returnAll: true, filters },
	});

describe('Dispute → Get Many, in n8n’s engine against the Polar double', () => {
	it('lists every dispute, newest first, one item each', async () => {
		const result = await list();
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual(polar().disputes);
	});

	it('filters by status and order: Polar’s status and order_id reach the query', async () => {
		const result = await list({ status: ['won', 'lost'], orderId: REFUNDABLE_ORDER_IDS.disputed });
		expect(jsonOf(result.success).map((d) => d.status)).toEqual(['won', 'lost']);
		const [request] = polar().requests;
		expect(request.queryLists.status).toEqual(['won', 'lost']);
		expect(request.query.order_id).toBe(REFUNDABLE_ORDER_IDS.disputed);
		expect((await list({ status: ['needs_response'] })).success).toHaveLength(1);
	});

	it('an order ID filter that is not a UUID fails before anything is sent', async () => {
		const result = await list({ orderId: 'ord_1' });
		expect(result.executionError?.message).toMatch(/^Filters → Order ID "ord_1" is not a Polar ID/);
		expect(polar().requests).toHaveLength(0);
	});
});
