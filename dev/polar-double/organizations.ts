// The organization list as Polar's server answers an organization token: GET /v1/organizations/
// (server/polar/organization/endpoints.py list_organizations, lines 148-175) lists the
// organizations get_accessible_org_ids gives the token (service.py list, lines 283-305), which
// for an organization token is its own organization alone, paginated as every list; scope
// organizations:read or organizations:write (organization/auth.py OrganizationsRead). The
// organization is shaped as Polar's Organization schema.

import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';
import type { RecordedRequest } from './server';

type Json = Record<string, unknown>;

/** The double's organization, with Polar's defaults for a new, active one. */
export function buildOrganization(id: string, slug: string): Json {
	return {
		created_at: '2025-01-01T09:00:00Z',
		modified_at: null,
		id,
		name: 'Polar Double Org',
		slug,
		avatar_url: null,
		proration_behavior: 'prorate',
		allow_customer_updates: true,
		email: null,
		website: null,
		socials: [],
		status: 'active',
		details_submitted_at: null,
		onboarding_resubmission_requested_at: null,
		sso_enforced: false,
		default_presentment_currency: 'usd',
		default_tax_behavior: 'location',
		feature_settings: null,
		subscription_settings: {
			allow_multiple_subscriptions: false,
			proration_behavior: 'prorate',
			benefit_revocation_grace_period: 0,
			prevent_trial_abuse: false,
			allow_customer_updates: true,
		},
		customer_email_settings: Object.fromEntries(
			[
				'order_confirmation',
				'payment_method_expiration_reminder',
				'subscription_cancellation',
				'subscription_confirmation',
				'subscription_cycled',
				'subscription_cycled_after_trial',
				'subscription_past_due',
				'subscription_paused',
				'subscription_resumed',
				'subscription_renewal_reminder',
				'subscription_revoked',
				'subscription_trial_conversion_reminder',
				'subscription_uncanceled',
				'subscription_updated',
			].map((email) => [email, true]),
		),
		customer_portal_settings: {
			usage: { show: true },
			subscription: { update_seats: true, update_plan: true },
		},
		dispute_settings: { auto_accept_below_amount: null },
		embed_hosts: [],
		embed_hosts_enforced: false,
		account_id: null,
		payout_account_id: null,
		capabilities: {
			checkout_payments: true,
			subscription_renewals: true,
			payouts: true,
			refunds: true,
			api_access: true,
			dashboard_access: true,
		},
	};
}

/** GET /v1/organizations/: the token's organizations (slug filter, page and limit as Polar). */
function listOrganizations(organizations: Json[], query: Record<string, string>): CannedResponse {
	const limit = Math.min(100, Number(query.limit ?? 10));
	const page = Number(query.page ?? 1);
	const matches = organizations.filter((o) => query.slug === undefined || o.slug === query.slug);
	const items = matches.slice((page - 1) * limit, page * limit);
	const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
	return jsonResponse(200, { items, pagination });
}

/**
 * The organization endpoints the node reads; `reachable` are the request's token's
 * organizations. GET /v1/organizations/{id} (endpoints.py get, AuthorizeOrgAccess:
 * authz/dependencies.py OrgPolicyGuard) answers 404 for one the token does not reach.
 */
export function organizationRoutes(reachable: (request: RecordedRequest) => Json[]): Route[] {
	const scopes = ['organizations:read', 'organizations:write'];
	return [
		{
			method: 'GET',
			template: '/v1/organizations/',
			scopes,
			answer: (request) => listOrganizations(reachable(request), request.query),
		},
		{
			method: 'GET',
			template: '/v1/organizations/{id}',
			scopes,
			answer: (request, ref) => {
				const id = (ref as { id?: string } | undefined)?.id?.toLowerCase();
				const found = reachable(request).find((organization) => organization.id === id);
				return found ? jsonResponse(200, found) : polarErrors.notFound();
			},
		},
	];
}
