import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Every `WebhookEventType` Polar serves (the 42 of Polar's SDK 1.0.1, the same in each API
 * version), by display name. Sorted by name, so each resource's events sit together (Order
 * Created, Order Paid, …); a unit test compares the list with the SDK's.
 */
export const WEBHOOK_EVENTS: readonly INodePropertyOptions[] = [
	{ name: 'Benefit Created', value: 'benefit.created', description: 'A benefit was created' },
	{
		name: 'Benefit Grant Created',
		value: 'benefit_grant.created',
		description: 'A benefit was granted to a customer',
	},
	{
		name: 'Benefit Grant Cycled',
		value: 'benefit_grant.cycled',
		description: 'A benefit grant was renewed for a new period',
	},
	{
		name: 'Benefit Grant Revoked',
		value: 'benefit_grant.revoked',
		description: 'A benefit grant was revoked',
	},
	{
		name: 'Benefit Grant Updated',
		value: 'benefit_grant.updated',
		description: 'A benefit grant was updated',
	},
	{ name: 'Benefit Updated', value: 'benefit.updated', description: 'A benefit was updated' },
	{ name: 'Checkout Created', value: 'checkout.created', description: 'A checkout was created' },
	{ name: 'Checkout Expired', value: 'checkout.expired', description: 'A checkout expired' },
	{ name: 'Checkout Updated', value: 'checkout.updated', description: 'A checkout was updated' },
	{ name: 'Customer Created', value: 'customer.created', description: 'A customer was created' },
	{ name: 'Customer Deleted', value: 'customer.deleted', description: 'A customer was deleted' },
	{
		name: 'Customer Seat Assigned',
		value: 'customer_seat.assigned',
		description: 'A seat was assigned to a customer',
	},
	{
		name: 'Customer Seat Claimed',
		value: 'customer_seat.claimed',
		description: 'A customer claimed a seat',
	},
	{
		name: 'Customer Seat Revoked',
		value: 'customer_seat.revoked',
		description: 'A customer seat was revoked',
	},
	{
		name: 'Customer State Changed',
		value: 'customer.state_changed',
		description: 'A customer’s state (subscriptions, benefits, meters) changed',
	},
	{ name: 'Customer Updated', value: 'customer.updated', description: 'A customer was updated' },
	{ name: 'Discount Created', value: 'discount.created', description: 'A discount was created' },
	{ name: 'Discount Deleted', value: 'discount.deleted', description: 'A discount was deleted' },
	{ name: 'Discount Updated', value: 'discount.updated', description: 'A discount was updated' },
	{ name: 'Member Created', value: 'member.created', description: 'A member was created' },
	{ name: 'Member Deleted', value: 'member.deleted', description: 'A member was deleted' },
	{ name: 'Member Updated', value: 'member.updated', description: 'A member was updated' },
	{ name: 'Order Created', value: 'order.created', description: 'An order was created' },
	{
		name: 'Order Paid',
		value: 'order.paid',
		description: 'An order was paid: it is fully processed and the payment received',
	},
	{
		name: 'Order Refunded',
		value: 'order.refunded',
		description: 'An order was fully or partially refunded',
	},
	{ name: 'Order Updated', value: 'order.updated', description: 'An order was updated' },
	{
		name: 'Organization Updated',
		value: 'organization.updated',
		description: 'Your organization was updated',
	},
	{ name: 'Product Created', value: 'product.created', description: 'A product was created' },
	{ name: 'Product Updated', value: 'product.updated', description: 'A product was updated' },
	{
		name: 'Refund Created',
		value: 'refund.created',
		description: 'A refund was created, whatever its status',
	},
	{ name: 'Refund Updated', value: 'refund.updated', description: 'A refund was updated' },
	{
		name: 'Subscription Active',
		value: 'subscription.active',
		description: 'A subscription became active',
	},
	{
		name: 'Subscription Canceled',
		value: 'subscription.canceled',
		description: 'A subscription was canceled',
	},
	{
		name: 'Subscription Created',
		value: 'subscription.created',
		description: 'A subscription was created',
	},
	{
		name: 'Subscription Cycled',
		value: 'subscription.cycled',
		description: 'A subscription entered a new billing period',
	},
	{
		name: 'Subscription Migrated',
		value: 'subscription.migrated',
		description:
			'A subscription migrated from another billing provider went live on Polar; its provider and provider_subscription_id name it there',
	},
	{
		name: 'Subscription Past Due',
		value: 'subscription.past_due',
		description: 'A subscription payment failed and the subscription is past due',
	},
	{
		name: 'Subscription Paused',
		value: 'subscription.paused',
		description: 'A subscription was paused; the customer temporarily loses access',
	},
	{
		name: 'Subscription Resumed',
		value: 'subscription.resumed',
		description: 'A paused subscription resumed',
	},
	{
		name: 'Subscription Revoked',
		value: 'subscription.revoked',
		description: 'A subscription was revoked; the customer loses access at once',
	},
	{
		name: 'Subscription Uncanceled',
		value: 'subscription.uncanceled',
		description: 'A customer withdrew a pending cancellation',
	},
	{
		name: 'Subscription Updated',
		value: 'subscription.updated',
		description: 'A subscription changed in any way, renewals included',
	},
];

/** The Events choice that stands for every event. */
export const ALL_EVENTS = '*';

export const ALL_EVENT_TYPES: readonly string[] = WEBHOOK_EVENTS.map((event) =>
	String(event.value),
);

/** The event types to register: the chosen ones, or all of them. */
export function eventTypes(chosen: readonly string[]): string[] {
	return chosen.includes(ALL_EVENTS) ? [...ALL_EVENT_TYPES] : [...chosen];
}
