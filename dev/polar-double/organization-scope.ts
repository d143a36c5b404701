// Which organization a request acts on, as Polar's server decides it, for the double's two
// kinds of token:
// - An organization's token (polar_oat_, OAuth polar_at_o_: auth/middlewares.py
//   get_auth_subject) is its organization: a create body naming organization_id is refused
//   (organization/resolver.py get_payload_organization: 422 loc body.organization_id, "Setting
//   organization_id is disallowed when using an organization token."), and its lists hold its
//   organization's records alone (authz/service.py get_accessible_org_ids), so a filter naming
//   another organization lists nothing.
// - A user's token (polar_pat_, OAuth polar_at_u_) reaches every organization of its user: a
//   create needs organization_id (422 "organization_id is required."; a personal token is never
//   down-scoped to one organization, so none is implied) naming one of them (422 "Organization
//   not found." otherwise), and a list without the filter covers them all (e.g.
//   customer/service.py list: get_accessible_org_ids, then the filter if given).
// The double's personal token reaches its organization and one other, which holds a customer
// and a product of its own: a list the node forgets to filter shows them.

import { seedCustomers } from './fixtures';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { seedProducts } from './products';
import type { RecordedRequest } from './server';

type Json = Record<string, unknown>;

/** The double's personal access token: a user of the double's organization and one other. */
export const PERSONAL_TOKEN = 'polar_pat_double_two_organizations';
/** The other organization the personal token reaches. */
export const OTHER_ORGANIZATION_ID = '0b7e4c2a-5d31-4f6e-8a9b-3c2d1e0f4a5b';

const ORGANIZATION_TOKEN_PREFIXES = ['polar_oat_', 'polar_at_o_'];

/** The creates whose organization get_payload_organization resolves (from its callers). */
const PAYLOAD_CREATES = new Set([
	'POST /v1/benefits/',
	'POST /v1/customers/',
	'POST /v1/custom-fields/',
	'POST /v1/discounts/',
	'POST /v1/files/',
	'POST /v1/meters/',
	'POST /v1/metrics/dashboards',
	'POST /v1/orders/',
	'POST /v1/products/',
	'POST /v1/webhooks/endpoints',
]);

/** The other organization's records, by the list route that shows them. */
function otherRecords(): Record<string, Json[]> {
	const [{ customer }] = seedCustomers(OTHER_ORGANIZATION_ID);
	const [product] = seedProducts(OTHER_ORGANIZATION_ID);
	return {
		'/v1/customers/': [
			{
				...customer,
				id: '7c3f9a1e-2b4d-4e8f-9a6b-5d4c3b2a1f0e',
				email: 'lin@other.example.com',
				external_id: 'other-org-lin',
				name: 'Lin of the other organization',
			},
		],
		'/v1/products/': [
			{ ...product, id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', name: 'Other organization plan' },
		],
	};
}

const bearer = (request: RecordedRequest): string =>
	/^bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';

export interface OrganizationScope {
	/** The organizations the request's token reaches. */
	reachable(request: RecordedRequest): string[];
	/** get_payload_organization's 422 for a create, or undefined when it resolves. */
	refuseCreate(route: string, request: RecordedRequest): CannedResponse | undefined;
	/** A list's answer for the records of the organizations the token reaches and the filter names. */
	scopeList(route: string, request: RecordedRequest, answer: CannedResponse): CannedResponse;
}

export function organizationScope(organizationId: string): OrganizationScope {
	const others = otherRecords();
	const isOrganizationToken = (request: RecordedRequest) =>
		ORGANIZATION_TOKEN_PREFIXES.some((prefix) => bearer(request).startsWith(prefix));
	const reachable = (request: RecordedRequest) =>
		isOrganizationToken(request) ? [organizationId] : [organizationId, OTHER_ORGANIZATION_ID];
	const refused = (msg: string, type: string, input: unknown) =>
		polarErrors.validation([{ loc: ['body', 'organization_id'], msg, type, input }]);

	return {
		reachable,
		refuseCreate(route, request) {
			if (!PAYLOAD_CREATES.has(`${request.method} ${route}`)) return undefined;
			const named = ((request.body ?? {}) as Json).organization_id;
			if (isOrganizationToken(request)) {
				return named == null
					? undefined
					: refused(
							'Setting organization_id is disallowed when using an organization token.',
							'organization_token',
							named,
						);
			}
			if (named == null) return refused('organization_id is required.', 'missing', null);
			return reachable(request).includes(String(named))
				? undefined
				: refused('Organization not found.', 'value_error', named);
		},
		scopeList(route, request, answer) {
			const json = /json/.test(answer.headers['content-type'] ?? '');
			if (request.method !== 'GET' || answer.status !== 200 || !json) return answer;
			const filter = request.queryLists.organization_id;
			const shown = reachable(request).filter((id) => !filter || filter.includes(id));
			const page = JSON.parse(answer.body) as { items?: Json[]; pagination?: Json };
			if (!Array.isArray(page.items) || !page.pagination) return answer;
			const own = shown.includes(organizationId) ? page.items : [];
			// The other organization's records come on the first page, after the double's own.
			const firstPage = Number(request.query.page ?? 1) === 1;
			const extra = shown.includes(OTHER_ORGANIZATION_ID) && firstPage ? (others[route] ?? []) : [];
			if (own === page.items && extra.length === 0) return answer;
			const count = (own === page.items ? Number(page.pagination.total_count) : 0) + extra.length;
			const limit = Number(request.query.limit ?? 10);
			return jsonResponse(200, {
				items: [...own, ...extra],
				pagination: { total_count: count, max_page: Math.ceil(count / limit) },
			});
		},
	};
}
