import {
	byId,
	held,
	jsonOf,
	NO_SUBSCRIPTION,
	runSubscription,
	SUBSCRIPTION_IDS,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();

describe('Subscription → Cancel at Period End, Uncancel, Revoke Now', () => {
	it('cancels at the period end with the customer’s reason and comment, and Uncancel undoes it', async () => {
		const canceled = await runSubscription(polar(), 'cancelAtPeriodEnd', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				additionalFields: { reason: 'missing_features', comment: 'No SSO yet' },
			},
		});
		expect(canceled.executionError).toBeUndefined();
		const subscription = canceled.success[0].json;
		expect(subscription).toMatchObject({
			status: 'active',
			cancel_at_period_end: true,
			ends_at: subscription.current_period_end,
			customer_cancellation_reason: 'missing_features',
			customer_cancellation_comment: 'No SSO yet',
		});
		expect(subscription.canceled_at).toEqual(expect.any(String));

		const uncanceled = await runSubscription(polar(), 'uncancel', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(uncanceled.success[0].json).toMatchObject({
			cancel_at_period_end: false,
			ends_at: null,
			canceled_at: null,
			customer_cancellation_reason: null,
			customer_cancellation_comment: null,
		});
	});

	it('says what to do when Polar refuses: already canceling (403), ended (410), not canceling (400)', async () => {
		const again = await runSubscription(polar(), 'cancelAtPeriodEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.graceCanceling) },
		});
		expect(again.executionError?.message).toBe(
			'Polar did not cancel the subscription: the subscription is already canceled or will be at the end of the period (403)',
		);
		expect(again.executionError?.description).toMatch(/Subscription → Uncancel/);

		const ended = await runSubscription(polar(), 'uncancel', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.alanEnded) },
		});
		expect(ended.executionError?.message).toBe(
			'Polar did not uncancel the subscription: it has already ended (410)',
		);
		const notCanceling = await runSubscription(polar(), 'uncancel', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(notCanceling.executionError?.message).toBe(
			'Polar did not uncancel the subscription: it is not set to cancel (400)',
		);
	});

	it('revokes at once with DELETE: canceled and ended now, and no uncancel afterwards', async () => {
		const before = Date.now();
		const revoked = await runSubscription(polar(), 'revoke', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.graceCanceling) },
		});
		expect(revoked.executionError).toBeUndefined();
		const subscription = revoked.success[0].json;
		expect(subscription).toMatchObject({ status: 'canceled', cancel_at_period_end: true });
		expect(new Date(String(subscription.ended_at)).getTime()).toBeGreaterThanOrEqual(before - 1000);
		expect(polar().requests.map((r) => [r.method, r.body])).toEqual([['DELETE', undefined]]);

		const uncancel = await runSubscription(polar(), 'uncancel', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.graceCanceling) },
		});
		expect(uncancel.executionError?.message).toMatch(/it has already ended \(410\)/);
		const twice = await runSubscription(polar(), 'revoke', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.graceCanceling) },
		});
		expect(twice.executionError?.message).toBe(
			'Polar did not revoke the subscription: the subscription is already canceled or will be at the end of the period (403)',
		);
	});

	it('revokes with the customer’s reason through Polar’s revoke variant', async () => {
		const revoked = await runSubscription(polar(), 'revoke', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPaused),
				additionalFields: { reason: 'switched_service', comment: 'Moved to a competitor' },
			},
		});
		expect(revoked.success[0].json).toMatchObject({
			status: 'canceled',
			customer_cancellation_reason: 'switched_service',
			customer_cancellation_comment: 'Moved to a competitor',
		});
		expect(held(polar(), SUBSCRIPTION_IDS.adaPaused).ended_at).toEqual(expect.any(String));
	});

	it('with Continue (using error output), pairs each item with its own outcome', async () => {
		const result = await runSubscription(polar(), 'cancelAtPeriodEnd', {
			items: [
				{ id: SUBSCRIPTION_IDS.adaPro },
				{ id: SUBSCRIPTION_IDS.alanEnded },
				{ id: NO_SUBSCRIPTION },
			],
			parameters: { subscription: byId('={{ $json.id }}') },
			onError: 'continueErrorOutput',
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			expect.objectContaining({ id: SUBSCRIPTION_IDS.adaPro, cancel_at_period_end: true }),
		]);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expect(result.error.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[
				{ item: 1 },
				'Polar did not cancel the subscription: the subscription is already canceled or will be at the end of the period (403)',
			],
			[{ item: 2 }, `No Polar subscription with ID "${NO_SUBSCRIPTION}"`],
		]);
	});
});
