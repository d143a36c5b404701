// A buyer completing a checkout, and what Polar's server then does, modelled on
// polarsource/polar server/polar/:
// - checkout/service.py: get_by_client_secret 1620-1636 (an expired checkout: 410
//   ExpiredCheckoutError, 152-155, before anything else); confirm 1049-1081 and _update_checkout
//   2059-2069 (a checkout not open: 403 NotOpenCheckout, 185-190); _create_or_update_customer
//   2908-2945 (the customer named, else the one with the checkout's email, else a new one with
//   the checkout's email and external ID); _confirm_inner 1380-1385 (status confirmed, then
//   _after_checkout_updated 3047-3055: checkout.updated); handle_success 1401-1475 (a recurring
//   product: the subscription, then its order; else a one-time order; then status succeeded and
//   checkout.updated again);
// - customer/repository.py 85-96 (a new customer: customer.created);
// - subscription/service.py create_or_update_from_checkout 842-956 (active, the period from the
//   product's interval; subscription.created, subscription.active by _after_subscription_created
//   1406-1438, then subscription.updated 955-956);
// - order/service.py _create_order_from_checkout 787-884 (paid; amounts, discount, billing,
//   metadata and custom fields from the checkout; linked to checkout and subscription) and
//   _on_order_created 2864-2899 (order.created, then order.updated and order.paid).
// Payment itself (Stripe) is not played: the buyer always pays.

import { randomUUID } from 'crypto';

import type { CheckoutStore } from './checkouts';
import type { CustomerStore } from './customers';
import { buildOrder, type OrderStore } from './orders';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { buildSubscription, type SubscriptionStore } from './subscriptions';
import type { Customer } from './types';
import type { Delivery } from './webhook-deliveries';
import type { WebhookEndpointStore } from './webhooks';

type Json = Record<string, unknown>;

export interface CompletionDeps {
	checkouts: CheckoutStore;
	customers: CustomerStore;
	orders: OrderStore;
	subscriptions: SubscriptionStore;
	webhooks: WebhookEndpointStore;
	/** The product as the catalog holds it (a checkout shows it trimmed). */
	product: (id: string) => Json | undefined;
	/** The organization's discount by ID, deleted ones included (a checkout keeps its own). */
	discount: (id: string) => Json | undefined;
}

/** What the buyer types into the checkout form, where the checkout left it open. */
export interface BuyerInput {
	customer_email?: string;
	customer_name?: string;
}

export interface Completion {
	/** The control route's answer: the checkout, order and subscription, or Polar's refusal. */
	answer: CannedResponse;
	/** The webhook events in the order Polar sends them, each to every subscribed endpoint. */
	delivered: Promise<Delivery[]>;
}

const refusal = (status: number, error: string, detail: string): CannedResponse =>
	jsonResponse(status, { error, detail });

/** A customer as Polar's checkout makes one: the checkout's email, external ID and billing. */
function newCustomer(organizationId: string, checkout: Json, now: string): Customer {
	return {
		id: randomUUID(),
		created_at: now,
		modified_at: null,
		metadata: {},
		external_id: checkout.external_customer_id ?? null,
		email: checkout.customer_email,
		email_verified: false,
		type: 'individual',
		name: checkout.customer_name ?? null,
		billing_name: checkout.customer_billing_name ?? checkout.customer_name ?? null,
		billing_address: checkout.customer_billing_address ?? null,
		tax_id: null,
		locale: null,
		organization_id: organizationId,
		default_payment_method_id: null,
		deleted_at: null,
		first_user_event_at: null,
		avatar_url: null,
	} as unknown as Customer;
}

/** The discount as an order or subscription embeds it (Discount…Base: no products). */
function embedded(discount: Json | undefined): Json | null {
	if (!discount) return null;
	const view = { ...discount };
	delete view.products;
	delete view.deleted;
	return view;
}

export function completeCheckout(
	deps: CompletionDeps,
	id: string,
	buyer: BuyerInput = {},
): Completion {
	const refused = (answer: CannedResponse): Completion => ({
		answer,
		delivered: Promise.resolve([]),
	});
	const { checkouts, customers, orders, subscriptions, webhooks } = deps;
	const entry = checkouts.find(id);
	if (!entry) return refused(polarErrors.notFound());
	const clock = checkouts.clock;
	if (entry.expiresAt < clock.now())
		return refused(refusal(410, 'ExpiredCheckoutError', 'This checkout session has expired.'));
	const record = entry.record;
	if (record.status !== 'open')
		return refused(
			refusal(
				403,
				'NotOpenCheckout',
				`Checkout ${String(record.id)} is not open: ${String(record.status)}`,
			),
		);
	// CheckoutConfirm: the buyer's form fills what the checkout left empty; an email is required.
	record.customer_email ??= buyer.customer_email ?? null;
	record.customer_name ??= buyer.customer_name ?? null;
	if (record.customer_id === null && record.customer_email === null)
		return refused(
			polarErrors.validation([
				{ loc: ['body', 'customer_email'], msg: 'Field required', type: 'missing', input: null },
			]),
		);

	const events: Array<[string, () => Json]> = [];
	const nowMs = clock.now();
	const now = new Date(nowMs).toISOString();
	const organizationId = customers.organizationId;
	let customer =
		record.customer_id === null
			? undefined
			: customers.find({ id: String(record.customer_id) })?.customer;
	if (!customer) {
		const email = String(record.customer_email).toLowerCase();
		customer = customers.customers.find((c) => c.email?.toLowerCase() === email);
	}
	if (!customer) {
		const created = newCustomer(organizationId, record, now);
		customers.add(created);
		customer = created;
		events.push(['customer.created', () => created as unknown as Json]);
	}
	record.customer_id = customer.id;
	record.status = 'confirmed';
	record.modified_at = now;
	const confirmed = checkouts.view(entry);
	events.unshift(['checkout.updated', () => confirmed]);

	const product = deps.product(String(record.product_id)) ?? (record.product as Json);
	const discount =
		record.discount_id === null ? undefined : deps.discount(String(record.discount_id));
	let subscription: Json | null = null;
	if (product.is_recurring === true) {
		subscription = buildSubscription({
			customer,
			product,
			checkoutId: String(record.id),
			metadata: record.metadata as Json,
			now: new Date(nowMs),
		});
		Object.assign(subscription, {
			discount_id: record.discount_id,
			discount: embedded(discount),
			custom_field_data: record.custom_field_data,
		});
		subscriptions.add(subscription);
		const sub = subscription;
		events.push(
			['subscription.created', () => sub],
			['subscription.active', () => sub],
			['subscription.updated', () => sub],
		);
	}
	const order = buildOrder(organizationId, {
		createdAt: now,
		customerId: customer.id,
		product,
		status: 'paid',
		subscriptionId: subscription ? String(subscription.id) : null,
		checkoutId: String(record.id),
		billingName: customer.billing_name ?? null,
		billingAddress: (customer.billing_address ?? null) as Json | null,
		taxAmount: Number(record.tax_amount ?? 0),
		metadata: record.metadata as Json,
	});
	const subtotal = Number(record.amount);
	const net = Number(record.net_amount);
	const tax = Number(record.tax_amount ?? 0);
	Object.assign(order, {
		subtotal_amount: subtotal,
		discount_amount: Number(record.discount_amount),
		net_amount: net,
		total_amount: net + tax,
		refundable_amount: net,
		platform_fee_amount: Math.round(net * 0.04),
		currency: record.currency,
		discount_id: record.discount_id,
		discount: embedded(discount),
		custom_field_data: record.custom_field_data,
	});
	orders.add(order);
	const rendered = () => orders.render(order);
	events.push(['order.created', rendered], ['order.updated', rendered], ['order.paid', rendered]);

	record.status = 'succeeded';
	record.payment_processor_metadata = {
		...(record.payment_processor_metadata as Json),
		intent_status: 'succeeded',
	};
	const succeeded = checkouts.view(entry);
	events.push(['checkout.updated', () => succeeded]);

	// Each event's payload is taken now, in Polar's order; the sends follow one another.
	const payloads = events.map(
		([type, data]) => [type, JSON.parse(JSON.stringify(data())) as Json] as const,
	);
	const delivered = payloads.reduce<Promise<Delivery[]>>(
		async (before, [type, data]) => [...(await before), ...(await webhooks.publish(type, data))],
		Promise.resolve([]),
	);
	return {
		answer: jsonResponse(200, {
			checkout: succeeded,
			order: rendered(),
			subscription,
			customer_created: events.some(([type]) => type === 'customer.created'),
			events: payloads.map(([type]) => type),
		}),
		delivered,
	};
}
