import { randomUUID } from 'crypto';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runListSearch } from '../../dev/harness';
import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
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
