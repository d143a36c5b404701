// The double's subscriptions, stateful, as Polar's server keeps them (polarsource/polar c6c3645):
// - server/polar/subscription/endpoints.py (list, get, create, update, revoke: 404 ResourceNotFound)
// - server/polar/subscription/service.py: list (filters, -started_at) lines 423-525; create (free
//   recurring products only, 422 per field) 550-725; update's dispatch by body variant 1440-1566;
//   validate_product_change (403 AlreadyCanceledSubscription, 422 per product) 1568-1703;
//   validate_seats_change 1758-1784; update_product (next_period → pending_update; invoice or an
//   interval change charges now) 1786-1959; clear_pending_update 1961-2004; resolve_discount
//   2006-2061; update_trial 2092-2162; update_metadata 2164-2175; billing period 2415-2460;
//   uncancel (410, 400) 2462-2480; pause / cancel_scheduled_pause / resume 2567-2675;
//   _perform_cancellation (cancel at period end, revoke) 2763-2813; the errors 181-230.
// - server/polar/models/subscription.py: statuses, active/revoked, can_cancel, can_uncancel,
//   can_pause, can_cancel_scheduled_pause, can_resume (lines 60-100, 380-440, 525-566).
// - server/polar/subscription/schemas.py: seats ≥ 1, trial_end and current_billing_period_end
//   in the future (pydantic FutureDatetime); discount_id null removes the discount.
// - server/polar/order/service.py PaymentFailed (402) for a charge without a payment method.
// Polar's spec declares 409 SubscriptionLocked ("pending an update") on update and revoke, which
// the server at that commit never raises: the `lock` lever makes the double answer it.

import { randomUUID } from 'crypto';

import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { subscriptionExportRoute } from './subscription-export';
import { pathIds, requestBody, type ControlRoute, type Route } from './route';
import type { Customer } from './types';

type Json = Record<string, unknown>;

// Fixed ids (all valid uuid4) so tests can name subscriptions directly.
export const SUBSCRIPTION_IDS = {
	/** Ada → Pro Monthly, active. */
	adaPro: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c01',
	/** Grace → Team Yearly, active, set to cancel at the period end (too expensive). */
	graceCanceling: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c02',
	/** Alan → Pro Monthly, revoked: canceled and ended. */
	alanEnded: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c03',
	/** Acme (team) → Pro Monthly, trialing. */
	acmeTrial: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c04',
	/** Ada → Team Yearly, paused. */
	adaPaused: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c05',
	/** Grace → Pro Monthly, active, with a product change pending for the next period. */
	gracePending: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c06',
} as const;

/** A free recurring product (Polar's create takes only free ones); not among the seeded products. */
export const FREE_PRODUCT_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

/** Polar has no free price type: a free product's price is fixed at 0. */
export function freeProduct(organizationId: string): Json {
	const createdAt = '2025-05-01T09:00:00Z';
	return {
		id: FREE_PRODUCT_ID,
		created_at: createdAt,
		modified_at: null,
		trial_interval: null,
		trial_interval_count: null,
		name: 'Community (free)',
		description: null,
		visibility: 'public',
		recurring_interval: 'month',
		recurring_interval_count: 1,
		meter_interval: null,
		meter_interval_count: null,
		is_recurring: true,
		is_archived: false,
		organization_id: organizationId,
		metadata: {},
		prices: [
			{
				created_at: createdAt,
				modified_at: null,
				id: '0a1b2c3d-5555-4a2b-8c3d-4e5f6a7b8c05',
				source: 'catalog',
				amount_type: 'fixed',
				price_currency: 'usd',
				tax_behavior: null,
				is_archived: false,
				product_id: FREE_PRODUCT_ID,
				price_amount: 0,
			},
		],
		benefits: [],
		medias: [],
		attached_custom_fields: [],
	};
}

const DAY = 86_400_000;
const iso = (date: Date) => date.toISOString();

/** Polar's RecurringInterval.get_next_period, close enough: the same day of the next period. */
export function nextPeriod(start: Date, interval: string, count = 1): Date {
	const next = new Date(start);
	if (interval === 'day') next.setUTCDate(next.getUTCDate() + count);
	else if (interval === 'week') next.setUTCDate(next.getUTCDate() + 7 * count);
	else if (interval === 'year') next.setUTCFullYear(next.getUTCFullYear() + count);
	else next.setUTCMonth(next.getUTCMonth() + count);
	return next;
}

const priceAmount = (product: Json): number =>
	((product.prices as Json[]) ?? []).reduce(
		(sum, price) => sum + (typeof price.price_amount === 'number' ? price.price_amount : 0),
		0,
	);

export interface SubscriptionInit {
	id?: string;
	customer: Customer;
	product: Json;
	status?: string;
	startedAt?: Date;
	/** Defaults to startedAt. */
	periodStart?: Date;
	metadata?: Json;
	checkoutId?: string | null;
	now?: Date;
}

/** A subscription as Polar's Subscription schema shows it, fresh: active from its start. */
export function buildSubscription(init: SubscriptionInit): Json {
	const now = init.now ?? new Date();
	const startedAt = init.startedAt ?? now;
	const periodStart = init.periodStart ?? startedAt;
	const interval = String(init.product.recurring_interval ?? 'month');
	const count = Number(init.product.recurring_interval_count ?? 1);
	return {
		created_at: iso(startedAt),
		modified_at: null,
		id: init.id ?? randomUUID(),
		amount: priceAmount(init.product),
		currency: 'usd',
		recurring_interval: interval,
		recurring_interval_count: count,
		status: init.status ?? 'active',
		current_period_start: iso(periodStart),
		current_period_end: iso(nextPeriod(periodStart, interval, count)),
		current_meter_period_start: null,
		current_meter_period_end: null,
		trial_start: null,
		trial_end: null,
		cancel_at_period_end: false,
		canceled_at: null,
		started_at: iso(startedAt),
		ends_at: null,
		ended_at: null,
		past_due_at: null,
		pause_at_period_end: false,
		paused_at: null,
		resumes_at: null,
		customer_id: init.customer.id,
		product_id: init.product.id,
		discount_id: null,
		checkout_id: init.checkoutId ?? null,
		seats: null,
		customer_cancellation_reason: null,
		customer_cancellation_comment: null,
		metadata: init.metadata ?? {},
		custom_field_data: {},
		customer: init.customer,
		product: init.product,
		discount: null,
		prices: init.product.prices,
		meters: [],
		pending_update: null,
	};
}

/** The seeded subscriptions of the seeded customers and products, relative to `now`. */
export function seedSubscriptions(
	customers: readonly Customer[],
	products: readonly Json[],
	ids: { ada: string; grace: string; alan: string; acme: string },
	productIds: { proMonthly: string; teamYearly: string },
	now = new Date(),
): Json[] {
	const customer = (id: string) => customers.find((c) => c.id === id);
	const product = (id: string) => products.find((p) => p.id === id);
	const ago = (days: number) => new Date(now.getTime() - days * DAY);
	const seeds: Array<[string, string, string, number, (s: Json) => void]> = [
		[SUBSCRIPTION_IDS.adaPro, ids.ada, productIds.proMonthly, 10, () => {}],
		[
			SUBSCRIPTION_IDS.graceCanceling,
			ids.grace,
			productIds.teamYearly,
			40,
			(s) =>
				Object.assign(s, {
					cancel_at_period_end: true,
					canceled_at: iso(ago(2)),
					ends_at: s.current_period_end,
					customer_cancellation_reason: 'too_expensive',
				}),
		],
		[
			SUBSCRIPTION_IDS.alanEnded,
			ids.alan,
			productIds.proMonthly,
			90,
			(s) =>
				Object.assign(s, {
					status: 'canceled',
					canceled_at: iso(ago(30)),
					ends_at: iso(ago(30)),
					ended_at: iso(ago(30)),
					customer_cancellation_reason: 'unused',
				}),
		],
		[
			SUBSCRIPTION_IDS.acmeTrial,
			ids.acme,
			productIds.proMonthly,
			3,
			(s) => {
				const trialEnd = iso(new Date(now.getTime() + 11 * DAY));
				Object.assign(s, {
					status: 'trialing',
					trial_start: s.started_at,
					trial_end: trialEnd,
					current_period_end: trialEnd,
				});
			},
		],
		[
			SUBSCRIPTION_IDS.adaPaused,
			ids.ada,
			productIds.teamYearly,
			400,
			(s) => Object.assign(s, { status: 'paused', paused_at: iso(ago(35)) }),
		],
		[
			SUBSCRIPTION_IDS.gracePending,
			ids.grace,
			productIds.proMonthly,
			20,
			(s) =>
				Object.assign(s, {
					pending_update: {
						created_at: iso(ago(1)),
						modified_at: null,
						id: '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d06',
						applies_at: s.current_period_end,
						product_id: productIds.teamYearly,
						seats: null,
					},
				}),
		],
	];
	return seeds.flatMap(([id, customerId, productId, daysAgo, adjust]) => {
		const who = customer(customerId);
		const what = product(productId);
		if (!who || !what) return [];
		const started = ago(daysAgo);
		// A period that contains now: the start moved on by whole periods.
		let periodStart = started;
		const interval = String(what.recurring_interval);
		while (nextPeriod(periodStart, interval) <= now)
			periodStart = nextPeriod(periodStart, interval);
		const subscription = buildSubscription({
			id,
			customer: who,
			product: what,
			startedAt: started,
			periodStart,
			now,
		});
		adjust(subscription);
		return [subscription];
	});
}

type Body = Record<string, unknown>;

const refusal = (status: number, error: string, detail: string): CannedResponse =>
	jsonResponse(status, { error, detail });
/** 409s of pause and resume (service.py 204-223): the spec declares only SubscriptionLocked. */
const undeclared409 = (error: string, detail: string): CannedResponse => ({
	...refusal(409, error, detail),
	offSpec: `${error}: raised by subscription/service.py, not in the spec`,
});
const alreadyCanceled = () =>
	refusal(
		403,
		'AlreadyCanceledSubscription',
		'This subscription is already canceled or will be at the end of the period.',
	);
const invalid = (field: string, msg: string, input: unknown, type = 'value_error') =>
	polarErrors.validation([{ loc: ['body', field], msg, type, input }]);

const ACTIVE = ['trialing', 'active'];
const REVOKED = ['canceled', 'unpaid'];
const BILLABLE = [...ACTIVE, 'past_due'];

/** Polar's SubscriptionSortProperty, as values to compare. */
const SORT_KEYS: Record<string, (s: Json) => string | number> = {
	customer: (s) => String((s.customer as Json).email ?? ''),
	status: (s) => String(s.status),
	started_at: (s) => String(s.started_at ?? ''),
	current_period_end: (s) => String(s.current_period_end),
	ended_at: (s) => String(s.ended_at ?? ''),
	ends_at: (s) => String(s.ends_at ?? ''),
	amount: (s) => Number(s.amount),
	product: (s) => String((s.product as Json).name),
	discount: (s) => String(s.discount_id ?? ''),
};

/** Where updates find the organization's discounts (the discount store's). */
export interface SubscriptionDiscounts {
	/** The discount a subscription of this product and currency can take now, or undefined. */
	applicable(id: string, productId: string, currency: string, now: Date): Json | undefined;
	/** One redemption more; the discount as the subscription then embeds it. */
	redeem(id: string): Json | undefined;
}

/**
 * An answer holding subscriptions. A repeating discount matches two variants of the spec's
 * SubscriptionDiscount oneOf (as in discounts.ts), as Polar's own answer would.
 */
function subscriptionAnswer(status: number, value: unknown, subscriptions: Json[]): CannedResponse {
	const repeating = subscriptions.some(
		(s) => (s.discount as Json | null)?.duration === 'repeating',
	);
	return {
		...jsonResponse(status, value),
		...(repeating
			? { offSpec: 'a repeating discount matches two variants of the spec’s Discount oneOf' }
			: {}),
	};
}

export class SubscriptionStore {
	readonly subscriptions: Json[] = [];
	/** Subscriptions the `lock` lever marked as pending an update (409 SubscriptionLocked). */
	readonly locked = new Set<string>();

	constructor(
		private readonly seed: () => Json[],
		private readonly customers: () => readonly Customer[],
		private readonly products: () => readonly Json[],
		readonly organizationId: string,
		/** Without them, every discount ID is one Polar would not find. */
		private readonly discounts?: SubscriptionDiscounts,
	) {
		this.restore();
	}

	/** Back to the seeded subscriptions, unlocked (tests call it before each test). */
	restore(): void {
		this.subscriptions.splice(0, this.subscriptions.length, ...this.seed());
		this.locked.clear();
	}

	/** A new subscription, e.g. from a completed checkout (see buildSubscription). */
	add(subscription: Json): Json {
		this.subscriptions.unshift(subscription);
		return subscription;
	}

	find(id: string | undefined): Json | undefined {
		return this.subscriptions.find((s) => s.id === id?.toLowerCase());
	}

	/** GET /v1/subscriptions/ with Polar's filters and sorting (service.list). */
	list(query: Record<string, string>): CannedResponse {
		const limit = Math.min(100, Number(query.limit ?? 10));
		const page = Number(query.page ?? 1);
		const flag = (name: string) => (query[name] === undefined ? undefined : query[name] === 'true');
		const active = flag('active');
		const cancelAtPeriodEnd = flag('cancel_at_period_end');
		const time = (value: unknown) => (value ? new Date(String(value)).getTime() : NaN);
		const metadata = Object.entries(query)
			.map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
			.filter(([key]) => key !== undefined);
		const is = (name: string, value: unknown) =>
			query[name] === undefined || String(value) === query[name];
		const matches = this.subscriptions.filter(
			(s) =>
				s.started_at !== null &&
				is('organization_id', this.organizationId) &&
				is('product_id', s.product_id) &&
				is('customer_id', s.customer_id) &&
				is('external_customer_id', (s.customer as Json).external_id) &&
				is('discount_id', s.discount_id) &&
				(active === undefined || (active ? ACTIVE : REVOKED).includes(String(s.status))) &&
				is('status', s.status) &&
				(cancelAtPeriodEnd === undefined || s.cancel_at_period_end === cancelAtPeriodEnd) &&
				is('customer_cancellation_reason', s.customer_cancellation_reason) &&
				(query.canceled_at_after === undefined ||
					time(s.canceled_at) >= time(query.canceled_at_after)) &&
				(query.canceled_at_before === undefined ||
					time(s.canceled_at) <= time(query.canceled_at_before)) &&
				(query.started_after === undefined || time(s.started_at) > time(query.started_after)) &&
				(query.started_before === undefined || time(s.started_at) < time(query.started_before)) &&
				metadata.every(([key, value]) => String((s.metadata as Json)[key as string]) === value),
		);
		const sorting = (query.sorting ?? '-started_at').split(',');
		matches.sort((a, b) => {
			for (const criterion of sorting) {
				const descending = criterion.startsWith('-');
				const key = SORT_KEYS[criterion.replace(/^-/, '')];
				if (!key) continue;
				const [x, y] = [key(a), key(b)];
				if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
			}
			return 0;
		});
		const items = matches.slice((page - 1) * limit, page * limit);
		const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
		return subscriptionAnswer(200, { items, pagination }, items);
	}

	get(id: string): CannedResponse {
		const subscription = this.find(id);
		return subscription
			? subscriptionAnswer(200, subscription, [subscription])
			: polarErrors.notFound();
	}

	/** POST /v1/subscriptions/ (service.create): a free recurring product, an existing customer. */
	create(body: Body, now = new Date()): CannedResponse {
		const product = this.products().find(
			(p) =>
				p.id === String(body.product_id).toLowerCase() && p.organization_id === this.organizationId,
		);
		if (!product) return invalid('product_id', 'Product does not exist.', body.product_id);
		if (!product.is_recurring)
			return invalid('product_id', 'Product is not a recurring product.', body.product_id);
		if (priceAmount(product) > 0)
			return invalid(
				'product_id',
				'Product is not free. The customer should go through a checkout to create a paid subscription.',
				body.product_id,
			);
		const field = body.customer_id !== undefined ? 'customer_id' : 'external_customer_id';
		const customer = this.customers().find((c) =>
			field === 'customer_id'
				? c.id === String(body.customer_id).toLowerCase()
				: c.external_id === body.external_customer_id,
		);
		if (!customer) return invalid(field, 'Customer does not exist.', body[field]);
		const subscription = this.add(
			buildSubscription({ customer, product, metadata: (body.metadata ?? {}) as Json, now }),
		);
		return jsonResponse(201, subscription);
	}

	/** DELETE /v1/subscriptions/{id} (endpoints.revoke → service.revoke). */
	revoke(id: string, now = new Date()): CannedResponse {
		const subscription = this.find(id);
		if (!subscription) return polarErrors.notFound();
		if (this.locked.has(subscription.id as string)) return this.lockedAnswer();
		return this.cancel(subscription, {}, true, now);
	}

	/** PATCH /v1/subscriptions/{id} (service.update): one variant of SubscriptionUpdate. */
	update(id: string, body: Body, now = new Date()): CannedResponse {
		const s = this.find(id);
		if (!s) return polarErrors.notFound();
		if (this.locked.has(s.id as string)) return this.lockedAnswer();
		if ('seats' in body) return this.updateSeats(s, body);
		if ('current_billing_period_end' in body) return this.updatePeriodEnd(s, body, now);
		if ('cancel_at_period_end' in body) {
			return body.cancel_at_period_end === false
				? this.uncancel(s)
				: this.cancel(s, body, false, now);
		}
		if ('revoke' in body) return this.cancel(s, body, true, now);
		if ('pause_at_period_end' in body) return this.pause(s, body);
		if ('resume' in body) return this.resume(s, now);
		if ('pending_update' in body) {
			if (s.pending_update === null)
				return invalid('pending_update', 'This subscription has no pending update to clear.', null);
			s.pending_update = null;
			return this.changed(s, now);
		}
		return this.updateBase(s, body, now);
	}

	private lockedAnswer(): CannedResponse {
		return refusal(409, 'SubscriptionLocked', 'This subscription is pending an update.');
	}

	private changed(s: Json, now: Date): CannedResponse {
		s.modified_at = iso(now);
		return subscriptionAnswer(200, s, [s]);
	}

	/** _perform_cancellation: at the period end, or immediately (revoke). */
	private cancel(s: Json, body: Body, immediately: boolean, now: Date): CannedResponse {
		const status = String(s.status);
		const canCancel =
			immediately && status === 'paused'
				? s.ended_at === null
				: BILLABLE.includes(status) &&
					!s.ended_at &&
					(immediately || !(s.cancel_at_period_end || s.ends_at));
		if (!canCancel) return alreadyCanceled();
		s.canceled_at = iso(now);
		s.pause_at_period_end = false;
		s.resumes_at = null;
		if (body.customer_cancellation_reason)
			s.customer_cancellation_reason = body.customer_cancellation_reason;
		if (body.customer_cancellation_comment)
			s.customer_cancellation_comment = body.customer_cancellation_comment;
		if (immediately) {
			s.ends_at = iso(now);
			s.ended_at = iso(now);
			s.status = 'canceled';
		} else {
			s.cancel_at_period_end = true;
			s.ends_at = s.current_period_end;
		}
		return this.changed(s, now);
	}

	private uncancel(s: Json): CannedResponse {
		if (s.ended_at) return refusal(410, 'ResourceUnavailable', 'Unavailable');
		if (!(s.cancel_at_period_end && BILLABLE.includes(String(s.status))))
			return refusal(400, 'BadRequest', 'Bad request');
		Object.assign(s, {
			cancel_at_period_end: false,
			ends_at: null,
			canceled_at: null,
			customer_cancellation_reason: null,
			customer_cancellation_comment: null,
		});
		return this.changed(s, new Date());
	}

	private pause(s: Json, body: Body): CannedResponse {
		if (body.pause_at_period_end === false) {
			if (!(s.pause_at_period_end && s.status === 'active'))
				return undeclared409(
					'NoScheduledPause',
					'This subscription is not scheduled to be paused.',
				);
			s.pause_at_period_end = false;
			s.resumes_at = null;
			return this.changed(s, new Date());
		}
		const canPause =
			s.status === 'active' &&
			!s.cancel_at_period_end &&
			!s.pause_at_period_end &&
			s.ends_at === null;
		if (!canPause)
			return undeclared409('CannotPauseSubscription', 'This subscription cannot be paused.');
		const resumesAt = (body.resumes_at ?? null) as string | null;
		if (resumesAt !== null && new Date(resumesAt) <= new Date(String(s.current_period_end)))
			return invalid('resumes_at', 'resumes_at must be after the current period end.', resumesAt);
		s.pause_at_period_end = true;
		s.resumes_at = resumesAt === null ? null : iso(new Date(resumesAt));
		return this.changed(s, new Date());
	}

	/** resume: a new period from now, charged at once (by a job: no 402 here). */
	private resume(s: Json, now: Date): CannedResponse {
		if (s.status !== 'paused')
			return undeclared409('NotPausedSubscription', 'This subscription is not paused.');
		Object.assign(s, {
			status: 'active',
			paused_at: null,
			resumes_at: null,
			current_period_start: iso(now),
			current_period_end: iso(nextPeriod(now, String(s.recurring_interval))),
		});
		return this.changed(s, now);
	}

	private updateSeats(s: Json, body: Body): CannedResponse {
		if (Number(body.seats) < 1)
			return invalid(
				'seats',
				'Input should be greater than or equal to 1',
				body.seats,
				'greater_than_equal',
			);
		if (REVOKED.includes(String(s.status)) || s.cancel_at_period_end) return alreadyCanceled();
		// The seeded products have no seat-based price (validate_seats_change).
		return refusal(
			400,
			'NotASeatBasedSubscription',
			'This subscription does not support seat-based pricing.',
		);
	}

	private updatePeriodEnd(s: Json, body: Body, now: Date): CannedResponse {
		const end = new Date(String(body.current_billing_period_end));
		if (end <= now)
			return invalid(
				'current_billing_period_end',
				'Input should be in the future',
				body.current_billing_period_end,
				'datetime_future',
			);
		if (REVOKED.includes(String(s.status))) return alreadyCanceled();
		if (!ACTIVE.includes(String(s.status)))
			return refusal(403, 'InactiveSubscription', `Subscription ${String(s.id)} is not active.`);
		if (s.cancel_at_period_end) return alreadyCanceled();
		s.current_period_end = iso(end);
		return this.changed(s, now);
	}

	/** SubscriptionUpdateBase: product, discount, trial end, metadata (in the server's order). */
	private updateBase(s: Json, body: Body, now: Date): CannedResponse {
		const proration = (body.proration_behavior ?? null) as string | null;
		if (
			typeof body.trial_end === 'string' &&
			body.trial_end !== 'now' &&
			new Date(body.trial_end) <= now
		)
			return invalid(
				'trial_end',
				'Input should be in the future',
				body.trial_end,
				'datetime_future',
			);
		if (body.product_id != null) {
			if (proration === 'reset')
				return invalid(
					'proration_behavior',
					"The 'reset' proration behavior is not enabled for this organization.",
					proration,
				);
			const answer = this.changeProduct(s, String(body.product_id), proration ?? 'prorate', now);
			if (answer) return answer;
		} else if ('discount_id' in body) {
			if (body.discount_id === null) {
				s.discount_id = null;
				s.discount = null;
			} else {
				const answer = this.applyDiscount(s, String(body.discount_id), now);
				if (answer) return answer;
			}
		}
		if (body.trial_end != null) {
			const answer = this.updateTrial(s, body.trial_end as string, now);
			if (answer) return answer;
		}
		if ('metadata' in body) s.metadata = body.metadata;
		return this.changed(s, now);
	}

	/** resolve_discount and update_discount (service.py 2006-2090): a redeemable discount, once. */
	private applyDiscount(s: Json, id: string, now: Date): CannedResponse | undefined {
		const discount = this.discounts?.applicable(id, String(s.product_id), String(s.currency), now);
		if (!discount)
			return invalid(
				'discount_id',
				'Discount does not exist, is not applicable to this product or is not redeemable.',
				id,
			);
		if (discount.id === s.discount_id)
			return invalid('discount_id', 'This discount is already applied to the subscription.', id);
		s.discount = this.discounts!.redeem(String(discount.id)) ?? discount;
		s.discount_id = discount.id;
		return undefined;
	}

	private changeProduct(
		s: Json,
		productId: string,
		proration: string,
		now: Date,
	): CannedResponse | undefined {
		if (REVOKED.includes(String(s.status)) || s.cancel_at_period_end) return alreadyCanceled();
		const product = this.products().find(
			(p) => p.id === productId.toLowerCase() && p.organization_id === this.organizationId,
		);
		if (!product) return invalid('product_id', 'Product does not exist.', productId);
		if (product.is_archived) return invalid('product_id', 'Product is archived.', productId);
		if (!product.is_recurring) return invalid('product_id', 'Product is not recurring.', productId);
		if (proration === 'next_period') {
			s.pending_update = {
				created_at: iso(now),
				modified_at: null,
				id: randomUUID(),
				applies_at: s.current_period_end,
				product_id: product.id,
				seats: null,
			};
			return undefined;
		}
		const intervalChanged = product.recurring_interval !== s.recurring_interval;
		const charges = (proration === 'invoice' || intervalChanged) && s.status !== 'trialing';
		const customer = this.customers().find((c) => c.id === s.customer_id);
		// The charge must succeed for the change to apply (proration.mdx); no saved card, no charge.
		if (charges && !customer?.default_payment_method_id)
			return refusal(402, 'PaymentFailed', 'Payment failed with reason: missing_payment_method.');
		Object.assign(s, {
			product,
			product_id: product.id,
			prices: product.prices,
			amount: priceAmount(product),
			recurring_interval: product.recurring_interval,
			recurring_interval_count: product.recurring_interval_count,
			pending_update: null,
		});
		return undefined;
	}

	private updateTrial(s: Json, trialEnd: string, now: Date): CannedResponse | undefined {
		if (!ACTIVE.includes(String(s.status)))
			return refusal(403, 'InactiveSubscription', `Subscription ${String(s.id)} is not active.`);
		if (s.status === 'trialing') {
			if (trialEnd === 'now') {
				// The trial ends, and cycle() starts the first paid period at once.
				Object.assign(s, {
					trial_end: iso(now),
					status: 'active',
					current_period_start: iso(now),
					current_period_end: iso(nextPeriod(now, String(s.recurring_interval))),
				});
			} else {
				s.trial_end = s.current_period_end = iso(new Date(trialEnd));
			}
			return undefined;
		}
		if (trialEnd === 'now')
			return invalid('trial_end', 'The subscription is not currently trialing.', trialEnd);
		if (new Date(trialEnd) <= new Date(String(s.current_period_end)))
			return invalid('trial_end', 'Trial end must be after the current period end.', trialEnd);
		s.status = 'trialing';
		s.trial_end = s.current_period_end = iso(new Date(trialEnd));
		return undefined;
	}
}

const READ_SCOPES = ['subscriptions:read', 'subscriptions:write'];
const WRITE_SCOPES = ['subscriptions:write'];

/** The subscription endpoints over the store. */
export function subscriptionRoutes(subscriptions: SubscriptionStore): Route[] {
	return [
		// Before {id}, which would take "export" for an ID.
		subscriptionExportRoute(subscriptions),
		{
			method: 'GET',
			template: '/v1/subscriptions/',
			scopes: READ_SCOPES,
			answer: (request) => subscriptions.list(request.query),
		},
		{
			method: 'POST',
			template: '/v1/subscriptions/',
			scopes: WRITE_SCOPES,
			answer: (request) => subscriptions.create(requestBody(request)),
		},
		{
			method: 'GET',
			template: '/v1/subscriptions/{id}',
			scopes: READ_SCOPES,
			answer: (request) => subscriptions.get(pathIds(request)[0]),
		},
		{
			method: 'PATCH',
			template: '/v1/subscriptions/{id}',
			scopes: WRITE_SCOPES,
			// An update may lose its answer after Polar applied it (failNext's commit-then-…).
			faultable: true,
			answer: (request) => subscriptions.update(pathIds(request)[0], requestBody(request)),
		},
		{
			method: 'DELETE',
			template: '/v1/subscriptions/{id}',
			scopes: WRITE_SCOPES,
			answer: (request) => subscriptions.revoke(pathIds(request)[0]),
		},
	];
}

/**
 * Levers: POST /__double/subscriptions/{id}/lock makes updates and revocations of that
 * subscription answer 409 SubscriptionLocked; POST /__double/subscriptions/restore reseeds.
 */
export function subscriptionControlRoutes(subscriptions: SubscriptionStore): ControlRoute[] {
	return [
		{
			method: 'POST',
			pattern: /^subscriptions\/([^/]+)\/lock$/,
			answer(match) {
				const subscription = subscriptions.find(match[1]);
				if (!subscription) return polarErrors.notFound();
				subscriptions.locked.add(subscription.id as string);
				return jsonResponse(200, subscription);
			},
		},
		{
			method: 'POST',
			pattern: /^subscriptions\/restore$/,
			answer() {
				subscriptions.restore();
				return { status: 204, headers: {}, body: '' };
			},
		},
	];
}
