import { randomUUID } from 'crypto';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runListSearch } from '../../dev/harness';
import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	PRODUCT_IDS,
	seedCustomers,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';

const SESSIONS_ONLY = 'polar_oat_sessions_only_token_000001';

let polar: PolarDouble;
beforeAll(async () => {
	polar = await startPolarDouble({
		tokens: {
			[DEFAULT_TOKEN]: ['customer_sessions:write', 'customers:read'],
			[SESSIONS_ONLY]: ['customer_sessions:write'],
		},
	});
});
afterEach(() => polar.reset());
afterAll(async () => await polar.close());

async function search(filter?: string, accessToken = DEFAULT_TOKEN, paginationToken?: string) {
	return await runListSearch({
		nodeType: new Polar(),
		methodName: 'searchCustomers',
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar.url } },
		filter,
		paginationToken,
	});
}

describe('Customer → From List', () => {
	it('lists the organization’s customers by name and email, their ID as the value', async () => {
		const { results } = await search();
		expect(results).toHaveLength(polar.customers.length);
		const ada = polar.customers.find((customer) => customer.id === FIXTURE_IDS.ada)!;
		expect(results).toContainEqual({ name: `${ada.name} · ${ada.email}`, value: ada.id });
		expect(polar.violations).toEqual([]);
	});

	it('filters as the user types', async () => {
		const ada = polar.customers.find((customer) => customer.id === FIXTURE_IDS.ada)!;
		const { results } = await search(String(ada.email).toUpperCase());
		expect(results.map((result) => result.value)).toEqual([FIXTURE_IDS.ada]);
		expect(polar.requests[0].query).toMatchObject({
			query: String(ada.email).toUpperCase(),
			page: '1',
		});
	});

	it('pages through long lists, 50 customers at a time', async () => {
		const many = await startPolarDouble({
			customers: Array.from({ length: 120 }, (_, i) => {
				const [template] = seedCustomers();
				const id = randomUUID();
				return {
					members: [],
					customer: { ...template.customer, id, email: `c${i}@example.com`, external_id: null },
				};
			}),
		});
		try {
			const pages = [];
			let token: string | undefined;
			do {
				const page = await runListSearch({
					nodeType: new Polar(),
					methodName: 'searchCustomers',
					credentialTypes: [new PolarApi()],
					credentials: {
						polarApi: { accessToken: DEFAULT_TOKEN, environment: 'custom', baseUrl: many.url },
					},
					paginationToken: token,
				});
				pages.push(page.results.length);
				token = page.paginationToken;
			} while (token);
			expect(pages).toEqual([50, 50, 20]);
		} finally {
			await many.close();
		}
	});

	it('says what to do when the token cannot read customers', async () => {
		await expect(search(undefined, SESSIONS_ONLY)).rejects.toMatchObject({
			message: 'Your token cannot list customers: it lacks the customers:read scope',
			description: expect.stringMatching(/choose the customer By ID or Ext\. ID/),
			httpCode: '403',
		});
	});

	it('names customers without a name or email by what they have', async () => {
		const { results } = await search();
		for (const result of results) expect(result.name).not.toMatch(/null|undefined|\(\)/);
	});
});

describe('Product → From List', () => {
	let products: PolarDouble;
	beforeAll(async () => {
		products = await startPolarDouble({
			tokens: { [DEFAULT_TOKEN]: ['products:read'], [SESSIONS_ONLY]: ['customers:read'] },
		});
	});
	afterEach(() => products.reset());
	afterAll(async () => await products.close());

	const searchProducts = async (filter?: string, accessToken = DEFAULT_TOKEN) =>
		await runListSearch({
			nodeType: new Polar(),
			methodName: 'searchProducts',
			credentialTypes: [new PolarApi()],
			credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: products.url } },
			filter,
		});

	it('lists the organization’s products by name, archived ones marked, their ID as the value', async () => {
		const { results, paginationToken } = await searchProducts();
		expect(results).toEqual([
			{ name: 'Pricing Field Guide (e-book)', value: PRODUCT_IDS.ebook },
			{ name: 'Team Yearly', value: PRODUCT_IDS.teamYearly },
			{ name: 'Pro Monthly', value: PRODUCT_IDS.proMonthly },
			{ name: 'Legacy Starter (archived)', value: PRODUCT_IDS.legacyStarter },
		]);
		expect(paginationToken).toBeUndefined();
		expect(products.requests.map((r) => r.path)).toEqual(['/v1/products/']);
		expect(products.violations).toEqual([]);
	});

	it('searches products by name as the user types, through Polar’s query', async () => {
		const { results } = await searchProducts(' YEARLY ');
		expect(results.map((result) => result.value)).toEqual([PRODUCT_IDS.teamYearly]);
		expect(products.requests[0].query).toEqual({ query: 'YEARLY', limit: '50', page: '1' });
	});

	it('says what to do when the token cannot read products', async () => {
		await expect(searchProducts(undefined, SESSIONS_ONLY)).rejects.toMatchObject({
			message: 'Your token cannot list products: it lacks the products:read scope',
			description: expect.stringMatching(/choose the product By ID/),
			httpCode: '403',
		});
	});
});
