import {
	byId,
	jsonOf,
	NO_SUBSCRIPTION,
	runSubscription,
	SUBSCRIPTION_IDS,
	TOKENS,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();

describe('Subscription → Get, in n8n’s engine against the Polar double', () => {
	it('returns the subscription with its customer and product, chosen By ID or From list', async () => {
		const byIdResult = await runSubscription(polar(), 'get', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
			token: TOKENS.read,
		});
		expect(byIdResult.executionError).toBeUndefined();
		expect(jsonOf(byIdResult.success)).toEqual([
			expect.objectContaining({
				id: SUBSCRIPTION_IDS.adaPro,
				status: 'active',
				customer: expect.objectContaining({ email: 'ada@example.com' }),
				product: expect.objectContaining({ name: 'Pro Monthly' }),
			}),
		]);
		const fromList = await runSubscription(polar(), 'get', {
			parameters: {
				subscription: { __rl: true, mode: 'list', value: SUBSCRIPTION_IDS.alanEnded },
			},
		});
		expect(fromList.success[0].json).toMatchObject({
			id: SUBSCRIPTION_IDS.alanEnded,
			status: 'canceled',
		});
	});

	it('names a subscription Polar does not have, and refuses a non-UUID before sending', async () => {
		const missing = await runSubscription(polar(), 'get', {
			parameters: { subscription: byId(NO_SUBSCRIPTION) },
		});
		expect(missing.executionError?.message).toBe(
			`No Polar subscription with ID "${NO_SUBSCRIPTION}"`,
		);
		polar().reset();
		const bad = await runSubscription(polar(), 'get', {
			// An expression on the whole field: n8n's own check of By ID does not see it.
			parameters: { subscription: '={{ "sub_" + "123" }}' },
		});
		expect(bad.executionError?.message).toMatch(
			/^Subscription "sub_123" is not a Polar ID .* \[item 0\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});
});
