// The double's checkout sessions, as Polar's server makes and reads them:
// - server/polar/checkout/endpoints.py (list, get, create: 201; 404 ResourceNotFound);
// - server/polar/checkout/service.py: list (lines 279-335: product_id, customer_id,
//   external_customer_id, status, query on customer_email, newest first), create (372-731:
//   products validated one by one, _get_validated_products 1830-1891: "Product does not exist."
//   for one it cannot read, including another organization's, "Product is archived.", "Product
//   is a draft.", each at loc body.products.<index>; "Customer does not exist." for an unknown
//   customer_id; a new external_customer_id is fine, the customer is made on confirm; "Seats can
//   only be set for seat-based pricing."; discounts by _get_validated_discount 1968-2019);
// - server/polar/checkout/schemas.py (CheckoutProductsCreate: products unique, 360-399);
// - server/polar/models/checkout.py: expires_at = now + settings.CHECKOUT_TTL_SECONDS (24 h,
//   server/polar/config.py:170), success_url with {CHECKOUT_ID} replaced by the ID when read
//   (296-304), url = FRONTEND_BASE_URL + /checkout/<client_secret> (382-383), an open checkout
//   past expires_at is expired (check_expiration 489-493): computed here at read time from the
//   double's clock; server/polar/kit/http.py SuccessUrl keeps {CHECKOUT_ID} literal.
// A buyer completing a checkout (order, subscription, customer, webhooks) is
// checkout-completion.ts, pulled by POST /__double/checkouts/{id}/complete.

import { randomUUID } from 'crypto';

import type { CustomerStore } from './customers';
import { failureResponse, jsonResponse, polarErrors, type CannedResponse } from './responses';
import { requestBody, type ControlRoute, type Route } from './route';

type Json = Record<string, unknown>;

/** Polar's CHECKOUT_TTL_SECONDS (server/polar/config.py). */
export const CHECKOUT_TTL_SECONDS = 24 * 60 * 60;
/** Polar's FRONTEND_BASE_URL in production. */
export const FRONTEND_BASE_URL = 'https://polar.sh';

/** The double's time: real time, moved forward by tests (e.g. past a checkout's expiry). */
export class DoubleClock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}

/** Polar's generate_token: a prefix and 37 random letters and digits (and a checksum). */
export function clientSecret(prefix: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return (
		prefix + Array.from({ length: 43 }, () => alphabet[Math.floor(Math.random() * 62)]).join('')
	);
}

interface ValidationEntry {
	loc: (string | number)[];
	msg: string;
	type: string;
	input: unknown;
}

const invalid = (loc: (string | number)[], msg: string, input: unknown): ValidationEntry => ({
	loc: ['body', ...loc],
	msg,
	type: 'value_error',
	input,
});

/** The organization's products and discounts as checkouts and links check them. */
export class Catalog {
	constructor(
		readonly organizationId: string,
		private readonly products: readonly Json[],
		/** The organization's live discounts (the discount store's). */
		private readonly discounts: () => readonly Json[],
	) {}

	/** product_service.get: only products of the organizations the token reaches. */
	product(id: unknown): Json | undefined {
		return this.products.find(
			(p) =>
				String(p.id).toLowerCase() === String(id).toLowerCase() &&
				p.organization_id === this.organizationId,
		);
	}

	/** _get_validated_products: every refused product at its index, all at once. */
	validateProducts(ids: unknown[]): { products: Json[] } | { errors: ValidationEntry[] } {
		const errors: ValidationEntry[] = [];
		const products: Json[] = [];
		ids.forEach((id, index) => {
			const product = this.product(id);
			if (!product) errors.push(invalid(['products', index], 'Product does not exist.', id));
			else if (product.is_archived)
				errors.push(invalid(['products', index], 'Product is archived.', id));
			else if (product.visibility === 'draft')
				errors.push(invalid(['products', index], 'Product is a draft.', id));
			else products.push(product);
		});
		return errors.length ? { errors } : { products };
	}

	discount(id: unknown): Json | undefined {
		return this.discounts().find((d) => String(d.id).toLowerCase() === String(id).toLowerCase());
	}
}

export const validationAnswer = (errors: ValidationEntry[]): CannedResponse =>
	polarErrors.validation(errors);

/** Polar keeps {CHECKOUT_ID} literal (kit/http.py SuccessUrl) and normalises the rest. */
export const storedUrl = (url: unknown): string | null =>
	typeof url === 'string'
		? new URL(url).href.replaceAll('%7BCHECKOUT_ID%7D', '{CHECKOUT_ID}')
		: null;

/**
 * The spec says `format: uri`, which refuses the braces of {CHECKOUT_ID}; Polar's SuccessUrl
 * takes them (and keeps them). The spec checks the success URL with the placeholder filled in.
 */
export function placeholderFilled(request: { body: unknown }): unknown {
	const body = request.body as Json | undefined;
	if (typeof body?.success_url !== 'string') return body;
	return { ...body, success_url: body.success_url.replaceAll('{CHECKOUT_ID}', randomUUID()) };
}

/** A product as a checkout or link shows it (CheckoutProduct, CheckoutLinkProduct). */
const productView = (product: Json): Json => {
	const view = { ...product };
	delete view.attached_custom_fields;
	return view;
};

/** Checkout.discount: the discount's CheckoutDiscount fields. */
const discountView = (discount: Json | undefined): Json | null =>
	discount
		? {
				id: discount.id,
				name: discount.name,
				code: discount.code,
				type: discount.type,
				basis_points: discount.basis_points,
				duration: discount.duration,
			}
		: null;

const priceAmount = (product: Json): number =>
	Number(((product.prices as Json[])[0] ?? {}).price_amount ?? 0);

interface StoredCheckout {
	record: Json;
	/** The success URL as given, {CHECKOUT_ID} unreplaced (Checkout._success_url). */
	successUrl: string | null;
	expiresAt: number;
}

export class CheckoutStore {
	/** Newest first. */
	private readonly entries: StoredCheckout[] = [];

	constructor(
		private readonly catalog: Catalog,
		private readonly customers: CustomerStore,
		readonly clock: DoubleClock,
	) {}

	/** The checkout as Polar answers it now: status and success_url as read at this moment. */
	view(entry: StoredCheckout): Json {
		const { record } = entry;
		const expired = record.status === 'open' && entry.expiresAt < this.clock.now();
		return {
			...record,
			status: expired ? 'expired' : record.status,
			success_url:
				entry.successUrl === null
					? `${FRONTEND_BASE_URL}/checkout/${String(record.client_secret)}/confirmation`
					: entry.successUrl.replaceAll('{CHECKOUT_ID}', String(record.id)),
		};
	}

	get checkouts(): Json[] {
		return this.entries.map((entry) => this.view(entry));
	}

	find(id: string): StoredCheckout | undefined {
		return this.entries.find((e) => e.record.id === id.toLowerCase());
	}

	create(body: Json): CannedResponse {
		const ids = body.products as unknown[];
		if (new Set(ids.map((id) => String(id).toLowerCase())).size !== ids.length) {
			return validationAnswer([
				invalid(['products'], 'Value error, Product IDs must be unique.', ids),
			]);
		}
		const validated = this.catalog.validateProducts(ids);
		if ('errors' in validated) return validationAnswer(validated.errors);
		const [product] = validated.products;
		const errors: ValidationEntry[] = [];
		const discount = body.discount_id == null ? undefined : this.catalog.discount(body.discount_id);
		if (body.discount_id != null && !discount)
			errors.push(invalid(['discount_id'], 'Discount does not exist.', body.discount_id));
		// The double's products have fixed prices only, none seat-based.
		if (body.seats != null)
			errors.push(invalid(['seats'], 'Seats can only be set for seat-based pricing.', body.seats));
		let customer: Json | undefined;
		if (body.customer_id != null) {
			customer = this.customers.find({ id: String(body.customer_id) })?.customer as
				| Json
				| undefined;
			if (!customer)
				errors.push(invalid(['customer_id'], 'Customer does not exist.', body.customer_id));
		} else if (body.external_customer_id != null) {
			// An unknown external ID is fine: Polar creates the customer when the checkout completes.
			customer = this.customers.find({ externalId: String(body.external_customer_id) })
				?.customer as Json | undefined;
		}
		if (errors.length) return validationAnswer(errors);

		const now = this.clock.now();
		const secret = clientSecret('polar_c_');
		const amount = priceAmount(product);
		const discountAmount = discount
			? Math.round((amount * Number(discount.basis_points)) / 10000)
			: 0;
		const billingAddress = (body.customer_billing_address ??
			customer?.billing_address ??
			null) as Json | null;
		const record: Json = {
			id: randomUUID(),
			created_at: new Date(now).toISOString(),
			modified_at: null,
			custom_field_data: body.custom_field_data ?? {},
			payment_processor: 'stripe',
			status: 'open',
			client_secret: secret,
			url: `${FRONTEND_BASE_URL}/checkout/${secret}`,
			expires_at: new Date(now + CHECKOUT_TTL_SECONDS * 1000).toISOString(),
			return_url: storedUrl(body.return_url),
			embed_origin: body.embed_origin ?? null,
			amount,
			seats: null,
			min_seats: null,
			max_seats: null,
			discount_amount: discountAmount,
			net_amount: amount - discountAmount,
			tax_amount: null,
			tax_behavior: null,
			total_amount: amount - discountAmount,
			currency: body.currency ?? 'usd',
			allow_trial: body.allow_trial ?? true,
			active_trial_interval: body.trial_interval ?? null,
			active_trial_interval_count: body.trial_interval_count ?? null,
			trial_end: null,
			organization_id: this.catalog.organizationId,
			product_id: product.id,
			product_price_id: (product.prices as Json[])[0]?.id ?? null,
			discount_id: discount?.id ?? null,
			allow_discount_codes: body.allow_discount_codes ?? true,
			require_billing_address:
				body.require_billing_address === true || Boolean(billingAddress && billingAddress.line1),
			is_discount_applicable: true,
			is_free_product_price: amount === 0,
			is_payment_required: amount - discountAmount > 0,
			is_payment_setup_required: product.is_recurring === true,
			is_payment_form_required: true,
			customer_id: customer?.id ?? null,
			is_business_customer: body.is_business_customer ?? false,
			// Polar pre-fills what the request leaves out from the customer it names.
			customer_name: body.customer_name ?? customer?.name ?? null,
			customer_email: body.customer_email ?? customer?.email ?? null,
			customer_ip_address: body.customer_ip_address ?? null,
			customer_billing_name: body.customer_billing_name ?? customer?.billing_name ?? null,
			customer_billing_address: billingAddress,
			customer_tax_id: body.customer_tax_id ?? null,
			// Without checkout localization (an organization feature), Polar sets "en".
			locale: 'en',
			payment_method_type: null,
			payment_processor_metadata: { publishable_key: 'pk_test_double' },
			billing_address_fields: {
				country: 'required',
				state: 'disabled',
				city: 'disabled',
				postal_code: 'disabled',
				line1: 'disabled',
				line2: 'disabled',
			},
			trial_interval: body.trial_interval ?? null,
			trial_interval_count: body.trial_interval_count ?? null,
			metadata: body.metadata ?? {},
			external_customer_id: body.external_customer_id ?? customer?.external_id ?? null,
			products: validated.products.map(productView),
			product: productView(product),
			product_price: (product.prices as Json[])[0] ?? null,
			prices: Object.fromEntries(validated.products.map((p) => [p.id, p.prices])),
			discount: discountView(discount),
			subscription_id: body.subscription_id ?? null,
			attached_custom_fields: [],
			customer_metadata: body.customer_metadata ?? {},
		};
		const entry = {
			record,
			successUrl: storedUrl(body.success_url),
			expiresAt: now + CHECKOUT_TTL_SECONDS * 1000,
		};
		this.entries.unshift(entry);
		return jsonResponse(201, this.view(entry));
	}

	reset(): void {
		this.entries.length = 0;
	}

	get(id: string): CannedResponse {
		const entry = this.find(id);
		return entry ? jsonResponse(200, this.view(entry)) : polarErrors.notFound();
	}

	list(query: Record<string, string>): CannedResponse {
		const limit = Math.min(100, Number(query.limit ?? 10));
		const page = Number(query.page ?? 1);
		const needle = (query.query ?? '').toLowerCase();
		const matches = this.checkouts.filter(
			(c) =>
				(query.product_id === undefined || c.product_id === query.product_id.toLowerCase()) &&
				(query.customer_id === undefined || c.customer_id === query.customer_id.toLowerCase()) &&
				(query.external_customer_id === undefined ||
					this.customers.find({ externalId: query.external_customer_id })?.customer.id ===
						c.customer_id) &&
				(query.status === undefined || c.status === query.status) &&
				(!needle ||
					String(c.customer_email ?? '')
						.toLowerCase()
						.includes(needle)),
		);
		const items = matches.slice((page - 1) * limit, page * limit);
		const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
		return jsonResponse(200, { items, pagination });
	}
}

/**
 * Answers a test asked to lose: the request is carried out, then the answer is a gateway's
 * 502, as when Polar acted and the response did not come back.
 */
export class LostAnswers {
	private readonly pending = new Map<string, number>();

	lose(key: string, count = 1): void {
		this.pending.set(key, (this.pending.get(key) ?? 0) + count);
	}

	/** The answer to send: the real one, or a 502 once the request was carried out. */
	deliver(key: string, answer: CannedResponse): CannedResponse {
		const left = this.pending.get(key) ?? 0;
		if (left <= 0 || answer.status >= 300) return answer;
		this.pending.set(key, left - 1);
		return failureResponse('bad-gateway-html', undefined) as CannedResponse;
	}

	reset(): void {
		this.pending.clear();
	}
}

const READ_SCOPES = ['checkouts:read', 'checkouts:write'];
const WRITE_SCOPES = ['checkouts:write'];

export function checkoutRoutes(store: CheckoutStore, lost: LostAnswers): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/checkouts/',
			scopes: READ_SCOPES,
			answer: (request) => store.list(request.query),
		},
		{
			method: 'POST',
			template: '/v1/checkouts/',
			scopes: WRITE_SCOPES,
			specBody: placeholderFilled,
			answer: (request) => lost.deliver('POST /v1/checkouts/', store.create(requestBody(request))),
		},
		{
			method: 'GET',
			template: '/v1/checkouts/{id}',
			scopes: READ_SCOPES,
			answer: (_request, ref) => store.get((ref as { id: string }).id),
		},
	];
}

/**
 * Test levers: POST /__double/clock/advance {"seconds": n} moves the double's clock (e.g. past
 * a checkout's expiry); POST /__double/lose-answer {"route": "POST /v1/checkouts/"} carries the
 * next such request out and answers 502.
 */
export function checkoutControlRoutes(clock: DoubleClock, lost: LostAnswers): ControlRoute[] {
	return [
		{
			method: 'POST',
			pattern: /^clock\/advance$/,
			answer: (_match, body) => {
				clock.advance(Number(body.seconds ?? 0) * 1000);
				return jsonResponse(200, { now: new Date(clock.now()).toISOString() });
			},
		},
		{
			method: 'POST',
			pattern: /^lose-answer$/,
			answer: (_match, body) => {
				lost.lose(String(body.route), Number(body.count ?? 1));
				return { status: 204, headers: {}, body: '' };
			},
		},
	];
}
