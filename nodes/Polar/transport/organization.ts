import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/**
 * Which organization a request acts on, as Polar reads it: Polar reads no organization header.
 * - An organization's token is its organization (auth/models.py is_organization): a create
 *   body naming organization_id is refused with 422, "Setting organization_id is disallowed
 *   when using an organization token." (organization/resolver.py get_payload_organization), and
 *   a list sees that organization alone (authz/service.py get_accessible_org_ids).
 * - A user's token (personal, or OAuth for a user) reaches every organization of its user: a
 *   create needs organization_id in its body (422 "organization_id is required." otherwise), and
 *   a list, export or metric without the organization_id filter covers them all (e.g.
 *   customer/service.py list, metrics/service.py get_metrics). The node sends the credential's
 *   Organization ID there, so nothing of another organization is listed, counted or changed.
 */
export type OrganizationPlace = 'body' | 'query';

/**
 * The requests of Polar's spec that take organization_id, by method and path (none has a path
 * parameter): creates resolved by get_payload_organization, lists, exports and metrics by
 * their filter. License key validate, activate and deactivate (always in the body, helpers/
 * licenseKey.ts) and event ingestion (per event, actions/event/ingestBatches.ts) have their own.
 */
const PLACES: Record<string, OrganizationPlace> = {
	'POST /v1/benefits/': 'body',
	'POST /v1/customers/': 'body',
	'POST /v1/custom-fields/': 'body',
	'POST /v1/discounts/': 'body',
	'POST /v1/files/': 'body',
	'POST /v1/meters/': 'body',
	'POST /v1/metrics/dashboards': 'body',
	'POST /v1/orders/': 'body',
	'POST /v1/products/': 'body',
	'POST /v1/webhooks/endpoints': 'body',
	'GET /v1/benefit-grants/': 'query',
	'GET /v1/benefits/': 'query',
	'GET /v1/checkout-links/': 'query',
	'GET /v1/checkouts/': 'query',
	'GET /v1/custom-fields/': 'query',
	'GET /v1/customer-meters/': 'query',
	'GET /v1/customers/': 'query',
	'GET /v1/customers/export': 'query',
	'GET /v1/discounts/': 'query',
	'GET /v1/disputes/': 'query',
	'GET /v1/event-types/': 'query',
	'GET /v1/events/': 'query',
	'GET /v1/events/names': 'query',
	'GET /v1/files/': 'query',
	'GET /v1/license-keys/': 'query',
	'GET /v1/meters/': 'query',
	'GET /v1/metrics/': 'query',
	'GET /v1/metrics/dashboards': 'query',
	'GET /v1/metrics/export': 'query',
	'GET /v1/orders/': 'query',
	'GET /v1/orders/export': 'query',
	'GET /v1/payments/': 'query',
	'GET /v1/products/': 'query',
	'GET /v1/refunds/': 'query',
	'GET /v1/subscriptions/': 'query',
	'GET /v1/subscriptions/export': 'query',
	'GET /v1/webhooks/endpoints': 'query',
};

/** Where the request names its organization, or undefined when it names none. */
export function organizationPlace(
	method: IHttpRequestMethods,
	path: string,
): OrganizationPlace | undefined {
	return PLACES[`${method} ${path}`];
}

/** Every request that names its organization, for the tests to hold to Polar's spec. */
export const ORGANIZATION_PLACES: Readonly<Record<string, OrganizationPlace>> = PLACES;

/** The credential's Organization ID is missing where a user's token needs it. */
export const MISSING_ORGANIZATION = {
	message: 'The Polar credential needs an Organization ID for this operation',
	description:
		'A personal access token (polar_pat_…) or a user’s OAuth token reaches every organization of its user, so Polar must be told which one to act on: open the Polar credential and set Organization ID (Polar’s dashboard → Settings → General). An organization access token (polar_oat_…) needs none.',
};

/** The request with its organization where Polar reads it. */
export function withOrganization<R extends { body?: IDataObject; qs?: IDataObject }>(
	request: R,
	place: OrganizationPlace,
	organizationId: string,
): R {
	return place === 'body'
		? { ...request, body: { ...request.body, organization_id: organizationId } }
		: { ...request, qs: { ...request.qs, organization_id: organizationId } };
}
