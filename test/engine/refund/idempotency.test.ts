import { REFUNDABLE_ORDER_IDS } from '../../../dev/polar-double';
import { byId, jsonOf, runRefund, sent, useRefundDouble } from './fixtures';

const polar = useRefundDouble();
const ORDER = REFUNDABLE_ORDER_IDS.oneTime;
const FOUND = 'by an earlier refund with this Idempotency Key: nothing was sent';

const refundsOf = (order: string) => polar().refunds.filter((r) => r.order_id === order);

const ticket = (idempotencyKey: string, extra: Record<string, unknown> = {}) => ({
	parameters: {
		order: byId(ORDER),
		refundAmount: 'amount',
		amount: 1,
		reason: 'customer_request',
		idempotencyKey,
		...extra,
	},
});

describe('Refund → Create with an Idempotency Key: one refund per key', () => {
	it('the same ticket twice: the second run finds the first refund and sends none', async () => {
		const before = refundsOf(ORDER).length;
		const first = await runRefund(polar(), 'create', ticket('ticket-4711'));
		expect(first.executionError).toBeUndefined();
		expect(sent(polar())).toEqual([
			`GET /v1/refunds/`,
			`GET /v1/orders/${ORDER}`,
			'POST /v1/refunds/',
		]);
		expect(polar().requests[0].query).toMatchObject({ order_id: ORDER });
		expect(polar().requests[2].body).toMatchObject({
			metadata: { idempotency_key: 'ticket-4711' },
		});
		const [made] = jsonOf(first.success);
		expect(made).not.toHaveProperty('alreadyDone');
		polar().reset();

		const second = await runRefund(polar(), 'create', ticket('ticket-4711'));
		expect(second.executionError).toBeUndefined();
		expect(sent(polar())).toEqual([`GET /v1/refunds/`]);
		expect(jsonOf(second.success)).toEqual([{ ...made, alreadyDone: FOUND }]);
		expect(refundsOf(ORDER)).toHaveLength(before + 1);
	});

	it('another key, or none, refunds again', async () => {
		const before = refundsOf(ORDER).length;
		await runRefund(polar(), 'create', ticket('ticket-1'));
		const other = await runRefund(polar(), 'create', ticket('ticket-2'));
		expect(jsonOf(other.success)[0]).not.toHaveProperty('alreadyDone');
		await runRefund(polar(), 'create', ticket(''));
		await runRefund(polar(), 'create', ticket(''));
		expect(refundsOf(ORDER)).toHaveLength(before + 4);
	});

	it('two items of one run with the same key: one refund, the second item returns it', async () => {
		const before = refundsOf(ORDER).length;
		const result = await runRefund(polar(), 'create', {
			...ticket('={{ $json.ticket }}'),
			items: [{ ticket: 'ticket-9' }, { ticket: 'ticket-9' }, { ticket: 'ticket-10' }],
		});
		expect(result.executionError).toBeUndefined();
		const [first, second, third] = jsonOf(result.success);
		expect(second).toEqual({ ...first, alreadyDone: FOUND });
		expect(third.id).not.toBe(first.id);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(refundsOf(ORDER)).toHaveLength(before + 2);
		expect(sent(polar()).filter((r) => r === 'POST /v1/refunds/')).toHaveLength(2);
	});

	it('an answer lost after Polar refunded: the key finds the refund, and the item succeeds', async () => {
		const before = refundsOf(ORDER).length;
		polar().failNext('commit-then-reset');
		const result = await runRefund(polar(), 'create', {
			...ticket('ticket-lost', { options: { maxRetries: 2, maxRetryWait: 1 } }),
		});
		expect(result.executionError).toBeUndefined();
		expect(sent(polar())).toEqual([
			`GET /v1/refunds/`,
			`GET /v1/orders/${ORDER}`,
			'POST /v1/refunds/',
			`GET /v1/refunds/`,
		]);
		expect(jsonOf(result.success)[0]).toMatchObject({
			amount: 100,
			metadata: { idempotency_key: 'ticket-lost' },
		});
		expect(refundsOf(ORDER)).toHaveLength(before + 1);
	});

	it('a Metadata key that is the Idempotency Key’s is refused before anything is sent', async () => {
		const result = await runRefund(
			polar(),
			'create',
			ticket('ticket-5', {
				additionalFields: {
					metadata: { entries: [{ key: 'idempotency_key', value: 'x' }] },
				},
			}),
		);
		expect(result.executionError?.message).toMatch(
			/Metadata key "idempotency_key" holds the Idempotency Key/,
		);
		expect(polar().requests).toHaveLength(0);
	});
});
