import { byId, runSubscription, SUBSCRIPTION_IDS, useSubscriptionDouble } from './fixtures';

const polar = useSubscriptionDouble();

describe('Subscription → Pause at Period End, Cancel Scheduled Pause, Resume', () => {
	it('schedules a pause with a resume date, refuses a second one (409), and cancels it', async () => {
		const resumesAt = new Date(Date.now() + 200 * 86_400_000).toISOString();
		const paused = await runSubscription(polar(), 'pauseAtPeriodEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), additionalFields: { resumesAt } },
		});
		expect(paused.success[0].json).toMatchObject({
			status: 'active',
			pause_at_period_end: true,
			resumes_at: resumesAt,
		});
		const again = await runSubscription(polar(), 'pauseAtPeriodEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(again.executionError?.message).toBe(
			'Polar did not pause the subscription: this subscription cannot be paused (409)',
		);
		const canceled = await runSubscription(polar(), 'cancelPause', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(canceled.success[0].json).toMatchObject({
			pause_at_period_end: false,
			resumes_at: null,
		});
		const none = await runSubscription(polar(), 'cancelPause', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(none.executionError?.message).toBe(
			'Polar did not cancel the scheduled pause: the subscription is not scheduled to pause (409)',
		);
	});

	it('resumes a paused subscription with a new period from now, and refuses one that is not paused', async () => {
		const before = Date.now();
		const resumed = await runSubscription(polar(), 'resume', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPaused) },
		});
		const subscription = resumed.success[0].json;
		expect(subscription).toMatchObject({ status: 'active', paused_at: null });
		expect(new Date(String(subscription.current_period_start)).getTime()).toBeGreaterThanOrEqual(
			before - 1000,
		);
		const notPaused = await runSubscription(polar(), 'resume', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(notPaused.executionError?.message).toBe(
			'Polar did not resume the subscription: the subscription is not paused (409)',
		);
	});

	it('a subscription pending an update (409 SubscriptionLocked) says to wait or clear it', async () => {
		const lever = await fetch(
			`${polar().url}/__double/subscriptions/${SUBSCRIPTION_IDS.adaPro}/lock`,
			{
				method: 'POST',
			},
		);
		expect(lever.status).toBe(200);
		const cancel = await runSubscription(polar(), 'cancelAtPeriodEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(cancel.executionError?.message).toBe(
			'Polar did not cancel the subscription: the subscription is pending an update (409)',
		);
		expect(cancel.executionError?.description).toMatch(/Clear Pending Update/);
		const revoke = await runSubscription(polar(), 'revoke', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(revoke.executionError?.message).toBe(
			'Polar did not revoke the subscription: the subscription is pending an update (409)',
		);
	});
});
