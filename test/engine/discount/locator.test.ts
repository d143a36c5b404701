import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runListSearch } from '../../../dev/harness';
import { DISCOUNT_IDS } from '../../../dev/polar-double';
import { TOKENS, useDiscountDouble } from './fixtures';

const polar = useDiscountDouble({
	tokens: { [TOKENS.read]: ['discounts:read'], polar_oat_no_discount_scope: ['customers:read'] },
});

const search = async (filter?: string, accessToken = TOKENS.read) =>
	await runListSearch({
		nodeType: new Polar(),
		methodName: 'searchDiscounts',
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar().url } },
		filter,
	});

describe('Discount → From List', () => {
	it('lists the discounts by name, code and what they take off, their ID as the value', async () => {
		const { results } = await search();
		expect(results).toEqual([
			{ name: 'Summer sale · SUMMER25 (25 %)', value: DISCOUNT_IDS.summer },
			{ name: 'Welcome · WELCOME10 (fixed)', value: DISCOUNT_IDS.welcome },
			{ name: 'Launch 20% · LAUNCH20 (20 %)', value: DISCOUNT_IDS.launch },
		]);
	});

	it('finds a discount by its code as the user types it', async () => {
		const { results } = await search('welcome10');
		expect(results.map((r) => r.value)).toEqual([DISCOUNT_IDS.welcome]);
		expect(polar().requests[0].query).toMatchObject({ query: 'welcome10' });
	});

	it('a token that cannot list discounts: says which scope, and to choose By ID', async () => {
		await expect(search(undefined, 'polar_oat_no_discount_scope')).rejects.toThrow(
			/Your token cannot list discounts: it lacks the discounts:read scope/,
		);
	});
});
