import {
	byId,
	FREE_PRODUCT_ID,
	held,
	PRODUCT_IDS,
	runSubscription,
	SUBSCRIPTION_IDS,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('Subscription → Change Product and Clear Pending Update', () => {
	it('with Prorate moves the subscription now, to a product of the same billing interval', async () => {
		const result = await runSubscription(polar(), 'changeProduct', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				product: { __rl: true, mode: 'list', value: FREE_PRODUCT_ID },
				additionalFields: { prorationBehavior: 'prorate' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			product_id: FREE_PRODUCT_ID,
			amount: 0,
			product: expect.objectContaining({ name: 'Community (free)' }),
		});
	});

	it('with Next Period schedules the change, and Clear Pending Update drops it', async () => {
		const scheduled = await runSubscription(polar(), 'changeProduct', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				product: byId(PRODUCT_IDS.teamYearly),
				additionalFields: { prorationBehavior: 'next_period' },
			},
		});
		expect(scheduled.success[0].json).toMatchObject({
			product_id: PRODUCT_IDS.proMonthly,
			pending_update: expect.objectContaining({ product_id: PRODUCT_IDS.teamYearly }),
		});
		const cleared = await runSubscription(polar(), 'clearPendingUpdate', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(cleared.success[0].json).toMatchObject({
			product_id: PRODUCT_IDS.proMonthly,
			pending_update: null,
		});
		const nothingLeft = await runSubscription(polar(), 'clearPendingUpdate', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(nothingLeft.executionError?.message).toBe(
			'pending_update: This subscription has no pending update to clear.',
		);
	});

	it('a change that charges a customer without a payment method: 402, nothing changed, and what to do', async () => {
		// Monthly to yearly: a change of billing interval is invoiced at once.
		const result = await runSubscription(polar(), 'changeProduct', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				product: byId(PRODUCT_IDS.teamYearly),
				additionalFields: { prorationBehavior: 'prorate' },
			},
		});
		expect(result.executionError?.message).toBe(
			'Polar did not change the product: charging the customer failed, so nothing was changed (402)',
		);
		expect(result.executionError?.description).toMatch(
			/payment method .* Polar said: Payment failed with reason: missing_payment_method\.$/,
		);
		expect(held(polar(), SUBSCRIPTION_IDS.adaPro).product_id).toBe(PRODUCT_IDS.proMonthly);
	});

	it('refuses a canceling subscription (403) and products Polar will not switch to (422)', async () => {
		const canceling = await runSubscription(polar(), 'changeProduct', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.graceCanceling),
				product: byId(PRODUCT_IDS.proMonthly),
			},
		});
		expect(canceling.executionError?.message).toBe(
			'Polar did not change the product: the subscription is already canceled or will be at the end of the period (403)',
		);
		for (const [product, said] of [
			[PRODUCT_IDS.ebook, 'product_id: Product is not recurring.'],
			[PRODUCT_IDS.legacyStarter, 'product_id: Product is archived.'],
		]) {
			const result = await runSubscription(polar(), 'changeProduct', {
				parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), product: byId(product) },
			});
			expect(result.executionError?.message).toBe(said);
		}
	});
});

describe('Subscription → Update Seats, Apply Discount, Remove Discount', () => {
	it('refuses a bad seat count before sending, and Polar’s non-seat subscription with what to do', async () => {
		const zero = await runSubscription(polar(), 'updateSeats', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), seats: 0 },
		});
		expect(zero.executionError?.message).toBe(
			'Seats "0" is not a whole number from 1 to 2147483647 [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
		const notSeats = await runSubscription(polar(), 'updateSeats', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), seats: 3 },
		});
		expect(notSeats.executionError?.message).toBe(
			'Polar did not change the seats: This subscription does not support seat-based pricing. (400)',
		);
	});

	it('applies only a discount Polar has, and removes one', async () => {
		const notUuid = await runSubscription(polar(), 'applyDiscount', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), discountId: byId('SUMMER25') },
		});
		// n8n itself refuses a By ID value that is not a UUID (the field's validation).
		expect(notUuid.executionError?.message).toMatch(/Not a Polar discount ID \(a UUID\)/);
		// A code given by an expression (a plain string) is refused by the node, naming the field.
		const byExpression = await runSubscription(polar(), 'applyDiscount', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), discountId: 'SUMMER25' },
		});
		expect(byExpression.executionError?.message).toMatch(/^Discount "SUMMER25" is not a Polar ID/);
		expect(polar().requests).toHaveLength(0);
		const unknown = await runSubscription(polar(), 'applyDiscount', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				discountId: { __rl: true, mode: 'list', value: '8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d' },
			},
		});
		expect(unknown.executionError?.message).toBe(
			'discount_id: Discount does not exist, is not applicable to this product or is not redeemable.',
		);
		held(polar(), SUBSCRIPTION_IDS.adaPro).discount_id = null;
		const removed = await runSubscription(polar(), 'removeDiscount', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(removed.success[0].json).toMatchObject({ discount_id: null, discount: null });
	});
});

describe('Subscription → Set Trial End, End Trial, Update Billing Period, Update Metadata', () => {
	it('extends a trial, then ends it now: the paid period starts', async () => {
		const trialEnd = at(20);
		const extended = await runSubscription(polar(), 'setTrialEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.acmeTrial), trialEnd },
		});
		expect(extended.success[0].json).toMatchObject({ status: 'trialing', trial_end: trialEnd });
		expect(extended.success[0].json.current_period_end).toBe(extended.success[0].json.trial_end);

		const ended = await runSubscription(polar(), 'endTrial', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.acmeTrial) },
		});
		expect(ended.success[0].json).toMatchObject({ status: 'active' });
		const notTrialing = await runSubscription(polar(), 'endTrial', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.acmeTrial) },
		});
		expect(notTrialing.executionError?.message).toBe(
			'trial_end: The subscription is not currently trialing.',
		);
	});

	it('refuses a past trial end before sending, and a paused subscription’s trial (403 inactive)', async () => {
		const past = await runSubscription(polar(), 'setTrialEnd', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.acmeTrial),
				trialEnd: '2020-01-01T00:00:00Z',
			},
		});
		expect(past.executionError?.message).toBe(
			'Trial End 2020-01-01T00:00:00.000Z has passed; Polar takes only a future time [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
		const paused = await runSubscription(polar(), 'setTrialEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPaused), trialEnd: at(60) },
		});
		expect(paused.executionError?.message).toBe(
			'Polar did not set the trial end: the subscription is not active (403)',
		);
		expect(paused.executionError?.description).toMatch(/Subscription → Resume/);
	});

	it('moves the renewal date of an active subscription, not of a canceled one', async () => {
		const end = at(5);
		const moved = await runSubscription(polar(), 'updateBillingPeriod', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), currentPeriodEnd: end },
		});
		expect(moved.success[0].json.current_period_end).toBe(end);
		const ended = await runSubscription(polar(), 'updateBillingPeriod', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.alanEnded), currentPeriodEnd: end },
		});
		expect(ended.executionError?.message).toBe(
			'Polar did not move the billing period end: the subscription is already canceled or will be at the end of the period (403)',
		);
	});

	it('replaces the metadata as a whole', async () => {
		held(polar(), SUBSCRIPTION_IDS.adaPro).metadata = { old: 'gone' };
		const result = await runSubscription(polar(), 'updateMetadata', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				metadata: { entries: [{ key: 'seats_sold', type: 'number', value: '12' }] },
			},
		});
		expect(result.success[0].json.metadata).toEqual({ seats_sold: 12 });
	});
});
