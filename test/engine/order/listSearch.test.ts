import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runListSearch } from '../../../dev/harness';
import { ORDER_IDS } from '../../../dev/polar-double';
import { TOKENS, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

async function search(filter?: string, accessToken: string = TOKENS.orders) {
	return await runListSearch({
		nodeType: new Polar(),
		methodName: 'searchOrders',
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar().url } },
		filter,
	});
}

describe('Order → From List', () => {
	it('lists the newest orders by product, customer, amount and date, their ID as the value', async () => {
		const { results } = await search();
		expect(results).toHaveLength(5);
		expect(results).toContainEqual({
			name: 'Pro Monthly · ada@example.com · 20.52 USD · 2025-09-20',
			value: ORDER_IDS.adaPro,
		});
		// Polar's order list has no text search: nothing but the page is asked for.
		expect(polar().requests[0].query).toEqual({ limit: '50', page: '1' });
	});

	it('filters the page shown as the user types', async () => {
		const { results } = await search('E-BOOK');
		expect(results.map((result) => result.value)).toEqual([
			ORDER_IDS.alanPending,
			ORDER_IDS.adaEbook,
		]);
	});

	it('a token without orders:read: says which scope, and to choose By ID', async () => {
		await expect(search(undefined, TOKENS.customersOnly)).rejects.toThrow(
			/cannot list orders: it lacks the orders:read scope/,
		);
	});
});
