// The double's disputes: seeded chargebacks on the seeded payments, and Accept.
// Modelled on polarsource/polar: server/polar/dispute/service.py (DisputeNotOpenError 409,
// lines 71-74; list: organization_id, order_id and status filters, -created_at first, 78-112;
// accept: only a dispute in needs_response, which Stripe's close settles as lost, 131-159),
// endpoints.py (list, get 404, accept 200/409), schemas.py (Dispute, DisputeCustomer).

import { FIXTURE_EXTERNAL_IDS, FIXTURE_IDS } from './fixtures';
import { page } from './meters';
import type { LostAnswers } from './checkouts';
import { matchesAny, PAYMENT_IDS } from './payments';
import { REFUNDABLE_ORDER_IDS } from './refunds';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { pathIds, type Route } from './route';

type Json = Record<string, unknown>;

/** Fixed ids (valid uuid4) of the seeded disputes, one per case Accept tells apart. */
export const DISPUTE_IDS = {
	/** Awaiting the merchant's response: Accept concedes it. */
	open: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f61',
	/** Already lost: Accept is refused. */
	lost: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a62',
	/** Won by the merchant: Accept is refused. */
	won: 'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b63',
} as const;

const STATUS_OF = { open: 'needs_response', lost: 'lost', won: 'won' } as const;

function dispute(organizationId: string, key: keyof typeof DISPUTE_IDS, createdAt: string): Json {
	const status = STATUS_OF[key];
	const open = status === 'needs_response';
	return {
		created_at: createdAt,
		modified_at: null,
		id: DISPUTE_IDS[key],
		status,
		resolved: !open,
		closed: !open,
		amount: 2900,
		tax_amount: 0,
		currency: 'usd',
		reason: key === 'won' ? 'product_not_received' : 'fraudulent',
		evidence_due_by: open ? '2025-11-05T23:59:59Z' : null,
		past_due: false,
		order_id: REFUNDABLE_ORDER_IDS.disputed,
		payment_id: PAYMENT_IDS.disputed,
		customer: {
			id: FIXTURE_IDS.ada,
			created_at: '2025-09-01T10:00:00Z',
			modified_at: null,
			metadata: {},
			external_id: FIXTURE_EXTERNAL_IDS.ada,
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
		},
		case_id: null,
	};
}

/** The seeded disputes, newest first (Polar's default -created_at). */
export function seedDisputes(organizationId: string): Json[] {
	return [
		dispute(organizationId, 'open', '2025-10-22T09:00:00Z'),
		dispute(organizationId, 'won', '2025-10-20T09:00:00Z'),
		dispute(organizationId, 'lost', '2025-10-18T09:00:00Z'),
	];
}

/** `lost` lets a test lose Accept's answer after the dispute was conceded. */
export function disputeRoutes(
	disputes: Json[],
	organizationId: string,
	lost: LostAnswers,
): Route[] {
	const read = ['disputes:read', 'disputes:write'];
	const find = (id: string | undefined) => disputes.find((d) => d.id === id?.toLowerCase());
	return [
		{
			method: 'GET',
			template: '/v1/disputes/',
			scopes: read,
			answer: (request): CannedResponse =>
				page(
					disputes.filter(
						(d) =>
							matchesAny(request, 'organization_id', organizationId) &&
							matchesAny(request, 'order_id', d.order_id) &&
							matchesAny(request, 'status', d.status),
					),
					request.query,
				),
		},
		{
			method: 'GET',
			template: '/v1/disputes/{id}',
			scopes: read,
			answer: (request) => {
				const found = find(pathIds(request)[0]);
				return found ? jsonResponse(200, found) : polarErrors.notFound();
			},
		},
		{
			method: 'POST',
			template: '/v1/disputes/{id}/accept',
			scopes: ['disputes:write'],
			answer: (request) => {
				const found = find(pathIds(request)[0]);
				if (!found) return polarErrors.notFound();
				if (found.status !== 'needs_response') {
					return jsonResponse(409, {
						error: 'DisputeNotOpenError',
						detail: `Dispute ${String(found.id)} is not awaiting a response.`,
					});
				}
				// Stripe's close settles the dispute as lost; the webhook path reconciles it.
				Object.assign(found, {
					status: 'lost',
					resolved: true,
					closed: true,
					modified_at: new Date().toISOString(),
				});
				return lost.deliver('POST /v1/disputes/{id}/accept', jsonResponse(200, found));
			},
		},
	];
}
