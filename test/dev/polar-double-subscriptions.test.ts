// Tests of the double's subscriptions against Polar's server rules (server/polar/subscription/
// service.py, models/subscription.py): the node's subscription tests are only as true as these.

import {
	buildSubscription,
	DISCOUNT_IDS,
	DiscountStore,
	FIXTURE_IDS,
	freeProduct,
	PRODUCT_IDS,
	seedCustomers,
	seedProducts,
	seedSubscriptions,
	SUBSCRIPTION_IDS,
	SubscriptionStore,
} from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';

const organizationId = FIXTURE_IDS.organization;
const customers = seedCustomers(organizationId).map((entry) => entry.customer);
const products = [freeProduct(organizationId), ...seedProducts(organizationId)];
const seed = () =>
	seedSubscriptions(
		customers,
		products,
		{
			ada: FIXTURE_IDS.ada,
			grace: FIXTURE_IDS.grace,
			alan: FIXTURE_IDS.alan,
			acme: FIXTURE_IDS.acmeTeam,
		},
		PRODUCT_IDS,
	);
const newStore = () =>
	new SubscriptionStore(
		seed,
		() => customers,
		() => products,
		organizationId,
	);
const json = (answer: { body: string }) => JSON.parse(answer.body) as Record<string, any>;

describe('the double’s subscriptions', () => {
	it('are shaped as Polar’s Subscription schema, seeded and built alike', () => {
		const ada = customers.find((c) => c.id === FIXTURE_IDS.ada)!;
		const built = buildSubscription({ customer: ada, product: products[0] });
		for (const subscription of [...seed(), built])
			expect(polarSpec().checkSchema('Subscription', subscription)).toEqual([]);
		expect(seed().map((s) => s.id)).toEqual(Object.values(SUBSCRIPTION_IDS));
	});

	it('add() makes a subscription (e.g. from a checkout) readable and listed first', () => {
		const store = newStore();
		const grace = customers.find((c) => c.id === FIXTURE_IDS.grace)!;
		const added = store.add(
			buildSubscription({
				customer: grace,
				product: products[0],
				checkoutId: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6',
			}),
		);
		expect(json(store.get(String(added.id)))).toMatchObject({
			checkout_id: '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6',
		});
		expect(json(store.list({})).items[0].id).toBe(added.id);
	});

	it('cancels at the period end as _perform_cancellation does, and uncancels until it has ended', () => {
		const store = newStore();
		const canceled = json(
			store.update(SUBSCRIPTION_IDS.adaPro, {
				cancel_at_period_end: true,
				customer_cancellation_reason: 'too_complex',
				customer_cancellation_comment: 'Hard to set up',
			}),
		);
		expect(canceled).toMatchObject({
			cancel_at_period_end: true,
			ends_at: canceled.current_period_end,
			customer_cancellation_reason: 'too_complex',
			customer_cancellation_comment: 'Hard to set up',
			status: 'active',
		});
		expect(canceled.canceled_at).not.toBeNull();
		expect(store.update(SUBSCRIPTION_IDS.adaPro, { cancel_at_period_end: true }).status).toBe(403);
		expect(
			json(store.update(SUBSCRIPTION_IDS.adaPro, { cancel_at_period_end: false })),
		).toMatchObject({
			cancel_at_period_end: false,
			ends_at: null,
			canceled_at: null,
			customer_cancellation_reason: null,
		});
		// Uncancel: 410 once ended (ResourceUnavailable), 400 when not set to cancel (BadRequest).
		expect(store.update(SUBSCRIPTION_IDS.alanEnded, { cancel_at_period_end: false }).status).toBe(
			410,
		);
		expect(store.update(SUBSCRIPTION_IDS.adaPro, { cancel_at_period_end: false }).status).toBe(400);
	});

	it('revokes at once (status canceled, ended now), a paused one too, but not twice', () => {
		const store = newStore();
		const revoked = json(store.revoke(SUBSCRIPTION_IDS.adaPaused));
		expect(revoked).toMatchObject({ status: 'canceled' });
		expect(revoked.ended_at).toBe(revoked.ends_at);
		const again = store.revoke(SUBSCRIPTION_IDS.adaPaused);
		expect([again.status, json(again).error]).toEqual([403, 'AlreadyCanceledSubscription']);
	});

	it('refuses changes to a canceled or canceling subscription with Polar’s 403', () => {
		const store = newStore();
		for (const [id, body] of [
			[SUBSCRIPTION_IDS.alanEnded, { product_id: PRODUCT_IDS.teamYearly }],
			[SUBSCRIPTION_IDS.graceCanceling, { seats: 2 }],
			[SUBSCRIPTION_IDS.graceCanceling, { current_billing_period_end: '2099-01-01T00:00:00Z' }],
		] as const) {
			const answer = store.update(id, body);
			expect([answer.status, json(answer).error]).toEqual([403, 'AlreadyCanceledSubscription']);
		}
		const inactive = store.update(SUBSCRIPTION_IDS.adaPaused, {
			trial_end: '2099-01-01T00:00:00Z',
		});
		expect([inactive.status, json(inactive).error]).toEqual([403, 'InactiveSubscription']);
	});

	it('changes products as update_product does: another interval is charged now, another organization’s product does not exist', () => {
		const store = newStore();
		const yearly = store.update(SUBSCRIPTION_IDS.adaPro, {
			product_id: PRODUCT_IDS.teamYearly,
			proration_behavior: 'prorate',
		});
		expect([yearly.status, json(yearly).error]).toEqual([402, 'PaymentFailed']);
		const foreign = new SubscriptionStore(
			seed,
			() => customers,
			() => seedProducts('0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d'),
			organizationId,
		);
		const missing = foreign.update(SUBSCRIPTION_IDS.adaPro, { product_id: PRODUCT_IDS.proMonthly });
		expect(json(missing).detail).toEqual([
			expect.objectContaining({ loc: ['body', 'product_id'], msg: 'Product does not exist.' }),
		]);
		const scheduled = json(
			store.update(SUBSCRIPTION_IDS.adaPro, {
				product_id: PRODUCT_IDS.teamYearly,
				proration_behavior: 'next_period',
			}),
		);
		expect(scheduled.product_id).toBe(PRODUCT_IDS.proMonthly);
		expect(scheduled.pending_update).toMatchObject({
			product_id: PRODUCT_IDS.teamYearly,
			applies_at: scheduled.current_period_end,
		});
	});

	it('lists with Polar’s filters and sorting', () => {
		const store = newStore();
		const ids = (query: Record<string, string>) =>
			json(store.list(query)).items.map((s: any) => s.id);
		expect(ids({ active: 'true' })).toEqual(
			expect.arrayContaining([SUBSCRIPTION_IDS.adaPro, SUBSCRIPTION_IDS.acmeTrial]),
		);
		expect(ids({ active: 'true' })).not.toContain(SUBSCRIPTION_IDS.adaPaused);
		expect(ids({ status: 'trialing' })).toEqual([SUBSCRIPTION_IDS.acmeTrial]);
		expect(ids({ 'metadata[none]': 'x' })).toEqual([]);
		const byCustomer = json(store.list({ sorting: 'customer', limit: '100' })).items.map(
			(s: any) => s.customer.email,
		);
		expect(byCustomer).toEqual([...byCustomer].sort());
		expect(json(store.list({ limit: '2', page: '2' })).pagination).toEqual({
			total_count: 6,
			max_page: 3,
		});
	});

	it('creates only for free recurring products and existing customers', () => {
		const store = newStore();
		const paid = store.create({ product_id: PRODUCT_IDS.proMonthly, customer_id: FIXTURE_IDS.ada });
		expect(json(paid).detail[0].msg).toMatch(/^Product is not free\./);
		const nobody = store.create({ product_id: products[0].id, external_customer_id: 'usr_nobody' });
		expect(json(nobody).detail[0]).toMatchObject({
			loc: ['body', 'external_customer_id'],
			msg: 'Customer does not exist.',
		});
		const created = store.create({ product_id: products[0].id, customer_id: FIXTURE_IDS.alan });
		expect(created.status).toBe(201);
		expect(polarSpec().checkSchema('Subscription', json(created))).toEqual([]);
	});

	it('applies a discount as resolve_discount does: only one the product and currency can take, once, redeemed', () => {
		const discounts = new DiscountStore(organizationId, products);
		const store = new SubscriptionStore(
			seed,
			() => customers,
			() => products,
			organizationId,
			discounts,
		);
		const apply = (subscription: string, discountId: string) =>
			store.update(subscription, { discount_id: discountId });
		const message = (answer: { body: string }) => json(answer).detail[0].msg;
		// SUMMER25 is for Pro Monthly only; Ada's paused subscription is Team Yearly.
		expect(message(apply(SUBSCRIPTION_IDS.adaPaused, DISCOUNT_IDS.summer))).toBe(
			'Discount does not exist, is not applicable to this product or is not redeemable.',
		);
		const applied = apply(SUBSCRIPTION_IDS.adaPro, DISCOUNT_IDS.summer);
		expect(applied.status).toBe(200);
		expect(json(applied)).toMatchObject({
			discount_id: DISCOUNT_IDS.summer,
			discount: { id: DISCOUNT_IDS.summer, basis_points: 2500, redemptions_count: 4 },
		});
		expect(json(applied).discount.products).toBeUndefined();
		expect(json(store.get(SUBSCRIPTION_IDS.adaPro)).discount_id).toBe(DISCOUNT_IDS.summer);
		expect(message(apply(SUBSCRIPTION_IDS.adaPro, DISCOUNT_IDS.summer))).toBe(
			'This discount is already applied to the subscription.',
		);
		// One redemption left: the second subscription takes it, the third finds none.
		const once = json(
			discounts.create({
				name: 'Stay',
				type: 'percentage',
				basis_points: 3000,
				duration: 'once',
				max_redemptions: 2,
			}),
		);
		discounts.redeem(once.id);
		expect(apply(SUBSCRIPTION_IDS.gracePending, once.id).status).toBe(200);
		expect(message(apply(SUBSCRIPTION_IDS.acmeTrial, once.id))).toMatch(/^Discount does not exist/);
		expect(discounts.discounts.find((d) => d.id === once.id)!.redemptions_count).toBe(2);
	});
});
