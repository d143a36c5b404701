import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { runListSearch } from '../../../dev/harness';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { SUBSCRIPTION_IDS, TOKENS, useSubscriptionDouble } from './fixtures';

const polar = useSubscriptionDouble({
	tokens: {
		[TOKENS.read]: ['subscriptions:read'],
		polar_oat_double_customers_only: ['customers:read'],
	},
});

async function search(filter?: string, accessToken = TOKENS.read) {
	return await runListSearch({
		nodeType: new Polar(),
		methodName: 'searchSubscriptions',
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar().url } },
		filter,
	});
}

describe('Subscription → From List', () => {
	it('names each subscription by customer, product and status, most recently started first', async () => {
		const { results } = await search();
		expect(results).toHaveLength(polar().subscriptions.subscriptions.length);
		expect(results).toContainEqual({
			name: 'Ada Lovelace · Pro Monthly · active',
			value: SUBSCRIPTION_IDS.adaPro,
		});
		expect(results[0].value).toBe(SUBSCRIPTION_IDS.acmeTrial);
	});

	it('filters by what the user types, without Polar’s `query` (its list has no search)', async () => {
		const { results } = await search('paused');
		expect(results.map((result) => result.value)).toEqual([SUBSCRIPTION_IDS.adaPaused]);
		expect(polar().requests[0].query).not.toHaveProperty('query');
	});

	it('says which scope a token without subscription access lacks', async () => {
		await expect(search(undefined, 'polar_oat_double_customers_only')).rejects.toThrow(
			'Your token cannot list subscriptions: it lacks the subscriptions:read scope',
		);
	});
});
