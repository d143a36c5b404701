import type { IDataObject } from 'n8n-workflow';

import { PAYMENT_IDS, REFUNDABLE_ORDER_IDS } from '../../../dev/polar-double';
import { byId, jsonOf, runOperation, usePolarDouble } from '../fixtures';

const token = 'polar_oat_double_payments_read';
const polar = usePolarDouble({ tokens: { [token]: ['payments:read'] } });

const run = (operation: string, parameters: IDataObject) =>
	runOperation(polar(), 'payment', operation, { parameters, credential: { accessToken: token } });

describe('Payment → Get and Get Many, in n8n’s engine against the Polar double', () => {
	it('lists every payment attempt, newest first, declined ones included', async () => {
		const result = await run('getAll', { returnAll: true });
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success).map((p) => [p.id, p.status])).toEqual([
			[PAYMENT_IDS.declined, 'failed'],
			[PAYMENT_IDS.disputed, 'succeeded'],
			[PAYMENT_IDS.oneTime, 'succeeded'],
		]);
	});

	it('filters reach the query: status, order, customer email and method', async () => {
		const failed = await run('getAll', { returnAll: true, filters: { status: ['failed'] } });
		expect(jsonOf(failed.success).map((p) => p.decline_reason)).toEqual(['insufficient_funds']);
		const byOrder = await run('getAll', {
			returnAll: true,
			filters: {
				orderId: REFUNDABLE_ORDER_IDS.oneTime,
				customerEmail: 'ada@example.com',
				method: 'card',
			},
		});
		expect(jsonOf(byOrder.success).map((p) => p.id)).toEqual([PAYMENT_IDS.oneTime]);
		expect(polar().requests.map((r) => r.query)).toEqual([
			expect.objectContaining({ status: 'failed' }),
			expect.objectContaining({
				order_id: REFUNDABLE_ORDER_IDS.oneTime,
				customer_email: 'ada@example.com',
				method: 'card',
			}),
		]);
	});

	it('gets one payment By ID; a missing one is named', async () => {
		const found = await run('get', { payment: byId(PAYMENT_IDS.disputed) });
		expect(found.success[0].json).toMatchObject({
			id: PAYMENT_IDS.disputed,
			method_metadata: { brand: 'visa', last4: '4242' },
		});
		const missing = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
		const result = await run('get', { payment: byId(missing) });
		expect(result.executionError?.message).toMatch(`No Polar payment with ID "${missing}"`);
	});
});
