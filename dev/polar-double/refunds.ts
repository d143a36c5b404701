// The double's refunds, as Polar's server makes them, against a few paid orders of its own.
// Modelled on polarsource/polar (c6c3645):
// - server/polar/refund/service.py: the exceptions (lines 61-119); list (filters, -created_at)
//   123-178; user_create (422 "Order not found", 422 "Refund amount exceeds refundable amount")
//   180-220; create (the checks in order: RefundsBlocked 403, RefundedAlready 403,
//   RevokeSubscriptionBenefitsProhibited 400, the amount, RefundUnknownPayment 404 for an order
//   without a succeeded payment, Stripe's charge_disputed → RefundDisputedPayment 403) 222-297;
//   _on_succeeded updating the order's refunds 480-500.
// - server/polar/models/order.py: refundable_amount, refundable_tax_amount, update_refunds
//   (lines 357-385) and calculate_refunded_tax_from_subtotal (454-468), with Python's round().
// - server/polar/refund/schemas.py (Refund, RefundCreate), endpoints.py (201, 403 schema).
// The orders are reached through RefundableOrders ({ get, update }), so that the double's own
// order store can stand in for the seeded ones here.

import { randomUUID } from 'crypto';

import { FIXTURE_IDS } from './fixtures';
import { PRODUCT_IDS, seedProducts } from './products';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { requestBody, type Route } from './route';

type Json = Record<string, unknown>;

/** Where the refunds find Polar's orders (the Order schema) and record what they refunded. */
export interface RefundableOrders {
	get(id: string): Json | undefined;
	update(id: string, patch: Json): void;
}

/** Fixed ids (all valid uuid4) of the seeded orders, one per case a refund tells apart. */
export const REFUNDABLE_ORDER_IDS = {
	/** One-time e-book, 29.00 USD with 5.80 USD tax, paid. */
	oneTime: '0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a01',
	/** First order of a Pro Monthly subscription, 19.00 USD, paid. */
	subscription: '1f2e3d4c-5b6a-4798-8b2c-3d4e5f6a7b02',
	/** One-time, 100.00 USD, 40.00 USD already refunded. */
	partiallyRefunded: '2a3f4e5d-6c7b-48a9-9c3d-4e5f6a7b8c03',
	/** One-time, 49.00 USD, all of it refunded. */
	refunded: '3b4a5f6e-7d8c-49ba-ad4e-5f6a7b8c9d04',
	/** One-time, paid, and the customer disputed the charge with their bank. */
	disputed: '4c5b6a7f-8e9d-4acb-be5f-6a7b8c9d0e05',
	/** One-time, not paid yet: no payment to refund. */
	pending: '5d6c7b8a-9f0e-4bdc-8f6a-7b8c9d0e1f06',
	/** One-time, 3000 JPY (a zero-decimal currency: amounts are yen, not hundredths). */
	yen: '6e7d8c9b-a01f-4ced-906b-8c9d0e1f2a07',
	/** One-time, paid, with refunds blocked by Polar. */
	blocked: '7f8e9dac-b12a-4dfe-a17c-9d0e1f2a3b08',
} as const;

export const SUBSCRIPTION_ID = '8a9fae0b-c23b-4e0f-b28d-0e1f2a3b4c09';

const PRODUCT_KEYS = [
	'metadata',
	'id',
	'created_at',
	'modified_at',
	'trial_interval',
	'trial_interval_count',
	'name',
	'description',
	'visibility',
	'recurring_interval',
	'recurring_interval_count',
	'meter_interval',
	'meter_interval_count',
	'is_recurring',
	'is_archived',
	'organization_id',
];

const pick = (value: Json, keys: string[]): Json =>
	Object.fromEntries(keys.map((key) => [key, value[key]]));

interface OrderSeed {
	id: string;
	status: 'paid' | 'partially_refunded' | 'refunded' | 'pending';
	net: number;
	tax?: number;
	refunded?: number;
	refundedTax?: number;
	currency?: string;
	product: string;
	createdAt: string;
	subscription?: boolean;
}

function order(organizationId: string, products: Json[], seed: OrderSeed): Json {
	const product = products.find((p) => p.id === seed.product)!;
	const tax = seed.tax ?? 0;
	const currency = seed.currency ?? 'usd';
	const createdAt = seed.createdAt;
	const customer = {
		id: FIXTURE_IDS.ada,
		created_at: '2025-09-01T10:00:00.000Z',
		modified_at: null,
		metadata: {},
		external_id: 'usr_ada',
		email: 'ada@example.com',
		email_verified: true,
		type: 'individual',
		name: 'Ada Lovelace',
		billing_name: 'Ada Lovelace',
		billing_address: null,
		tax_id: null,
		organization_id: organizationId,
		deleted_at: null,
		first_user_event_at: null,
		avatar_url: null,
	};
	const subscription = seed.subscription
		? {
				metadata: {},
				created_at: createdAt,
				modified_at: null,
				id: SUBSCRIPTION_ID,
				amount: seed.net,
				currency,
				recurring_interval: 'month',
				recurring_interval_count: 1,
				status: 'active',
				current_period_start: createdAt,
				current_period_end: '2025-12-01T09:00:00Z',
				current_meter_period_start: null,
				current_meter_period_end: null,
				trial_start: null,
				trial_end: null,
				cancel_at_period_end: false,
				canceled_at: null,
				started_at: createdAt,
				ends_at: null,
				ended_at: null,
				pause_at_period_end: false,
				paused_at: null,
				resumes_at: null,
				customer_id: FIXTURE_IDS.ada,
				product_id: seed.product,
				discount_id: null,
				checkout_id: null,
				customer_cancellation_reason: null,
				customer_cancellation_comment: null,
			}
		: null;
	const json: Json = {
		id: seed.id,
		created_at: createdAt,
		modified_at: null,
		status: seed.status,
		paid: seed.status !== 'pending',
		subtotal_amount: seed.net,
		discount_amount: 0,
		net_amount: seed.net,
		tax_amount: tax,
		total_amount: seed.net + tax,
		applied_balance_amount: 0,
		due_amount: seed.status === 'pending' ? seed.net + tax : 0,
		refunded_amount: seed.refunded ?? 0,
		refunded_tax_amount: seed.refundedTax ?? 0,
		currency,
		billing_reason: seed.subscription ? 'subscription_create' : 'purchase',
		billing_name: 'Ada Lovelace',
		billing_address: null,
		invoice_number: seed.status === 'pending' ? null : `POLAR-${seed.id.slice(0, 4)}`,
		is_invoice_generated: false,
		receipt_number: null,
		customer_id: FIXTURE_IDS.ada,
		product_id: seed.product,
		discount_id: null,
		subscription_id: subscription ? SUBSCRIPTION_ID : null,
		checkout_id: null,
		metadata: {},
		platform_fee_amount: 0,
		platform_fee_currency: null,
		customer,
		product: pick(product, PRODUCT_KEYS),
		discount: null,
		subscription,
		items: [
			{
				created_at: createdAt,
				modified_at: null,
				id: randomUUID(),
				label: String(product.name),
				amount: seed.net,
				tax_amount: tax,
				proration: false,
				product_price_id: null,
			},
		],
		description: String(product.name),
	};
	return withRefundable(json);
}

/** The Order's read-only amounts, as its properties compute them. */
function withRefundable(order: Json): Json {
	const n = (key: string) => order[key] as number;
	return {
		...order,
		refundable_amount: Math.max(
			0,
			n('net_amount') + n('applied_balance_amount') - n('refunded_amount'),
		),
		refundable_tax_amount: Math.max(0, n('tax_amount') - n('refunded_tax_amount')),
	};
}

/** Orders of Ada's, one per case a refund tells apart (REFUNDABLE_ORDER_IDS), newest first. */
export function seedRefundableOrders(organizationId: string): Json[] {
	const products = seedProducts(organizationId);
	const seeds: OrderSeed[] = [
		{
			id: REFUNDABLE_ORDER_IDS.oneTime,
			status: 'paid',
			net: 2900,
			tax: 580,
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-08T09:00:00Z',
		},
		{
			id: REFUNDABLE_ORDER_IDS.subscription,
			status: 'paid',
			net: 1900,
			product: PRODUCT_IDS.proMonthly,
			createdAt: '2025-10-07T09:00:00Z',
			subscription: true,
		},
		{
			id: REFUNDABLE_ORDER_IDS.partiallyRefunded,
			status: 'partially_refunded',
			net: 10000,
			refunded: 4000,
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-06T09:00:00Z',
		},
		{
			id: REFUNDABLE_ORDER_IDS.refunded,
			status: 'refunded',
			net: 4900,
			refunded: 4900,
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-05T09:00:00Z',
		},
		{
			id: REFUNDABLE_ORDER_IDS.disputed,
			status: 'paid',
			net: 2900,
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-04T09:00:00Z',
		},
		{
			id: REFUNDABLE_ORDER_IDS.pending,
			status: 'pending',
			net: 2900,
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-03T09:00:00Z',
		},
		{
			id: REFUNDABLE_ORDER_IDS.yen,
			status: 'paid',
			net: 3000,
			currency: 'jpy',
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-02T09:00:00Z',
		},
		{
			id: REFUNDABLE_ORDER_IDS.blocked,
			status: 'paid',
			net: 2900,
			product: PRODUCT_IDS.ebook,
			createdAt: '2025-10-01T09:00:00Z',
		},
	];
	return seeds.map((seed) => order(organizationId, products, seed));
}

/** The seeded orders as a RefundableOrders (each update recomputes the refundable amounts). */
/** The refund rules' view of the double's order store: orders changed in place. */
export function refundableOrders(store: { find(id: string): Json | undefined }): RefundableOrders {
	return {
		get: (id) => store.find(id),
		update(id, patch) {
			const order = store.find(id);
			if (order) Object.assign(order, withRefundable({ ...order, ...patch }));
		},
	};
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
	const floor = Math.floor(value);
	const diff = value - floor;
	if (Math.abs(diff - 0.5) > 1e-9) return Math.round(value);
	return floor % 2 === 0 ? floor : floor + 1;
}

/** The tax refunded with `amount` (Order.calculate_refunded_tax_from_subtotal), or undefined when too high. */
export function refundedTax(order: Json, amount: number): number | undefined {
	const refundable = order.refundable_amount as number;
	if (amount > refundable) return undefined;
	if (amount === refundable) return order.refundable_tax_amount as number;
	const tax = order.tax_amount as number;
	if (tax <= 0) return 0;
	return Math.min(
		roundHalfEven(amount * (tax / (order.net_amount as number))),
		order.refundable_tax_amount as number,
	);
}

/** Polar's 403/400/404 refund errors: `{ error: <exception class>, detail }`. */
const refundError = (status: number, error: string, detail: string): CannedResponse => ({
	...jsonResponse(status, { error, detail }),
	// The spec documents RefundedAlready as the only 403 and no 400 or 404; the server raises these.
	...(error === 'RefundedAlready' ? {} : { offSpec: `${error}: raised by refund/service.py` }),
});

export interface RefundStoreOptions {
	organizationId: string;
	/** Orders whose charge the customer disputed (Stripe answers charge_disputed). */
	disputed?: readonly string[];
	/** Orders whose refunds Polar blocked (refunds_blocked_at). */
	blocked?: readonly string[];
	/** A customer's Polar IDs for an external ID, for the external_customer_id filter. */
	customerIds?(externalId: string): string[];
}

/** The refunds Polar holds and makes, newest first. */
export class RefundStore {
	readonly refunds: Json[] = [];

	constructor(
		private readonly orders: RefundableOrders,
		private readonly options: RefundStoreOptions,
	) {
		// The refunds that made the seeded orders what they are.
		for (const id of [REFUNDABLE_ORDER_IDS.partiallyRefunded, REFUNDABLE_ORDER_IDS.refunded]) {
			const found = orders.get(id);
			if (!found) continue;
			this.refunds.push(
				this.refund(found, {
					amount: found.refunded_amount as number,
					tax: found.refunded_tax_amount as number,
					reason: 'customer_request',
					revokeBenefits: false,
					metadata: {},
					createdAt: '2025-10-09T09:00:00Z',
				}),
			);
		}
	}

	private refund(
		order: Json,
		made: {
			amount: number;
			tax: number;
			reason: unknown;
			revokeBenefits: boolean;
			metadata: unknown;
			createdAt: string;
		},
	): Json {
		return {
			created_at: made.createdAt,
			modified_at: null,
			id: randomUUID(),
			metadata: made.metadata ?? {},
			status: 'succeeded',
			reason: made.reason,
			amount: made.amount,
			tax_amount: made.tax,
			currency: order.currency,
			organization_id: this.options.organizationId,
			order_id: order.id,
			subscription_id: order.subscription_id,
			customer_id: order.customer_id,
			revoke_benefits: made.revokeBenefits,
			dispute: null,
		};
	}

	/** POST /v1/refunds/ (user_create, then create). */
	create(body: Json): CannedResponse {
		const orderId = String(body.order_id);
		const found = this.orders.get(orderId);
		if (!found) {
			return polarErrors.validation([
				{ loc: ['body', 'order_id'], msg: 'Order not found', type: 'value_error', input: orderId },
			]);
		}
		if (this.options.blocked?.includes(orderId))
			return refundError(403, 'RefundsBlocked', `Refunds are blocked for order: ${orderId}`);
		if (found.status === 'refunded')
			return refundError(403, 'RefundedAlready', `Order is already fully refunded: ${orderId}`);
		const revokeBenefits = body.revoke_benefits === true;
		if (revokeBenefits && found.subscription_id !== null) {
			return refundError(
				400,
				'RevokeSubscriptionBenefitsProhibited',
				'Subscription benefits can only be revoked upon cancellation',
			);
		}
		const amount = body.amount as number;
		const tax = refundedTax(found, amount);
		if (tax === undefined) {
			return polarErrors.validation([
				{
					loc: ['body', 'amount'],
					msg: 'Refund amount exceeds refundable amount',
					type: 'value_error',
					input: amount,
				},
			]);
		}
		if (!found.paid) {
			return refundError(
				404,
				'RefundUnknownPayment',
				`Refund issued for unknown order: ${orderId}`,
			);
		}
		if (this.options.disputed?.includes(orderId)) {
			return refundError(
				403,
				'RefundDisputedPayment',
				`Refund cannot be issued for order with disputed payment: ${orderId}`,
			);
		}
		const refund = this.refund(found, {
			amount,
			tax,
			reason: body.reason,
			revokeBenefits,
			metadata: body.metadata,
			createdAt: new Date().toISOString(),
		});
		this.refunds.unshift(refund);
		// Order.update_refunds: the status follows what is left of the net amount.
		const refunded = (found.refunded_amount as number) + amount;
		const ceiling = (found.net_amount as number) + (found.applied_balance_amount as number);
		this.orders.update(orderId, {
			refunded_amount: refunded,
			refunded_tax_amount: (found.refunded_tax_amount as number) + tax,
			status: refunded === 0 ? 'paid' : refunded >= ceiling ? 'refunded' : 'partially_refunded',
		});
		return jsonResponse(201, refund);
	}

	/** GET /v1/refunds/ with Polar's filters, newest first. */
	list(query: Record<string, string>): CannedResponse {
		const limit = Math.min(100, Number(query.limit ?? 10));
		const page = Number(query.page ?? 1);
		const is = (key: string, value: unknown) =>
			query[key] === undefined || String(value).toLowerCase() === query[key].toLowerCase();
		const customers =
			query.external_customer_id === undefined
				? undefined
				: (this.options.customerIds?.(query.external_customer_id) ?? []);
		const matches = this.refunds.filter(
			(r) =>
				is('id', r.id) &&
				is('organization_id', r.organization_id) &&
				is('order_id', r.order_id) &&
				is('subscription_id', r.subscription_id) &&
				is('customer_id', r.customer_id) &&
				(customers === undefined || customers.includes(String(r.customer_id))) &&
				(query.succeeded === undefined ||
					(r.status === 'succeeded') === (query.succeeded === 'true')),
		);
		const items = matches.slice((page - 1) * limit, page * limit);
		const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
		return jsonResponse(200, { items, pagination });
	}
}

/**
 * GET /v1/orders/{id} over the seeded orders, for the refund's reading of its order; the double's
 * own order routes replace it once they hold the orders.
 */
/** The refund endpoints. Creating one may lose its answer (failNext's commit-then-… scenarios). */
export function refundRoutes(store: RefundStore): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/refunds/',
			scopes: ['refunds:read', 'refunds:write'],
			answer: (request) => store.list(request.query),
		},
		{
			method: 'POST',
			template: '/v1/refunds/',
			scopes: ['refunds:write'],
			faultable: true,
			answer: (request) => store.create(requestBody(request)),
		},
	];
}
