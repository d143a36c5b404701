// For each operation the node offers: where each request-body property and query parameter of
// Polar's spec comes from. `field` is the node field's path in the description (through
// collections and fixed collections), with `read`, the node's own reader, where the spec sets a
// limit; `setByNode` says why the node fills (or leaves out) a value itself; `gap` names a spec
// field the node does not reach yet. Adding an operation is one entry here.

import { readCustomerFields } from '../../nodes/Polar/actions/customer/fields';
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

const customerWrite = {
	'body.billing_address': { field: 'billingAddress.address' },
	'body.email': { field: 'email' },
	'body.locale': { field: 'locale' },
	'body.metadata': { field: 'metadata' },
	'body.name': { field: 'name', read: readName },
	'body.tax_id': { field: 'taxId' },
};
const under = (collection: string, fields: Record<string, { field: string }>) =>
	Object.fromEntries(
		Object.entries(fields).map(([key, reach]) => [
			key,
			{ ...reach, field: `${collection}.${reach.field}` },
		]),
	);

/** By `${resource}.${operation}`, the node's own values. */
export const FIELDS: Record<string, Record<string, Reach>> = {
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
				'one event per input item, from the node’s event fields, as many per request as fit Polar’s 10 MiB',
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
};
