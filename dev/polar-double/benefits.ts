// The double's benefits and their grants, read as Polar's server reads them:
// server/polar/benefit/endpoints.py and service.py list (lines 38-100: type, id, exclude_id,
// description search, metadata; newest first); benefit/grant/endpoints.py and service.py list
// (57-90: one benefit's grants, by granted state, customer and member, newest first; 404 for a
// benefit it does not hold) and list_by_organization (92-137: customer, external customer,
// granted state). A grant is granted while granted_at is set (models/benefit_grant.py 188).
// A license_keys grant carries its key's ID and display key (BenefitGrantLicenseKeysProperties);
// a meter_credit grant credits its meter (benefit/strategies/meter_credit/service.py), which the
// customer meters read through `credits`.

import { FIXTURE_IDS } from './fixtures';
import { LICENSE_KEY_IDS } from './license-keys';
import { METER_IDS, metadataMatches, page, sortBy } from './meters';
import type { MeterCredit } from './customer-meters';
import { BENEFIT_IDS, catalogBenefits } from './products';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';
import type { Customer } from './types';

type Json = Record<string, unknown>;

export const MORE_BENEFIT_IDS = {
	/** The benefit the seeded license keys belong to (license-keys.ts). */
	licenseKeys: LICENSE_KEY_IDS.benefit,
	tokenCredits: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e96',
} as const;

export const GRANT_IDS = {
	adaSupport: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9fa1',
	adaLicenseKey: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9fa0b2',
	adaRevokedLicenseKey: '9f0a1b2c-3d4e-4f5a-ab6c-7d8e9fa0b1c3',
	adaTokenCredits: 'a0b1c2d3-4e5f-4a6b-bc7d-8e9fa0b1c2d4',
	graceDownload: 'b1c2d3e4-5f6a-4b7c-8d8e-9fa0b1c2d3e5',
	graceTokenCredits: 'c2d3e4f5-6a7b-4c8d-9e9f-a0b1c2d3e4f6',
} as const;

/** Units a grant of the token credits benefit gives. */
export const TOKEN_CREDIT_UNITS = 1000;

const benefitBase = (organizationId: string) => ({
	modified_at: null,
	selectable: true,
	deletable: true,
	is_deleted: false,
	organization_id: organizationId,
	visibility: 'public',
	visibility_configurable: true,
});

/** The seeded benefits, newest first: the products' two custom ones, license keys, meter credits. */
export function seedBenefits(organizationId: string): Json[] {
	const { support, download } = catalogBenefits(organizationId);
	return [
		{
			...benefitBase(organizationId),
			id: MORE_BENEFIT_IDS.tokenCredits,
			created_at: '2025-02-02T09:00:00Z',
			type: 'meter_credit',
			description: '1,000 LLM tokens',
			metadata: { tier: 'pro' },
			properties: { units: TOKEN_CREDIT_UNITS, rollover: false, meter_id: METER_IDS.tokens },
		},
		{
			...benefitBase(organizationId),
			id: MORE_BENEFIT_IDS.licenseKeys,
			created_at: '2025-02-01T09:00:00Z',
			type: 'license_keys',
			description: 'Desktop app license',
			metadata: { tier: 'pro' },
			properties: {
				prefix: 'POLAR',
				expires: null,
				activations: { limit: 3, enable_customer_admin: true },
				limit_usage: null,
			},
		},
		support,
		download,
	];
}

interface GrantSeed {
	id: string;
	customer: string;
	benefit: string;
	at: string;
	revokedAt?: string;
	subscription?: string;
	order?: string;
	properties?: Json;
}

const SUBSCRIPTION = 'd3e4f5a6-7b8c-4d9e-8fa0-b1c2d3e4f5a7';
const ORDERS = [
	'e4f5a6b7-8c9d-4e0f-9a1b-c2d3e4f5a6b8',
	'f5a6b7c8-9d0e-4f1a-ab2c-d3e4f5a6b7c9',
	'a6b7c8d9-0e1f-4a2b-bc3d-e4f5a6b7c8da',
];

function grantSeeds(): GrantSeed[] {
	const licenseKey = (id: string, key: string) => ({
		license_key_id: id,
		display_key: `****-${key.slice(-4)}`,
	});
	const credited = (at: string) => ({
		last_credited_meter_id: METER_IDS.tokens,
		last_credited_units: TOKEN_CREDIT_UNITS,
		last_credited_at: at,
	});
	return [
		{
			id: GRANT_IDS.graceTokenCredits,
			customer: FIXTURE_IDS.grace,
			benefit: MORE_BENEFIT_IDS.tokenCredits,
			at: '2025-04-20T10:00:00Z',
			order: ORDERS[2],
			properties: credited('2025-04-20T10:00:00Z'),
		},
		{
			id: GRANT_IDS.graceDownload,
			customer: FIXTURE_IDS.grace,
			benefit: BENEFIT_IDS.download,
			at: '2025-04-10T10:00:00Z',
			order: ORDERS[1],
		},
		{
			id: GRANT_IDS.adaTokenCredits,
			customer: FIXTURE_IDS.ada,
			benefit: MORE_BENEFIT_IDS.tokenCredits,
			at: '2025-04-01T10:00:00Z',
			subscription: SUBSCRIPTION,
			properties: credited('2025-04-01T10:00:00Z'),
		},
		{
			id: GRANT_IDS.adaLicenseKey,
			customer: FIXTURE_IDS.ada,
			benefit: MORE_BENEFIT_IDS.licenseKeys,
			at: '2025-03-04T10:00:00Z',
			subscription: SUBSCRIPTION,
			properties: licenseKey(LICENSE_KEY_IDS.active, 'POLAR-ACTIVE-0001'),
		},
		{
			id: GRANT_IDS.adaRevokedLicenseKey,
			customer: FIXTURE_IDS.ada,
			benefit: MORE_BENEFIT_IDS.licenseKeys,
			at: '2025-03-02T10:00:00Z',
			revokedAt: '2025-03-20T10:00:00Z',
			order: ORDERS[0],
			properties: licenseKey(LICENSE_KEY_IDS.revoked, 'POLAR-REVOKED-0003'),
		},
		{
			id: GRANT_IDS.adaSupport,
			customer: FIXTURE_IDS.ada,
			benefit: BENEFIT_IDS.support,
			at: '2025-03-01T10:00:00Z',
			subscription: SUBSCRIPTION,
		},
	];
}

export class BenefitStore {
	constructor(
		readonly benefits: readonly Json[],
		private readonly customers: () => readonly Customer[],
	) {}

	/** The grants of the seeded customers that are still there, newest first, as BenefitGrant. */
	grants(): Json[] {
		return grantSeeds().flatMap((seed) => {
			const customer = this.customers().find((c) => c.id === seed.customer);
			const benefit = this.benefits.find((b) => b.id === seed.benefit);
			if (!customer || !benefit) return [];
			const revokedAt = seed.revokedAt ?? null;
			return [
				{
					created_at: seed.at,
					modified_at: revokedAt,
					id: seed.id,
					// A revoked grant is no longer granted: Polar clears granted_at on revoke.
					granted_at: revokedAt ? null : seed.at,
					is_granted: revokedAt === null,
					revoked_at: revokedAt,
					is_revoked: revokedAt !== null,
					subscription_id: seed.subscription ?? null,
					order_id: seed.order ?? null,
					customer_id: customer.id,
					member_id: null,
					benefit_id: benefit.id,
					error: null,
					customer,
					member: null,
					benefit,
					properties: seed.properties ?? {},
				},
			];
		});
	}

	/** What granted meter_credit benefits credited, for the customer meters. */
	credits(): MeterCredit[] {
		return this.grants()
			.filter((grant) => grant.is_granted && (grant.benefit as Json).type === 'meter_credit')
			.map((grant) => {
				const properties = (grant.benefit as { properties: Json }).properties;
				return {
					customer_id: String(grant.customer_id),
					meter_id: String(properties.meter_id),
					units: Number(properties.units),
					at: String(grant.granted_at),
				};
			});
	}

	find(id: string): Json | undefined {
		return this.benefits.find((benefit) => benefit.id === id.toLowerCase());
	}
}

type Query = Record<string, string>;
type Lists = Record<string, string[]>;
const lower = (values?: string[]) => values?.map((value) => value.toLowerCase());
const flag = (query: Query, name: string) =>
	query[name] === undefined ? undefined : query[name] === 'true';

function listBenefits(store: BenefitStore, query: Query, lists: Lists): CannedResponse {
	const [ids, excluded] = [lower(lists.id), lower(lists.exclude_id)];
	const needle = query.query?.toLowerCase();
	const matches = store.benefits.filter(
		(benefit) =>
			(!lists.type || lists.type.includes(String(benefit.type))) &&
			(!ids || ids.includes(String(benefit.id))) &&
			(!excluded || !excluded.includes(String(benefit.id))) &&
			(needle === undefined || String(benefit.description).toLowerCase().includes(needle)) &&
			metadataMatches(benefit.metadata as Json, lists),
	);
	const sorted = sortBy(matches, lists.sorting ?? ['-created_at'], {
		created_at: (benefit) => String(benefit.created_at),
		description: (benefit) => String(benefit.description),
		type: (benefit) => String(benefit.type),
	});
	return page(sorted, query);
}

function listGrants(grants: Json[], query: Query, lists: Lists): CannedResponse {
	const granted = flag(query, 'is_granted');
	const [customers, members] = [lower(lists.customer_id), lower(lists.member_id)];
	const externals = lists.external_customer_id;
	const matches = grants.filter((grant) => {
		const customer = grant.customer as Customer;
		return (
			(granted === undefined || grant.is_granted === granted) &&
			(!customers || customers.includes(customer.id)) &&
			(!externals || (customer.external_id !== null && externals.includes(customer.external_id))) &&
			(!members || members.includes(String(grant.member_id)))
		);
	});
	const sorted = sortBy(matches, lists.sorting ?? ['-created_at'], {
		created_at: (grant) => String(grant.created_at),
		granted_at: (grant) => String(grant.granted_at ?? ''),
		revoked_at: (grant) => String(grant.revoked_at ?? ''),
	});
	return page(sorted, query);
}

const BENEFIT_READ_SCOPES = ['benefits:read', 'benefits:write'];

/** The benefit read endpoints: list, get, one benefit's grants, and all grants. */
export function benefitRoutes(store: BenefitStore): Route[] {
	const id = (ref: unknown) => (ref as { id: string }).id;
	return [
		{
			method: 'GET',
			template: '/v1/benefits/',
			scopes: BENEFIT_READ_SCOPES,
			answer: (request) => listBenefits(store, request.query, request.queryLists),
		},
		{
			method: 'GET',
			template: '/v1/benefits/{id}',
			scopes: BENEFIT_READ_SCOPES,
			answer: (_request, ref) => {
				const benefit = store.find(id(ref));
				return benefit ? jsonResponse(200, benefit) : polarErrors.notFound();
			},
		},
		{
			method: 'GET',
			template: '/v1/benefits/{id}/grants',
			scopes: BENEFIT_READ_SCOPES,
			answer: (request, ref) => {
				const benefit = store.find(id(ref));
				if (!benefit) return polarErrors.notFound();
				const own = store.grants().filter((grant) => grant.benefit_id === benefit.id);
				// This list has no sorting parameter: always newest first.
				return listGrants(own, request.query, { ...request.queryLists, sorting: ['-created_at'] });
			},
		},
		{
			method: 'GET',
			template: '/v1/benefit-grants/',
			scopes: BENEFIT_READ_SCOPES,
			answer: (request) => listGrants(store.grants(), request.query, request.queryLists),
		},
	];
}
