import {
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	ORDER_IDS,
	PRODUCT_IDS,
} from '../../../dev/polar-double';
import { runOrder, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

describe('Order → Get Many, in n8n’s engine against the Polar double', () => {
	it('lists every order, newest first, one item each', async () => {
		const result = await runOrder(polar(), 'getAll', { parameters: { returnAll: true } });
		expect(ids(result.success)).toEqual([
			ORDER_IDS.acmeVoid,
			ORDER_IDS.alanPending,
			ORDER_IDS.graceTeam,
			ORDER_IDS.adaEbook,
			ORDER_IDS.adaPro,
		]);
		expect(polar().requests[0].query).toEqual({ page: '1', limit: '100' });
	});

	it('filters by external customer ID, billing type and metadata as Polar’s query', async () => {
		const result = await runOrder(polar(), 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					externalCustomerId: FIXTURE_EXTERNAL_IDS.ada,
					billingType: 'recurring',
					metadata: { entries: [{ key: 'plan', type: 'string', value: 'pro' }] },
				},
			},
		});
		expect(ids(result.success)).toEqual([ORDER_IDS.adaPro]);
		expect(polar().requests[0].query).toMatchObject({
			external_customer_id: FIXTURE_EXTERNAL_IDS.ada,
			product_billing_type: 'recurring',
			'metadata[plan]': 'pro',
		});
	});

	it('several statuses go as the parameter repeated, as Polar reads a list', async () => {
		const result = await runOrder(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { status: ['void', 'pending'] } },
		});
		expect(ids(result.success)).toEqual([ORDER_IDS.acmeVoid, ORDER_IDS.alanPending]);
		expect(polar().requests[0].rawQuery).toContain('status=void&status=pending');
	});

	it('filters by customer, product and creation dates, and sorts as asked', async () => {
		const result = await runOrder(polar(), 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					customerId: FIXTURE_IDS.ada,
					createdAfter: '2025-09-01T00:00:00Z',
					createdBefore: '2025-12-31T00:00:00Z',
				},
				sortBy: 'created_at',
			},
		});
		expect(ids(result.success)).toEqual([ORDER_IDS.adaPro, ORDER_IDS.adaEbook]);
		expect(polar().requests[0].query).toMatchObject({
			customer_id: FIXTURE_IDS.ada,
			created_after: '2025-09-01T00:00:00.000Z',
			created_before: '2025-12-31T00:00:00.000Z',
			sorting: 'created_at',
		});

		const byProduct = await runOrder(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { productId: PRODUCT_IDS.ebook } },
		});
		expect(ids(byProduct.success)).toEqual([ORDER_IDS.alanPending, ORDER_IDS.adaEbook]);
	});

	it('refuses a customer ID that is not a UUID before sending, naming the filter', async () => {
		const result = await runOrder(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { customerId: 'usr_ada' } },
		});
		expect(result.executionError?.message).toMatch(
			/^Filters → Customer ID "usr_ada" is not a Polar ID/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('refuses a Created Before that is not after Created After', async () => {
		const result = await runOrder(polar(), 'getAll', {
			parameters: {
				returnAll: true,
				filters: { createdAfter: '2025-10-01T00:00:00Z', createdBefore: '2025-09-01T00:00:00Z' },
			},
		});
		expect(result.executionError?.message).toBe(
			'Filters → Created Before is not after Created After [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
