// For each operation the node offers: where each request-body property and query parameter of
// Polar's spec comes from. `field` is the node field's path in the description (through
// collections and fixed collections), with `read`, the node's own reader, where the spec sets a
// limit; `setByNode` says why the node fills (or leaves out) a value itself; `gap` names a spec
// field the node does not reach yet. Adding an operation is one entry here.

import { readCustomerName } from '../../nodes/Polar/actions/checkout/fields';
import { readCustomerFields } from '../../nodes/Polar/actions/customer/fields';
import { readDiscountFields } from '../../nodes/Polar/actions/discount/fields';
import { readSuccessUrl } from '../../nodes/Polar/helpers/checkout';
import { requireHttpUrl } from '../../nodes/Polar/helpers/validation';

export type Reach =
	| {
			field: string;
			read?: (value: string) => unknown;
			/** Values Polar serves that the vendored 2026-04 spec's enum lacks (SDK 1.0.1 has them). */
			newerValues?: string[];
	  }
	| { setByNode: string }
	| { gap: string };

const ORGANIZATION: Reach = {
	setByNode:
		'the transport’s (transport/organization.ts): left out with an organization token, which is its organization and may not name one; the credential’s Organization ID, required, with a personal or user OAuth token',
};
const LICENSE_ORGANIZATION: Reach = {
	setByNode:
		'the credential’s Organization ID (required with a personal token), or else the organization token’s own (GET /v1/organizations/, once per run): Polar requires it in the body, even with an organization token; a "not found" is checked against a wrong Organization ID',
};
const PAGES: Reach = { setByNode: 'Return All / Limit: the node pages through the list itself' };
const readName = (name: string) => readCustomerFields({ name }).name;
const DEPRECATED_AMOUNT: Reach = {
	setByNode: 'left out: deprecated by Polar for `amounts`, which the Amounts field sets',
};
const discountWrite = {
	'body.code': { field: 'code' },
	'body.starts_at': { field: 'startsAt' },
	'body.ends_at': { field: 'endsAt' },
	'body.max_redemptions': { field: 'maxRedemptions' },
	'body.max_redemptions_per_customer': { field: 'maxRedemptionsPerCustomer' },
	'body.products': { field: 'products' },
	'body.metadata': { field: 'metadata' },
};
const readReturnUrl = (url: string) => requireHttpUrl(url, 'Return URL');

const PRODUCTS: Reach = { field: 'products.product.product' };
const TRIAL = {
	'body.trial_interval': { field: 'trial.period.interval' },
	'body.trial_interval_count': { field: 'trial.period.count' },
};
/** What Checkout Link's Create and Update share. */
const checkoutLinkWrite = {
	'body.allow_discount_codes': { field: 'allowDiscountCodes' },
	'body.require_billing_address': { field: 'requireBillingAddress' },
	'body.discount_id': { field: 'discountId' },
	'body.label': { field: 'label' },
	'body.metadata': { field: 'metadata' },
	'body.seats': { field: 'seats' },
	'body.success_url': { field: 'successUrl', read: readSuccessUrl },
	'body.return_url': { field: 'returnUrl', read: readReturnUrl },
	...TRIAL,
};
const OLD_LINK_VARIANTS: Reach = {
	setByNode:
		'left out: the deprecated single-product and single-price variants; the node sends Products, the current variant',
};

const customerWrite = {
	'body.billing_address': { field: 'billingAddress.address' },
	'body.email': { field: 'email' },
	'body.locale': { field: 'locale' },
	'body.metadata': { field: 'metadata' },
	'body.name': { field: 'name', read: readName },
	'body.tax_id': { field: 'taxId' },
};
const under = (
	collection: string,
	fields: Record<string, { field: string; read?: (value: string) => unknown }>,
) =>
	Object.fromEntries(
		Object.entries(fields).map(([key, reach]) => [
			key,
			{ ...reach, field: `${collection}.${reach.field}` },
		]),
	);

/**
 * Polar's PATCH /v1/subscriptions/{id} takes one variant of SubscriptionUpdate at a time, and
 * the node offers each as its own operation: a property of another variant is never sent.
 */
const SUBSCRIPTION_UPDATE_SENT_BY: Record<string, string> = {
	cancel_at_period_end: 'Cancel at Period End (true) and Uncancel (false)',
	current_billing_period_end: 'Update Billing Period',
	customer_cancellation_comment: 'Cancel at Period End and Revoke Now',
	customer_cancellation_reason: 'Cancel at Period End and Revoke Now',
	discount_id: 'Apply Discount and Remove Discount',
	metadata: 'Update Metadata',
	pause_at_period_end: 'Pause at Period End (true) and Cancel Scheduled Pause (false)',
	pending_update: 'Clear Pending Update',
	product_id: 'Change Product',
	proration_behavior: 'Change Product and Update Seats',
	resume: 'Resume',
	resumes_at: 'Pause at Period End',
	revoke: 'Revoke Now',
	seats: 'Update Seats',
	trial_end: 'Set Trial End and End Trial',
};
const subscriptionUpdate = (own: Record<string, Reach>): Record<string, Reach> => ({
	...Object.fromEntries(
		Object.entries(SUBSCRIPTION_UPDATE_SENT_BY).map(([property, operations]) => [
			`body.${property}`,
			{ setByNode: `not sent: another variant of Polar’s update, sent by ${operations}` },
		]),
	),
	...own,
});
const CANCELLATION: Record<string, Reach> = {
	'body.customer_cancellation_reason': { field: 'additionalFields.reason' },
	'body.customer_cancellation_comment': { field: 'additionalFields.comment' },
};
const PRORATION: Record<string, Reach> = {
	'body.proration_behavior': { field: 'additionalFields.prorationBehavior' },
};

/** By `${resource}.${operation}`, the node's own values. */
export const FIELDS: Record<string, Record<string, Reach>> = {
	'checkout.create': {
		'body.products': PRODUCTS,
		...under('additionalFields', {
			'body.customer_id': { field: 'customer' },
			'body.external_customer_id': { field: 'customer' },
			'body.customer_email': { field: 'customerEmail' },
			'body.customer_name': { field: 'customerName', read: readCustomerName },
			'body.customer_billing_name': { field: 'customerBillingName' },
			'body.customer_billing_address': { field: 'billingAddress.address' },
			'body.customer_tax_id': { field: 'customerTaxId' },
			'body.customer_ip_address': { field: 'customerIpAddress' },
			'body.customer_metadata': { field: 'customerMetadata' },
			'body.is_business_customer': { field: 'isBusinessCustomer' },
			'body.metadata': { field: 'metadata' },
			'body.discount_id': { field: 'discountId' },
			'body.allow_discount_codes': { field: 'allowDiscountCodes' },
			'body.require_billing_address': { field: 'requireBillingAddress' },
			'body.amount': { field: 'amount' },
			'body.seats': { field: 'seats' },
			'body.min_seats': { field: 'minSeats' },
			'body.max_seats': { field: 'maxSeats' },
			'body.allow_trial': { field: 'allowTrial' },
			'body.subscription_id': { field: 'subscriptionId' },
			'body.success_url': { field: 'successUrl', read: readSuccessUrl },
			'body.return_url': { field: 'returnUrl', read: readReturnUrl },
			'body.embed_origin': { field: 'embedOrigin' },
			'body.locale': { field: 'locale' },
			'body.currency': { field: 'currency' },
			...TRIAL,
		}),
		'body.custom_field_data': {
			gap: 'custom field values: the buyer fills them in on the checkout page; the node has no Custom Field resource to name them by',
		},
		'body.prices': {
			gap: 'ad-hoc prices: catalog set-up; the checkout sells the products at their catalog prices',
		},
	},
	'checkout.get': {},
	'checkout.getAll': {
		'query.customer_id': { field: 'filters.customer' },
		'query.external_customer_id': { field: 'filters.customer' },
		'query.product_id': { field: 'filters.product' },
		'query.status': { field: 'filters.status' },
		'query.query': { field: 'filters.query' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'checkoutLink.create': {
		'body.products': PRODUCTS,
		'body.payment_processor': {
			setByNode: 'always "stripe": Polar requires it, and Stripe is the only processor it has',
		},
		'body.product_id': OLD_LINK_VARIANTS,
		'body.product_price_id': OLD_LINK_VARIANTS,
		...under('additionalFields', checkoutLinkWrite),
	},
	'checkoutLink.delete': {},
	'checkoutLink.get': {},
	'checkoutLink.getAll': {
		'query.product_id': { field: 'filters.product' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.sorting': { gap: 'no sort order: Polar’s default, oldest first' },
	},
	'checkoutLink.update': {
		...under('updateFields', {
			...checkoutLinkWrite,
			'body.products': { field: 'products.product.product' },
		}),
	},
	'customer.create': {
		...under('additionalFields', { ...customerWrite, 'body.external_id': { field: 'externalId' } }),
		'body.email': { field: 'email' },
		'body.type': { field: 'customerType' },
		'body.owner': { field: 'owner.member' },
		'body.organization_id': ORGANIZATION,
	},
	'customer.delete': { 'query.anonymize': { field: 'deleteOptions.anonymize' } },
	'customer.get': {},
	'customer.getAll': {
		'query.email': { field: 'filters.email' },
		'query.query': { field: 'filters.query' },
		'query.metadata': { field: 'filters.metadata' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.active': { gap: 'no filter for customers with an active subscription' },
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'customer.getState': {},
	'customer.upsert': {
		...under('additionalFields', customerWrite),
		'body.email': { field: 'email' },
		'body.external_id': { field: 'externalId' },
		'body.type': {
			setByNode: 'individual: it creates a person with an email; a team is made with Create',
		},
		'body.owner': { setByNode: 'left out: only a team has an owner member' },
		'body.organization_id': ORGANIZATION,
		'query.email': { field: 'email' },
		'query.limit': { setByNode: '1: an email is unique, so it matches one customer at most' },
		'query.page': { setByNode: 'the first: an email matches one customer at most' },
		'query.organization_id': ORGANIZATION,
		'query.query': { setByNode: 'left out: the customer is looked up by exact email' },
		'query.metadata': { setByNode: 'left out: the customer is looked up by exact email' },
		'query.active': { setByNode: 'left out: the customer is looked up by exact email' },
		'query.sorting': { setByNode: 'left out: the customer is looked up by exact email' },
	},
	'customer.update': {
		...under('updateFields', { ...customerWrite, 'body.external_id': { field: 'externalId' } }),
		'body.type': { gap: 'no way to upgrade an individual customer to a team' },
	},
	'discount.create': {
		'body.name': { field: 'name', read: (name) => readDiscountFields({ name }, 'UTC').name },
		'body.type': { field: 'discountType' },
		'body.basis_points': { field: 'percentage' },
		'body.amounts': { field: 'amounts' },
		'body.amount': DEPRECATED_AMOUNT,
		'body.currency': DEPRECATED_AMOUNT,
		'body.duration': { field: 'duration' },
		'body.duration_in_months': { field: 'durationInMonths' },
		...under('additionalFields', discountWrite),
		'body.organization_id': ORGANIZATION,
	},
	'discount.delete': {},
	'discount.get': {},
	'discount.getAll': {
		'query.query': { field: 'filters.query' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'discount.update': {
		...under('updateFields', {
			...discountWrite,
			'body.name': { field: 'name' },
			'body.basis_points': { field: 'percentage' },
			'body.amounts': { field: 'amounts' },
			'body.duration_in_months': { field: 'durationInMonths' },
		}),
		'body.amount': DEPRECATED_AMOUNT,
		'body.currency': DEPRECATED_AMOUNT,
		'body.type': { setByNode: 'left out: Polar refuses to change a discount’s type' },
		'body.duration': { setByNode: 'left out: Polar refuses to change a discount’s duration' },
	},
	'licenseKey.activate': {
		'body.key': { field: 'key' },
		'body.label': { field: 'label' },
		'body.organization_id': LICENSE_ORGANIZATION,
		'body.meta': { field: 'additionalFields.metadata' },
		'body.conditions': { field: 'additionalFields.conditions' },
	},
	'licenseKey.deactivate': {
		'body.key': { field: 'key' },
		'body.activation_id': { field: 'activationId' },
		'body.organization_id': LICENSE_ORGANIZATION,
	},
	'licenseKey.get': {},
	'licenseKey.getActivation': {},
	'licenseKey.getAll': {
		'query.benefit_id': { field: 'filters.benefitId' },
		'query.status': { field: 'filters.status' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
	},
	'licenseKey.update': {
		'body.status': { field: 'updateFields.status' },
		'body.usage': { field: 'updateFields.usage' },
		'body.limit_activations': { field: 'updateFields.limitActivations' },
		'body.limit_usage': { field: 'updateFields.limitUsage' },
		'body.expires_at': { field: 'updateFields.expiresAt' },
	},
	'licenseKey.validate': {
		'body.key': { field: 'key' },
		'body.organization_id': LICENSE_ORGANIZATION,
		'body.activation_id': { field: 'additionalFields.activationId' },
		'body.benefit_id': { field: 'additionalFields.benefitId' },
		'body.customer_id': { field: 'additionalFields.customerId' },
		'body.increment_usage': { field: 'additionalFields.incrementUsage' },
		'body.conditions': { field: 'additionalFields.conditions' },
	},
	'product.get': {},
	'product.getAll': {
		'query.query': { field: 'filters.query' },
		'query.is_archived': { field: 'filters.isArchived' },
		'query.is_recurring': { field: 'filters.billing' },
		'query.benefit_id': { field: 'filters.benefitId' },
		'query.metadata': { field: 'filters.metadata' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.id': { gap: 'no filter by product IDs: Get takes one product by its ID' },
		'query.visibility': { gap: 'no filter by visibility (draft, private, public)' },
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'meter.get': {},
	'meter.getAll': {
		'query.query': { field: 'filters.query' },
		'query.is_archived': { field: 'filters.isArchived' },
		'query.metadata': { field: 'filters.metadata' },
		'query.sorting': { field: 'filters.sorting' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
	},
	'meter.getQuantities': {
		'query.start_timestamp': { field: 'start' },
		'query.end_timestamp': { field: 'end' },
		'query.interval': { field: 'interval' },
		'query.timezone': { field: 'additionalFields.timezone' },
		'query.customer_id': { field: 'additionalFields.customerIds' },
		'query.external_customer_id': { field: 'additionalFields.externalCustomerIds' },
		'query.customer_aggregation_function': { field: 'additionalFields.customerAggregation' },
		'query.metadata': { field: 'additionalFields.metadata' },
	},
	'metric.get': {
		'query.start_date': { field: 'startDate' },
		'query.end_date': { field: 'endDate' },
		'query.interval': { field: 'interval' },
		'query.timezone': { field: 'timezone' },
		'query.metrics': { field: 'metrics' },
		'query.product_id': { field: 'filters.productIds' },
		'query.billing_type': { field: 'filters.billingType' },
		'query.customer_id': { field: 'filters.customerIds' },
		'query.organization_id': ORGANIZATION,
	},
	'metric.export': {
		'query.start_date': { field: 'startDate' },
		'query.end_date': { field: 'endDate' },
		'query.interval': { field: 'interval' },
		'query.timezone': { field: 'timezone' },
		'query.metrics': { field: 'metrics' },
		'query.product_id': { field: 'filters.productIds' },
		'query.billing_type': { field: 'filters.billingType' },
		'query.customer_id': { field: 'filters.customerIds' },
		'query.organization_id': ORGANIZATION,
	},
	'metric.getLimits': {},
	'customerMeter.get': {},
	'customerMeter.getAll': {
		'query.customer_id': { field: 'filters.customerIds' },
		'query.external_customer_id': { field: 'filters.externalCustomerIds' },
		'query.meter_id': { field: 'filters.meterIds' },
		'query.sorting': { field: 'filters.sorting' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
	},
	'benefit.get': {},
	'benefit.getAll': {
		'query.type': { field: 'filters.types' },
		'query.id': { field: 'filters.ids' },
		'query.exclude_id': { field: 'filters.excludeIds' },
		'query.query': { field: 'filters.query' },
		'query.metadata': { field: 'filters.metadata' },
		'query.sorting': { field: 'filters.sorting' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
	},
	'benefitGrant.getAll': {
		'query.customer_id': { field: 'filters.customerIds' },
		'query.external_customer_id': { field: 'filters.externalCustomerIds' },
		'query.is_granted': { field: 'filters.isGranted' },
		'query.member_id': { field: 'filters.memberIds' },
		'query.sorting': { field: 'filters.sorting' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
	},
	'refund.create': {
		'body.order_id': { field: 'order' },
		'body.amount': { field: 'amount' },
		'body.reason': { field: 'reason' },
		'body.comment': { field: 'additionalFields.comment' },
		'body.revoke_benefits': { field: 'additionalFields.revokeBenefits' },
		'body.metadata': { field: 'additionalFields.metadata' },
		// The look-up of a refund with the Idempotency Key: the order's refunds, every page.
		'query.order_id': { setByNode: 'the Order field: the refunds of the order to refund' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.customer_id': { setByNode: 'left out: the order names the refunds' },
		'query.external_customer_id': { setByNode: 'left out: the order names the refunds' },
		'query.subscription_id': { setByNode: 'left out: the order names the refunds' },
		'query.id': { setByNode: 'left out: the refund is found by its metadata, not its ID' },
		'query.succeeded': {
			setByNode: 'left out: a pending refund counts too; failed and canceled ones are skipped',
		},
		'query.sorting': { setByNode: 'left out: Polar’s default, newest first' },
	},
	'refund.getAll': {
		'query.order_id': { field: 'filters.orderId' },
		'query.subscription_id': { field: 'filters.subscriptionId' },
		'query.customer_id': { field: 'filters.customerId' },
		'query.external_customer_id': { field: 'filters.externalCustomerId' },
		'query.succeeded': { field: 'filters.succeeded' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.id': { gap: 'no filter by refund IDs: the refunds of an order are found by its ID' },
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'dispute.accept': {},
	'dispute.get': {},
	'dispute.getAll': {
		'query.order_id': { field: 'filters.orderId' },
		'query.status': { field: 'filters.status' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'payment.get': {},
	'payment.getAll': {
		'query.checkout_id': { field: 'filters.checkoutId' },
		'query.order_id': { field: 'filters.orderId' },
		'query.customer_id': { field: 'filters.customerId' },
		'query.customer_email': { field: 'filters.customerEmail' },
		'query.method': { field: 'filters.method' },
		'query.status': { field: 'filters.status' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.sorting': { gap: 'no sort order: Polar’s default, newest first' },
	},
	'customer.export': { 'query.organization_id': ORGANIZATION },
	'order.export': {
		'query.product_id': { field: 'filters.productId' },
		'query.status': { field: 'filters.status' },
		'query.created_after': { field: 'filters.createdAfter' },
		'query.created_before': { field: 'filters.createdBefore' },
		'query.timezone': { field: 'filters.timezone' },
		'query.columns': { field: 'filters.columns' },
		'query.organization_id': ORGANIZATION,
	},
	'order.get': {},
	'order.getAll': {
		'query.customer_id': { field: 'filters.customerId' },
		'query.external_customer_id': { field: 'filters.externalCustomerId' },
		'query.product_id': { field: 'filters.productId' },
		'query.product_billing_type': { field: 'filters.billingType' },
		'query.discount_id': { field: 'filters.discountId' },
		'query.checkout_id': { field: 'filters.checkoutId' },
		'query.subscription_id': { field: 'filters.subscriptionId' },
		'query.status': { field: 'filters.status' },
		'query.created_after': { field: 'filters.createdAfter' },
		'query.created_before': { field: 'filters.createdBefore' },
		'query.metadata': { field: 'filters.metadata' },
		'query.sorting': { field: 'sortBy' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
	},
	'order.getInvoice': {},
	'order.getReceipt': {},
	'order.update': {
		'body.billing_name': { field: 'updateFields.billingName' },
		'body.billing_address': { field: 'updateFields.billingAddress.address' },
	},
	'event.get': {},
	'event.getAll': {
		'query.name': { field: 'filters.name' },
		'query.customer_id': { field: 'filters.customerId' },
		'query.external_customer_id': { field: 'filters.externalCustomerId' },
		'query.meter_id': { field: 'filters.meterId' },
		'query.start_timestamp': { field: 'filters.startTimestamp' },
		'query.end_timestamp': { field: 'filters.endTimestamp' },
		'query.source': { field: 'filters.source' },
		'query.metadata': { field: 'filters.metadata' },
		'query.parent_id': { field: 'filters.parentId' },
		'query.depth': { field: 'filters.depth' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.filter': {
			gap: 'no meter filter clause as JSON: the Meter ID filter applies a meter’s',
		},
		'query.query': { gap: 'no text search: Polar allows it only with an organization_id filter' },
		'query.sorting': { gap: 'no sort order: Polar’s default, newest timestamp first' },
	},
	'event.ingest': {
		'body.events': {
			setByNode:
				'one event per input item, from the node’s event fields or the item’s own JSON (Events From), as many per request as fit Polar’s 10 MiB',
		},
	},
	'event.listNames': {
		'query.customer_id': { field: 'filters.customerId' },
		'query.external_customer_id': { field: 'filters.externalCustomerId' },
		'query.source': { field: 'filters.source' },
		'query.query': { field: 'filters.query' },
		'query.page': PAGES,
		'query.limit': PAGES,
		'query.organization_id': ORGANIZATION,
		'query.sorting': { gap: 'no sort order: Polar’s default, most recently seen first' },
	},
	'customerSession.create': {
		'body.customer_id': { field: 'customer' },
		'body.external_customer_id': { field: 'customer' },
		'body.member_id': { field: 'additionalFields.memberId' },
		'body.external_member_id': { field: 'additionalFields.externalMemberId' },
		'body.return_url': {
			field: 'additionalFields.returnUrl',
			read: (url) => requireHttpUrl(url, 'Return URL'),
		},
	},
	'subscription.applyDiscount': subscriptionUpdate({ 'body.discount_id': { field: 'discountId' } }),
	'subscription.cancelAtPeriodEnd': subscriptionUpdate({
		...CANCELLATION,
		'body.cancel_at_period_end': { setByNode: 'true: cancel at the end of the current period' },
	}),
	'subscription.cancelPause': subscriptionUpdate({
		'body.pause_at_period_end': { setByNode: 'false: cancels a scheduled pause' },
	}),
	'subscription.changeProduct': subscriptionUpdate({
		...PRORATION,
		'body.product_id': { field: 'product' },
	}),
	'subscription.clearPendingUpdate': subscriptionUpdate({
		'body.pending_update': { setByNode: 'null: Polar’s way to drop the scheduled change' },
	}),
	'subscription.create': {
		'body.product_id': { field: 'product' },
		'body.customer_id': { field: 'customer' },
		'body.external_customer_id': { field: 'customer' },
		'body.metadata': { field: 'additionalFields.metadata' },
	},
	'subscription.endTrial': subscriptionUpdate({
		'body.trial_end': { setByNode: '"now": Polar’s value for ending the trial at once' },
	}),
	'subscription.export': {
		'query.organization_id': ORGANIZATION,
		'query.product_id': { field: 'filters.productId' },
		'query.status': { field: 'filters.status' },
		'query.cancel_at_period_end': { field: 'filters.cancelAtPeriodEnd' },
		'query.started_after': { field: 'filters.startedAfter' },
		'query.started_before': { field: 'filters.startedBefore' },
		'query.timezone': { field: 'filters.timezone' },
		'query.columns': { field: 'filters.columns' },
	},
	'subscription.get': {},
	'subscription.getAll': {
		'query.organization_id': ORGANIZATION,
		'query.product_id': { field: 'filters.productId' },
		'query.customer_id': { field: 'filters.customerId' },
		'query.external_customer_id': { field: 'filters.externalCustomerId' },
		'query.discount_id': { field: 'filters.discountId' },
		'query.active': { field: 'filters.active' },
		'query.status': { field: 'filters.status' },
		'query.cancel_at_period_end': { field: 'filters.cancelAtPeriodEnd' },
		'query.customer_cancellation_reason': { field: 'filters.cancellationReason' },
		'query.canceled_at_after': { field: 'filters.canceledAtAfter' },
		'query.canceled_at_before': { field: 'filters.canceledAtBefore' },
		'query.started_after': { field: 'filters.startedAfter' },
		'query.started_before': { field: 'filters.startedBefore' },
		'query.sorting': { field: 'filters.sorting' },
		'query.metadata': { field: 'filters.metadata' },
		'query.page': PAGES,
		'query.limit': PAGES,
	},
	'subscription.pauseAtPeriodEnd': subscriptionUpdate({
		'body.pause_at_period_end': { setByNode: 'true: pause at the end of the current period' },
		'body.resumes_at': { field: 'additionalFields.resumesAt' },
	}),
	'subscription.removeDiscount': subscriptionUpdate({
		'body.discount_id': { setByNode: 'null: Polar’s way to remove the discount' },
	}),
	'subscription.resume': subscriptionUpdate({
		'body.resume': { setByNode: 'true, the only value Polar’s Resume variant takes' },
	}),
	'subscription.revoke': subscriptionUpdate({
		...CANCELLATION,
		'body.revoke': {
			setByNode:
				'true when a reason or comment is added (PATCH); without them the node sends DELETE, which takes no body',
		},
	}),
	'subscription.setTrialEnd': subscriptionUpdate({
		'body.trial_end': {
			setByNode: 'the Trial End field’s date and time (End Trial sends Polar’s "now")',
		},
	}),
	'subscription.uncancel': subscriptionUpdate({
		'body.cancel_at_period_end': { setByNode: 'false: Polar’s way to uncancel' },
	}),
	'subscription.updateBillingPeriod': subscriptionUpdate({
		'body.current_billing_period_end': { field: 'currentPeriodEnd' },
	}),
	'subscription.updateMetadata': subscriptionUpdate({ 'body.metadata': { field: 'metadata' } }),
	'subscription.updateSeats': subscriptionUpdate({
		...PRORATION,
		'body.seats': { field: 'seats' },
	}),
	'webhookDelivery.getAll': {
		'query.endpoint_id': { field: 'filters.endpoint' },
		'query.start_timestamp': { field: 'filters.deliveredAfter' },
		'query.end_timestamp': { field: 'filters.deliveredBefore' },
		'query.succeeded': { field: 'filters.succeeded' },
		'query.query': { field: 'filters.query' },
		'query.http_code_class': { field: 'filters.httpCodeClass' },
		'query.event_type': { field: 'filters.eventType', newerValues: ['subscription.migrated'] },
		'query.page': PAGES,
		'query.limit': PAGES,
	},
	'webhookDelivery.redeliver': {},
};
