import { createHash, randomBytes, randomUUID } from 'crypto';

import type { Customer, CustomerSession } from './types';

// Fixed ids (all valid uuid4) so tests, the e2e suite and the demo can name customers directly.
export const FIXTURE_IDS = {
	organization: '6d1a0f5e-3b2c-4e8a-9f10-2b7c4d5e6f70',
	ada: '3f0c2b9e-8d4a-4c1e-9b7a-1d2e3f4a5b61',
	grace: '7a9d4e2c-1b3f-4a6d-8e5c-2f3a4b5c6d72',
	/** An individual customer without an external id. */
	alan: 'b2c4e6f8-5a7c-4e9b-a1d3-3c5e7f9a1b83',
	acmeTeam: 'e4f6a8b0-9c1e-4d3f-b5a7-4d6f8a0c2e94',
	adaOwnerMember: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d41',
	graceOwnerMember: '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e52',
	alanOwnerMember: '2d3e4f5a-6b7c-4d8e-af90-1b2c3d4e5f63',
	acmeOwnerMember: '3e4f5a6b-7c8d-4e9f-b0a1-2c3d4e5f6a74',
	acmeMember: '4f5a6b7c-8d9e-4fa0-81b2-3d4e5f6a7b85',
} as const;

export const FIXTURE_EXTERNAL_IDS = {
	ada: 'usr_ada',
	grace: 'usr_grace',
	acmeTeam: 'team_acme',
	acmeOwnerMember: 'acme_owner',
	acmeMember: 'acme_member',
} as const;

export const DEFAULT_ORGANIZATION_SLUG = 'polar-double-org';

/** Members are not part of the customer-session response; the double needs them to resolve member_id. */
export interface SeedMember {
	id: string;
	external_id: string | null;
	role: 'owner' | 'member';
}

export interface SeededCustomer {
	customer: Customer;
	members: SeedMember[];
}

const gravatar = (email: string): string =>
	`https://www.gravatar.com/avatar/${createHash('sha256').update(email).digest('hex')}?d=404`;

const owner = (id: string, externalId: string | null = null): SeedMember => ({
	id,
	external_id: externalId,
	role: 'owner',
});

// The spec's property order, so seeded customers print like Polar's own JSON.
const CUSTOMER_KEY_ORDER = [
	'id',
	'created_at',
	'modified_at',
	'metadata',
	'external_id',
	'email',
	'email_verified',
	'type',
	'name',
	'billing_name',
	'billing_address',
	'tax_id',
	'locale',
	'organization_id',
	'default_payment_method_id',
	'deleted_at',
	'first_user_event_at',
	'avatar_url',
];

const inSpecOrder = (customer: Customer): Customer =>
	Object.fromEntries(
		CUSTOMER_KEY_ORDER.map((key) => [key, (customer as unknown as Record<string, unknown>)[key]]),
	) as unknown as Customer;

/** Three individual customers and one team customer, shaped exactly like CustomerIndividual/CustomerTeam. */
export function seedCustomers(organizationId: string = FIXTURE_IDS.organization): SeededCustomer[] {
	return seedData(organizationId).map(({ customer, members }) => ({
		customer: inSpecOrder(customer),
		members,
	}));
}

function seedData(organizationId: string): SeededCustomer[] {
	const common = {
		organization_id: organizationId,
		default_payment_method_id: null,
		deleted_at: null,
		locale: null,
		tax_id: null,
		billing_address: null,
	};
	return [
		{
			customer: {
				...common,
				id: FIXTURE_IDS.ada,
				created_at: '2025-09-01T10:00:00.000Z',
				modified_at: '2025-10-02T08:30:00.000Z',
				metadata: { plan: 'pro', seats: 3 },
				external_id: FIXTURE_EXTERNAL_IDS.ada,
				email: 'ada@example.com',
				email_verified: true,
				type: 'individual',
				name: 'Ada Lovelace',
				billing_name: 'Ada Lovelace',
				billing_address: {
					line1: '12 St James Sq',
					city: 'London',
					postal_code: 'SW1Y 4JH',
					country: 'GB',
				},
				tax_id: ['GB123456789', 'gb_vat'],
				locale: 'en-GB',
				first_user_event_at: '2025-09-01T10:05:00.000Z',
				avatar_url: gravatar('ada@example.com'),
			},
			members: [owner(FIXTURE_IDS.adaOwnerMember)],
		},
		{
			customer: {
				...common,
				id: FIXTURE_IDS.grace,
				created_at: '2025-09-15T12:00:00.000Z',
				modified_at: null,
				metadata: {},
				external_id: FIXTURE_EXTERNAL_IDS.grace,
				email: 'grace.hopper@example.org',
				email_verified: false,
				type: 'individual',
				name: 'Grace Hopper',
				billing_name: null,
				first_user_event_at: null,
				avatar_url: gravatar('grace.hopper@example.org'),
			},
			members: [owner(FIXTURE_IDS.graceOwnerMember)],
		},
		{
			customer: {
				...common,
				id: FIXTURE_IDS.alan,
				created_at: '2025-10-01T09:00:00.000Z',
				modified_at: null,
				metadata: { beta: true },
				external_id: null,
				email: 'alan@example.net',
				email_verified: true,
				type: 'individual',
				name: 'Alan Turing',
				billing_name: null,
				first_user_event_at: null,
				avatar_url: gravatar('alan@example.net'),
			},
			members: [owner(FIXTURE_IDS.alanOwnerMember)],
		},
		{
			customer: {
				...common,
				id: FIXTURE_IDS.acmeTeam,
				created_at: '2025-10-20T15:45:00.000Z',
				modified_at: '2025-11-01T11:00:00.000Z',
				metadata: { tier: 'enterprise' },
				external_id: FIXTURE_EXTERNAL_IDS.acmeTeam,
				email: 'billing@acme.example',
				email_verified: true,
				type: 'team',
				name: 'Acme Corporation',
				billing_name: 'Acme Corporation Ltd.',
				billing_address: { line1: '1 Desert Road', city: 'Phoenix', state: 'US-AZ', country: 'US' },
				tax_id: ['911144442', 'us_ein'],
				first_user_event_at: '2025-10-21T09:00:00.000Z',
				avatar_url: null,
			},
			members: [
				owner(FIXTURE_IDS.acmeOwnerMember, FIXTURE_EXTERNAL_IDS.acmeOwnerMember),
				{
					id: FIXTURE_IDS.acmeMember,
					external_id: FIXTURE_EXTERNAL_IDS.acmeMember,
					role: 'member',
				},
			],
		},
	];
}

export const SESSION_LIFETIME_MS = 60 * 60 * 1000;

export interface BuildSessionOptions {
	returnUrl: string | null;
	/** A member session gets a `polar_mst_` token, as Polar's member model does. */
	memberSession?: boolean;
	organizationSlug?: string;
	now?: Date;
}

/** A fresh CustomerSession for `customer`: random uuid4 id, random token, 1 hour lifetime. */
export function buildCustomerSession(
	customer: Customer,
	options: BuildSessionOptions,
): CustomerSession {
	const now = options.now ?? new Date();
	const prefix = options.memberSession ? 'polar_mst_' : 'polar_cst_';
	const token = prefix + randomBytes(32).toString('base64url');
	const slug = options.organizationSlug ?? DEFAULT_ORGANIZATION_SLUG;
	return {
		created_at: now.toISOString(),
		modified_at: null,
		id: randomUUID(),
		token,
		expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
		return_url: options.returnUrl,
		customer_portal_url: `https://polar.sh/${slug}/portal?customer_session_token=${token}`,
		customer_id: customer.id,
		customer,
	};
}
