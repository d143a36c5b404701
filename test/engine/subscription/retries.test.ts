import {
	byId,
	PRODUCT_IDS,
	runSubscription,
	SUBSCRIPTION_IDS,
	useSubscriptionDouble,
} from './fixtures';

// Every answer comes after the node's timeout: a failure after which Polar may have acted. The
// timeout leaves a loaded machine time to deliver the request before it gives up on the answer.
const polar = useSubscriptionDouble({ latencyMs: 2_000 });
const options = { timeout: 750, maxRetries: 2, maxRetryWait: 1 };

describe('Subscription operations after an answer was lost', () => {
	it('a state change (Cancel at Period End) is sent again', async () => {
		const result = await runSubscription(polar(), 'cancelAtPeriodEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), options },
		});
		expect(result.executionError?.message).toMatch(/did not answer within/);
		expect(polar().requests).toHaveLength(3);
	});

	it('a change that may charge (Change Product) is not, and its error says why', async () => {
		const result = await runSubscription(polar(), 'changeProduct', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				product: byId(PRODUCT_IDS.teamYearly),
				options,
			},
		});
		expect(polar().requests).toHaveLength(1);
		expect(result.executionError?.description).toMatch(
			/Polar may have changed the product \(and may have charged the customer\) before the answer was lost\. The node did not send it again/,
		);
	});

	it('Revoke Now is not sent again either', async () => {
		const result = await runSubscription(polar(), 'revoke', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), options },
		});
		expect(polar().requests).toHaveLength(1);
		expect(result.executionError?.description).toMatch(/Polar may have revoked the subscription/);
	});
});
