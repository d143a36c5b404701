// The double's products: a few seeded ones (recurring and one-time, one archived) shaped as
// Polar's Product schema, and the two read endpoints as Polar's server answers them
// (server/polar/product/service.py list: name search, archived, recurring, benefit and
// metadata filters, newest first; 404 ResourceNotFound for a product it does not hold).

import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';

// Fixed ids (all valid uuid4) so tests can name products and benefits directly.
export const PRODUCT_IDS = {
	proMonthly: 'a1f0c3d2-4b5e-4f60-8a71-92b3c4d5e6f1',
	teamYearly: 'b2e1d4c3-5c6f-4071-9b82-a3c4d5e6f702',
	ebook: 'c3d2e5f4-6d70-4182-ac93-b4d5e6f70813',
	/** Archived: no longer on sale. */
	legacyStarter: 'd4e3f605-7e81-4293-bda4-c5e6f7081924',
} as const;

export const BENEFIT_IDS = {
	support: 'e5f40716-8f92-43a4-8eb5-d6f708192a35',
	download: 'f6051827-90a3-44b5-9fc6-e708192a3b46',
} as const;

type Json = Record<string, unknown>;

const customBenefit = (
	organizationId: string,
	id: string,
	description: string,
	note: string,
): Json => ({
	id,
	created_at: '2025-01-10T09:00:00Z',
	modified_at: null,
	type: 'custom',
	description,
	selectable: true,
	deletable: true,
	is_deleted: false,
	organization_id: organizationId,
	metadata: {},
	visibility: 'public',
	properties: { note },
	visibility_configurable: true,
});

const fixedPrice = (productId: string, priceId: string, cents: number, createdAt: string) => ({
	created_at: createdAt,
	modified_at: null,
	id: priceId,
	source: 'catalog',
	amount_type: 'fixed',
	price_currency: 'usd',
	tax_behavior: null,
	is_archived: false,
	product_id: productId,
	price_amount: cents,
});

interface ProductSeed {
	id: string;
	priceId: string;
	name: string;
	createdAt: string;
	cents: number;
	interval: 'month' | 'year' | null;
	archived?: boolean;
	benefits: Json[];
	metadata?: Json;
}

function product(organizationId: string, seed: ProductSeed): Json {
	return {
		id: seed.id,
		created_at: seed.createdAt,
		modified_at: null,
		trial_interval: null,
		trial_interval_count: null,
		name: seed.name,
		description: null,
		visibility: 'public',
		recurring_interval: seed.interval,
		recurring_interval_count: seed.interval ? 1 : null,
		meter_interval: null,
		meter_interval_count: null,
		is_recurring: seed.interval !== null,
		is_archived: seed.archived ?? false,
		organization_id: organizationId,
		metadata: seed.metadata ?? {},
		prices: [fixedPrice(seed.id, seed.priceId, seed.cents, seed.createdAt)],
		benefits: seed.benefits,
		medias: [],
		attached_custom_fields: [],
	};
}

/** The custom benefits the seeded products grant (benefits.ts lists them with the others). */
export function catalogBenefits(organizationId: string) {
	return {
		support: customBenefit(
			organizationId,
			BENEFIT_IDS.support,
			'Priority support',
			'Write to support@example.com',
		),
		download: customBenefit(organizationId, BENEFIT_IDS.download, 'Download', 'The link'),
	};
}

/** The seeded products, newest first (Polar's default order, -created_at). */
export function seedProducts(organizationId: string): Json[] {
	const { support, download } = catalogBenefits(organizationId);
	const seeds: ProductSeed[] = [
		{
			id: PRODUCT_IDS.ebook,
			priceId: '0a1b2c3d-1111-4a2b-8c3d-4e5f6a7b8c01',
			name: 'Pricing Field Guide (e-book)',
			createdAt: '2025-04-01T09:00:00Z',
			cents: 2900,
			interval: null,
			benefits: [download],
			metadata: { kind: 'ebook' },
		},
		{
			id: PRODUCT_IDS.teamYearly,
			priceId: '0a1b2c3d-2222-4a2b-8c3d-4e5f6a7b8c02',
			name: 'Team Yearly',
			createdAt: '2025-03-01T09:00:00Z',
			cents: 19000,
			interval: 'year',
			benefits: [support, download],
			metadata: { tier: 'team' },
		},
		{
			id: PRODUCT_IDS.proMonthly,
			priceId: '0a1b2c3d-3333-4a2b-8c3d-4e5f6a7b8c03',
			name: 'Pro Monthly',
			createdAt: '2025-02-01T09:00:00Z',
			cents: 1900,
			interval: 'month',
			benefits: [support],
			metadata: { tier: 'pro' },
		},
		{
			id: PRODUCT_IDS.legacyStarter,
			priceId: '0a1b2c3d-4444-4a2b-8c3d-4e5f6a7b8c04',
			name: 'Legacy Starter',
			createdAt: '2025-01-01T09:00:00Z',
			cents: 900,
			interval: 'month',
			archived: true,
			benefits: [],
			metadata: { tier: 'starter' },
		},
	];
	return seeds.map((seed) => product(organizationId, seed));
}

export function getProduct(products: readonly Json[], id: string): CannedResponse {
	const found = products.find((p) => String(p.id).toLowerCase() === id.toLowerCase());
	return found ? jsonResponse(200, found) : polarErrors.notFound();
}

/** GET /v1/products/ with Polar's filters: query, is_archived, is_recurring, benefit_id, metadata. */
export function listProducts(
	products: readonly Json[],
	query: Record<string, string>,
): CannedResponse {
	// Polar's get_pagination_params: 10 by default, more than API_PAGINATION_MAX_LIMIT cut to it.
	const limit = Math.min(100, Number(query.limit ?? 10));
	const page = Number(query.page ?? 1);
	const needle = (query.query ?? '').toLowerCase();
	const flag = (name: string) => (query[name] === undefined ? undefined : query[name] === 'true');
	const archived = flag('is_archived');
	const recurring = flag('is_recurring');
	const metadata = Object.entries(query)
		.map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
		.filter(([key]) => key !== undefined);
	const matches = products.filter(
		(p) =>
			(!needle || String(p.name).toLowerCase().includes(needle)) &&
			(archived === undefined || p.is_archived === archived) &&
			(recurring === undefined || p.is_recurring === recurring) &&
			(query.benefit_id === undefined ||
				(p.benefits as Json[]).some((b) => b.id === query.benefit_id)) &&
			metadata.every(([key, value]) => String((p.metadata as Json)[key as string]) === value),
	);
	const items = matches.slice((page - 1) * limit, page * limit);
	const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
	return jsonResponse(200, { items, pagination });
}

const PRODUCT_READ_SCOPES = ['products:read', 'products:write'];

/** The product read endpoints over the given products (newest first). */
export function productRoutes(products: Record<string, unknown>[]): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/products/',
			scopes: PRODUCT_READ_SCOPES,
			answer: (request) => listProducts(products, request.query),
		},
		{
			method: 'GET',
			template: '/v1/products/{id}',
			scopes: PRODUCT_READ_SCOPES,
			answer: (_request, ref) => getProduct(products, (ref as { id: string }).id),
		},
	];
}
