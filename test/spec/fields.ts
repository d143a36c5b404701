// For each operation the node offers: where each request-body property and query parameter of
// Polar's spec comes from. `field` is the node field's path in the description (through
// collections and fixed collections), with `read`, the node's own reader, where the spec sets a
// limit; `setByNode` says why the node fills (or leaves out) a value itself; `gap` names a spec
// field the node does not reach yet. Adding an operation is one entry here.

import { readCustomerName } from '../../nodes/Polar/actions/checkout/fields';
import { readCustomerFields } from '../../nodes/Polar/actions/customer/fields';
import { readSuccessUrl } from '../../nodes/Polar/helpers/checkout';
import { requireHttpUrl } from '../../nodes/Polar/helpers/validation';

export type Reach =
	| { field: string; read?: (value: string) => unknown }
	| { setByNode: string }
	| { gap: string };

const ORGANIZATION: Reach = {
	setByNode:
		'left out: an organization token implies it; other tokens name it by the credential’s Organization ID',
};
const LICENSE_ORGANIZATION: Reach = {
	setByNode:
		'the credential’s Organization ID: Polar requires it in the body, even with an organization token',
};
const PAGES: Reach = { setByNode: 'Return All / Limit: the node pages through the list itself' };
const readName = (name: string) => readCustomerFields({ name }).name;
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
	'customer.update': {
		...under('updateFields', { ...customerWrite, 'body.external_id': { field: 'externalId' } }),
		'body.type': { gap: 'no way to upgrade an individual customer to a team' },
	},
	'licenseKey.activate': {
		'body.key': { field: 'key' },
		'body.label': { field: 'label' },
		'body.organization_id': LICENSE_ORGANIZATION,
		'body.meta': { field: 'additionalFields.metadata' },
		'body.conditions': { gap: 'no conditions for the activation to require of validations' },
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
		'body.conditions': { gap: 'no conditions: only activations with conditions need them' },
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
};
