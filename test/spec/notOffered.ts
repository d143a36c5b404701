// Every organization operation of Polar's spec that the Polar node does not offer, and why.
// test/spec/operations.test.ts holds this table to the spec and to the node; the README's
// Coverage section shows it (the test checks that the README matches).

const MONEY = 'planned: issue “Money operations and reporting”';
const TRIGGER =
	'used by the Polar Trigger to register its own webhook endpoint; not an action of its own';
const CATALOG = 'catalog set-up, done once in Polar’s dashboard rather than automated';
const MEMBERS = 'not yet planned: team members and seats (the member model)';

/** By Polar's operationId. */
export const NOT_OFFERED: Record<string, string> = {
	'organizations:list':
		'used by License Key Validate, Activate and Deactivate to find the token’s organization, which Polar requires in their bodies; not an action of its own',
	'organizations:create': 'organization admin, and only for personal or OAuth tokens',
	'organizations:get': 'organization admin: not yet planned',
	'organizations:update': 'organization admin: settings belong in Polar’s dashboard',

	'benefits:create': CATALOG,
	'benefits:update': CATALOG,
	'benefits:delete': CATALOG,
	'benefits:files': 'downloadable files: needs file uploads, not yet planned',

	'webhooks:list_webhook_endpoints': TRIGGER,
	'webhooks:create_webhook_endpoint': TRIGGER,
	'webhooks:get_webhook_endpoint': TRIGGER,
	'webhooks:update_webhook_endpoint': TRIGGER,
	'webhooks:delete_webhook_endpoint': TRIGGER,
	'webhooks:reset_webhook_endpoint_secret':
		'would break the Polar Trigger, which keeps its endpoint’s secret; rotate it in the dashboard',
	'webhooks:list_webhook_deliveries': MONEY,
	'webhooks:redeliver_webhook_event': MONEY,

	'products:create': CATALOG,
	'products:update': CATALOG,
	'products:update_benefits': CATALOG,

	'orders:create': 'not yet planned: orders come from checkouts and subscriptions',
	'orders:finalize': 'not yet planned: draft orders made with Create Order',

	'checkouts:update': 'not yet planned: a checkout is changed by its buyer',
	'checkouts:client_get': 'for the buyer’s browser, with the checkout’s client secret, not a token',
	'checkouts:client_update':
		'for the buyer’s browser, with the checkout’s client secret, not a token',
	'checkouts:client_confirm': 'for the buyer’s browser: confirms a payment, no organization token',

	'files:list': 'file uploads: not yet planned',
	'files:create': 'file uploads: a multipart upload to storage, not yet planned',
	'files:uploaded': 'file uploads: not yet planned',
	'files:update': 'file uploads: not yet planned',
	'files:delete': 'file uploads: not yet planned',

	'metrics:get': MONEY,
	'metrics:export': MONEY,
	'metrics:limits': MONEY,
	'metrics:list_dashboards': 'dashboard layout of Polar’s web app, not data',
	'metrics:create_dashboard': 'dashboard layout of Polar’s web app, not data',
	'metrics:get_dashboard': 'dashboard layout of Polar’s web app, not data',
	'metrics:update_dashboard': 'dashboard layout of Polar’s web app, not data',
	'metrics:delete_dashboard': 'dashboard layout of Polar’s web app, not data',

	'custom-fields:list': CATALOG,
	'custom-fields:create': CATALOG,
	'custom-fields:get': CATALOG,
	'custom-fields:update': CATALOG,
	'custom-fields:delete': CATALOG,

	'customers:list_payment_methods': 'not yet planned: saved payment methods of a customer',
	'customers:list_payment_methods_external': 'not yet planned: saved payment methods of a customer',
	'members:list_members': MEMBERS,
	'customers:members:create': MEMBERS,
	'customers:members:create_external': MEMBERS,
	'customers:members:get': MEMBERS,
	'customers:members:update': MEMBERS,
	'customers:members:delete': MEMBERS,
	'customers:members:get_external': MEMBERS,
	'customers:members:update_external': MEMBERS,
	'customers:members:delete_external': MEMBERS,
	'customer-seats:assign_seat': MEMBERS,
	'customer-seats:list_seats': MEMBERS,
	'customer-seats:revoke_seat': MEMBERS,
	'customer-seats:resend_invitation': MEMBERS,
	'customer-seats:get_claim_info': 'for the invited person, with an invitation token, not a token',
	'customer-seats:claim_seat': 'for the invited person, with an invitation token, not a token',

	'event-types:list': 'not yet planned: event names are listed by Events → List Names',
	'event-types:update': 'not yet planned: display labels of event names',

	'meters:create': CATALOG,
	'meters:update': CATALOG,
};
