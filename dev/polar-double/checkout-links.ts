// The double's checkout links, as Polar's server keeps them:
// - server/polar/checkout_link/endpoints.py (list, get, create 201, update, delete 204; 404
//   ResourceNotFound for a link it does not hold, or holds deleted);
// - server/polar/checkout_link/service.py: list (50-105: product_id filter, oldest first by
//   default), create (121-180: products validated as checkouts validate them, 291-345; the
//   discount must exist), update (182-272: only the fields sent; new products must be valid;
//   products without a recurring one drop the trial), delete (274-282: a soft delete, after
//   which the link is not found);
// - server/polar/checkout_link/schemas.py: url = CHECKOUT_BASE_URL with the client secret
//   (polar_cl_…), production's buy.polar.sh host (config.py CHECKOUT_LINK_HOST; Polar's
//   clients/packages/checkout tests use https://buy.polar.sh/polar_cl_…).

import { randomUUID } from 'crypto';

import {
	clientSecret,
	placeholderFilled,
	storedUrl,
	validationAnswer,
	type Catalog,
	type DoubleClock,
	type LostAnswers,
} from './checkouts';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { requestBody, type Route } from './route';

type Json = Record<string, unknown>;

const CHECKOUT_LINK_BASE_URL = 'https://buy.polar.sh/';

interface StoredLink {
	record: Json;
	deletedAt: number | null;
}

export class CheckoutLinkStore {
	/** Oldest first: Polar lists links by created_at ascending. */
	private readonly entries: StoredLink[] = [];

	constructor(
		private readonly catalog: Catalog,
		private readonly clock: DoubleClock,
	) {}

	/** The links that are not deleted. */
	get links(): Json[] {
		return this.entries.filter((e) => e.deletedAt === null).map((e) => e.record);
	}

	/** Every link ever made, deleted ones with their deleted_at: for tests. */
	get all(): Array<Json & { deleted: boolean }> {
		return this.entries.map((e) => ({ ...e.record, deleted: e.deletedAt !== null }));
	}

	private find(id: string): StoredLink | undefined {
		return this.entries.find((e) => e.deletedAt === null && e.record.id === id.toLowerCase());
	}

	private productViews(products: Json[]): Json[] {
		return products.map((product) => {
			const view = { ...product };
			delete view.attached_custom_fields;
			return view;
		});
	}

	private discountOrError(id: unknown): { discount: Json | null } | { error: CannedResponse } {
		if (id == null) return { discount: null };
		const discount = this.catalog.discount(id);
		if (discount) return { discount };
		return {
			error: validationAnswer([
				{
					loc: ['body', 'discount_id'],
					msg: 'Discount does not exist or is not applicable to this product.',
					type: 'value_error',
					input: id,
				},
			]),
		};
	}

	create(body: Json): CannedResponse {
		const ids = (body.products ?? [body.product_id]) as unknown[];
		const validated = this.catalog.validateProducts(ids);
		if ('errors' in validated) return validationAnswer(validated.errors);
		const found = this.discountOrError(body.discount_id);
		if ('error' in found) return found.error;
		if (body.seats != null) {
			return validationAnswer([
				{
					loc: ['body', 'seats'],
					msg: 'Seats can only be preconfigured when all products use seat-based pricing.',
					type: 'value_error',
					input: body.seats,
				},
			]);
		}
		const secret = clientSecret('polar_cl_');
		const record: Json = {
			id: randomUUID(),
			created_at: new Date(this.clock.now()).toISOString(),
			modified_at: null,
			trial_interval: body.trial_interval ?? null,
			trial_interval_count: body.trial_interval_count ?? null,
			metadata: body.metadata ?? {},
			payment_processor: body.payment_processor,
			client_secret: secret,
			success_url: storedUrl(body.success_url),
			return_url: storedUrl(body.return_url),
			label: body.label ?? null,
			allow_discount_codes: body.allow_discount_codes ?? true,
			require_billing_address: body.require_billing_address ?? false,
			discount_id: found.discount?.id ?? null,
			seats: null,
			organization_id: this.catalog.organizationId,
			products: this.productViews(validated.products),
			discount: found.discount,
			url: `${CHECKOUT_LINK_BASE_URL}${secret}`,
		};
		this.entries.push({ record, deletedAt: null });
		return jsonResponse(201, record);
	}

	reset(): void {
		this.entries.length = 0;
	}

	get(id: string): CannedResponse {
		const entry = this.find(id);
		return entry ? jsonResponse(200, entry.record) : polarErrors.notFound();
	}

	update(id: string, body: Json): CannedResponse {
		const entry = this.find(id);
		if (!entry) return polarErrors.notFound();
		const { record } = entry;
		let products: Json[] | undefined;
		if (body.products != null) {
			const validated = this.catalog.validateProducts(body.products as unknown[]);
			if ('errors' in validated) return validationAnswer(validated.errors);
			products = validated.products;
		}
		const found = this.discountOrError(body.discount_id);
		if ('error' in found) return found.error;
		if (body.seats != null) {
			return validationAnswer([
				{
					loc: ['body', 'seats'],
					msg: 'Seats can only be preconfigured when all products use seat-based pricing.',
					type: 'value_error',
					input: body.seats,
				},
			]);
		}
		if (products) {
			record.products = this.productViews(products);
			if (!products.some((p) => p.is_recurring)) {
				record.trial_interval = null;
				record.trial_interval_count = null;
			}
		}
		if ('discount_id' in body) {
			record.discount = found.discount;
			record.discount_id = found.discount?.id ?? null;
		}
		for (const key of [
			'label',
			'allow_discount_codes',
			'require_billing_address',
			'metadata',
			'trial_interval',
			'trial_interval_count',
		]) {
			if (key in body) record[key] = body[key] ?? (key === 'metadata' ? {} : null);
		}
		if ('success_url' in body) record.success_url = storedUrl(body.success_url);
		if ('return_url' in body) record.return_url = storedUrl(body.return_url);
		record.modified_at = new Date(this.clock.now()).toISOString();
		return jsonResponse(200, record);
	}

	delete(id: string): CannedResponse {
		const entry = this.find(id);
		if (!entry) return polarErrors.notFound();
		entry.deletedAt = this.clock.now();
		return { status: 204, headers: {}, body: '' };
	}

	list(query: Record<string, string>): CannedResponse {
		const limit = Math.min(100, Number(query.limit ?? 10));
		const page = Number(query.page ?? 1);
		const matches = this.links.filter(
			(link) =>
				query.product_id === undefined ||
				(link.products as Json[]).some((p) => p.id === query.product_id.toLowerCase()),
		);
		const items = matches.slice((page - 1) * limit, page * limit);
		const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
		return jsonResponse(200, { items, pagination });
	}
}

const READ_SCOPES = ['checkout_links:read', 'checkout_links:write'];
const WRITE_SCOPES = ['checkout_links:write'];

const idOf = (ref: unknown) => (ref as { id: string }).id;

export function checkoutLinkRoutes(store: CheckoutLinkStore, lost: LostAnswers): Route[] {
	const item = '/v1/checkout-links/{id}';
	return [
		{
			method: 'GET',
			template: '/v1/checkout-links/',
			scopes: READ_SCOPES,
			answer: (request) => store.list(request.query),
		},
		{
			method: 'POST',
			template: '/v1/checkout-links/',
			scopes: WRITE_SCOPES,
			specBody: placeholderFilled,
			answer: (request) =>
				lost.deliver('POST /v1/checkout-links/', store.create(requestBody(request))),
		},
		{
			method: 'GET',
			template: item,
			scopes: READ_SCOPES,
			answer: (_request, ref) => store.get(idOf(ref)),
		},
		{
			method: 'PATCH',
			template: item,
			scopes: WRITE_SCOPES,
			specBody: placeholderFilled,
			answer: (request, ref) =>
				lost.deliver(`PATCH ${item}`, store.update(idOf(ref), requestBody(request))),
		},
		{
			method: 'DELETE',
			template: item,
			scopes: WRITE_SCOPES,
			answer: (_request, ref) => lost.deliver(`DELETE ${item}`, store.delete(idOf(ref))),
		},
	];
}
