import { BENEFIT_IDS, PRODUCT_IDS } from '../../../dev/polar-double';
import { runProduct, useProductDouble } from './fixtures';

const polar = useProductDouble();

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);
const queries = () => polar().requests.map((request) => request.query);

describe('Product → Get Many, in n8n’s engine against the Polar double', () => {
	it('Return All: every product, archived ones too, newest first, one item each', async () => {
		const result = await runProduct(polar(), 'getAll', { parameters: { returnAll: true } });
		expect(result.executionError).toBeUndefined();
		expect(ids(result.success)).toEqual(polar().products.map((p) => p.id));
		expect(result.success).toHaveLength(4);
		expect(result.success.map((item) => item.pairedItem)).toEqual(Array(4).fill({ item: 0 }));
		expect(polar().requests.map((r) => [r.method, r.path])).toEqual([['GET', '/v1/products/']]);
		expect(queries()).toEqual([{ page: '1', limit: '100' }]);
	});

	it('Limit: asks for no more than it needs', async () => {
		const result = await runProduct(polar(), 'getAll', { parameters: { limit: 2 } });
		expect(ids(result.success)).toEqual([PRODUCT_IDS.ebook, PRODUCT_IDS.teamYearly]);
		expect(queries()).toEqual([{ page: '1', limit: '2' }]);
	});

	it('filters reach Polar as its query parameters', async () => {
		const result = await runProduct(polar(), 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					query: 'pro',
					isArchived: false,
					billing: 'recurring',
					benefitId: BENEFIT_IDS.support,
					metadata: { entries: [{ key: 'tier', value: 'pro' }] },
				},
			},
		});
		expect(ids(result.success)).toEqual([PRODUCT_IDS.proMonthly]);
		expect(queries()).toEqual([
			{
				query: 'pro',
				is_archived: 'false',
				is_recurring: 'true',
				benefit_id: BENEFIT_IDS.support,
				'metadata[tier]': 'pro',
				page: '1',
				limit: '100',
			},
		]);
	});

	it('Archived on: only archived products', async () => {
		const result = await runProduct(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { isArchived: true } },
		});
		expect(ids(result.success)).toEqual([PRODUCT_IDS.legacyStarter]);
		expect(queries()[0]).toMatchObject({ is_archived: 'true' });
	});

	it('Billing One-Time: only one-time purchases', async () => {
		const result = await runProduct(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { billing: 'oneTime' } },
		});
		expect(ids(result.success)).toEqual([PRODUCT_IDS.ebook]);
		expect(queries()[0]).toMatchObject({ is_recurring: 'false' });
	});

	it('Benefit ID: only the products that grant it', async () => {
		const result = await runProduct(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { benefitId: BENEFIT_IDS.download } },
		});
		expect(ids(result.success)).toEqual([PRODUCT_IDS.ebook, PRODUCT_IDS.teamYearly]);
	});

	it('refuses a benefit ID that is not a UUID before sending, naming the field and the item', async () => {
		const result = await runProduct(polar(), 'getAll', {
			parameters: { filters: { benefitId: '={{ $json.benefit }}' } },
			items: [{ benefit: BENEFIT_IDS.support }, { benefit: 'support' }],
		});
		expect(result.executionError?.message).toBe(
			'Filters → Benefit ID "support" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 1]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
