// The double's discounts, as Polar's server keeps them. Modelled on polarsource/polar (c6c3645):
// - server/polar/discount/schemas.py: the create union, discriminated by `type` (lines 480-483),
//   and its validators: code alphanumeric, 3-256 characters (52-60); starts_at before ends_at
//   (76-80); duration_in_months required for `repeating` and only then (222-232); a fixed
//   discount needs amount or amounts, not both (251-257); update's own checks (279-318).
// - server/polar/discount/service.py: list (`query` matches the name with LIKE, the code with
//   ILIKE; -created_at) lines 60-100; create (code unique per organization, case-insensitively;
//   each product must be the organization's; the deprecated amount+currency become amounts)
//   114-189; update (duration and type cannot change; code unique; amounts, basis points and
//   months frozen once redeemed; products replaced) 209-334; delete (soft: deleted_at) 336-350.
// - server/polar/discount/endpoints.py: 201 on create, 204 on delete, 404 for a deleted one.
// Pydantic's errors on the union carry the variant's tag in `loc`: ["body", "fixed", "code"].

import { randomUUID } from 'crypto';

import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { requestBody, type Route } from './route';
import { polarSpec } from './spec';
import type { ValidationErrorDetail } from './types';

type Json = Record<string, unknown>;

export const DISCOUNT_IDS = {
	/** 25 % for 3 months, code SUMMER25, redeemed 3 times, for Pro Monthly only. */
	summer: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e21',
	/** 10.00 USD / 9.00 EUR once, code WELCOME10. */
	welcome: 'ad1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f32',
	/** 20 % once, code LAUNCH20, for every product: what checkouts and links are tested with. */
	launch: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
} as const;

const PRODUCT_KEYS = [
	'metadata',
	'id',
	'created_at',
	'modified_at',
	'trial_interval',
	'trial_interval_count',
	'name',
	'description',
	'visibility',
	'recurring_interval',
	'recurring_interval_count',
	'meter_interval',
	'meter_interval_count',
	'is_recurring',
	'is_archived',
	'organization_id',
];

/** What the double keeps of a discount: the fields of every variant, and whether it was deleted. */
interface StoredDiscount {
	id: string;
	created_at: string;
	modified_at: string | null;
	metadata: Json;
	name: string;
	type: 'fixed' | 'percentage';
	duration: 'once' | 'forever' | 'repeating';
	duration_in_months: number | null;
	basis_points: number | null;
	amounts: Record<string, number> | null;
	code: string | null;
	starts_at: string | null;
	ends_at: string | null;
	max_redemptions: number | null;
	max_redemptions_per_customer: number | null;
	redemptions_count: number;
	organization_id: string;
	products: string[];
	deleted: boolean;
}

const error = (
	loc: Array<string | number>,
	msg: string,
	input: unknown,
): ValidationErrorDetail => ({
	loc,
	msg,
	type: 'value_error',
	input,
});

/** Python's str.isalnum over 3-256 characters (counted as code points). */
const codeProblem = (code: string): string | undefined => {
	if (!/^[\p{L}\p{N}]*$/u.test(code))
		return 'Value error, Code must contain only alphanumeric characters.';
	const length = [...code].length;
	if (length < 3 || length > 256)
		return 'Value error, Code must be between 3 and 256 characters long.';
	return undefined;
};

const VARIANTS = {
	fixed: { once: 'DiscountFixedOnceForeverDuration', repeating: 'DiscountFixedRepeatDuration' },
	percentage: {
		once: 'DiscountPercentageOnceForeverDuration',
		repeating: 'DiscountPercentageRepeatDuration',
	},
};

/**
 * An answer holding discounts. The spec's Discount is a oneOf whose once/forever variants take
 * any duration, so a repeating discount matches two variants and fails it, as Polar's own answers
 * would: such an answer is instead checked against the discount's exact variant here.
 */
function discountAnswer(status: number, value: unknown, discounts: Json[]): CannedResponse {
	for (const discount of discounts) {
		const variant =
			VARIANTS[discount.type as 'fixed'][discount.duration === 'repeating' ? 'repeating' : 'once'];
		const problems = polarSpec().checkSchema(variant, discount);
		if (problems.length)
			throw new Error(`The double's ${variant} breaks the spec: ${JSON.stringify(problems)}`);
	}
	const repeating = discounts.some((d) => d.duration === 'repeating');
	return {
		...jsonResponse(status, value),
		...(repeating
			? { offSpec: 'a repeating discount matches two variants of the spec’s Discount oneOf' }
			: {}),
	};
}

export class DiscountStore {
	readonly discounts: StoredDiscount[] = [];

	constructor(
		private readonly organizationId: string,
		/** The organization's products, as the product routes answer them. */
		private readonly products: readonly Json[],
	) {
		const base = {
			modified_at: null,
			metadata: {},
			starts_at: null,
			ends_at: null,
			max_redemptions: null,
			max_redemptions_per_customer: null,
			organization_id: organizationId,
			deleted: false,
		};
		this.discounts.push(
			{
				...base,
				id: DISCOUNT_IDS.summer,
				created_at: '2025-06-01T09:00:00Z',
				name: 'Summer sale',
				type: 'percentage',
				duration: 'repeating',
				duration_in_months: 3,
				basis_points: 2500,
				amounts: null,
				code: 'SUMMER25',
				max_redemptions: 100,
				redemptions_count: 3,
				products: [String(products.find((p) => p.name === 'Pro Monthly')?.id ?? '')].filter(
					Boolean,
				),
			},
			{
				...base,
				id: DISCOUNT_IDS.welcome,
				created_at: '2025-05-01T09:00:00Z',
				name: 'Welcome',
				type: 'fixed',
				duration: 'once',
				duration_in_months: null,
				basis_points: null,
				amounts: { usd: 1000, eur: 900 },
				code: 'WELCOME10',
				redemptions_count: 0,
				products: [],
			},
			{
				...base,
				id: DISCOUNT_IDS.launch,
				created_at: '2025-05-01T08:00:00Z',
				name: 'Launch 20%',
				type: 'percentage',
				duration: 'once',
				duration_in_months: null,
				basis_points: 2000,
				amounts: null,
				code: 'LAUNCH20',
				redemptions_count: 0,
				products: [],
			},
		);
	}

	/** The live discount with this ID. */
	private find(id: string): StoredDiscount | undefined {
		return this.discounts.find((d) => d.id === id.toLowerCase() && !d.deleted);
	}

	private codeTaken(code: string, except?: string): boolean {
		return this.discounts.some(
			(d) => !d.deleted && d.id !== except && d.code?.toUpperCase() === code.toUpperCase(),
		);
	}

	/** Each product must be the organization's: 422 at its index otherwise. */
	private productProblems(ids: unknown): ValidationErrorDetail[] {
		if (!Array.isArray(ids)) return [];
		return ids.flatMap((id, index) =>
			this.products.some((p) => p.id === String(id).toLowerCase())
				? []
				: [error(['body', 'products', index], 'Product not found.', id)],
		);
	}

	/** The Discount schema's variant for a stored discount. */
	toJson(d: StoredDiscount): Json {
		const json: Json = {
			duration: d.duration,
			...(d.duration === 'repeating' ? { duration_in_months: d.duration_in_months } : {}),
			type: d.type,
		};
		if (d.type === 'fixed') {
			const amounts = d.amounts ?? {};
			// The deprecated pair: the organization's default currency (usd here) if set, else the first.
			const currency = 'usd' in amounts ? 'usd' : Object.keys(amounts)[0];
			Object.assign(json, { amount: amounts[currency], currency, amounts });
		} else {
			json.basis_points = d.basis_points;
		}
		return {
			...json,
			created_at: d.created_at,
			modified_at: d.modified_at,
			id: d.id,
			metadata: d.metadata,
			name: d.name,
			code: d.code,
			starts_at: d.starts_at,
			ends_at: d.ends_at,
			max_redemptions: d.max_redemptions,
			max_redemptions_per_customer: d.max_redemptions_per_customer,
			redemptions_count: d.redemptions_count,
			organization_id: d.organization_id,
			products: d.products.map((id) => {
				const product = this.products.find((p) => p.id === id) ?? {};
				return Object.fromEntries(PRODUCT_KEYS.map((key) => [key, product[key]]));
			}),
		};
	}

	/** The schema's validators, which the spec cannot express (its checks ran before). */
	private static schemaProblems(
		body: Json,
		tag: string,
		creating: boolean,
	): ValidationErrorDetail[] {
		const loc = creating ? ['body', tag] : ['body'];
		const problems: ValidationErrorDetail[] = [];
		if (typeof body.code === 'string' && body.code !== '') {
			const problem = codeProblem(body.code);
			if (problem) problems.push(error([...loc, 'code'], problem, body.code));
		}
		if (
			typeof body.starts_at === 'string' &&
			typeof body.ends_at === 'string' &&
			Date.parse(body.starts_at) >= Date.parse(body.ends_at)
		) {
			problems.push(error(loc, 'Value error, starts_at must be before ends_at', body));
		}
		if (body.amount != null && body.amounts != null)
			problems.push(error(loc, 'Value error, Cannot specify both `amount` and `amounts`.', body));
		if (!creating) return problems;
		if (body.duration === 'repeating' && body.duration_in_months == null) {
			problems.push(
				error(
					loc,
					'Value error, `duration_in_months` is required when `duration` is `repeating`.',
					body,
				),
			);
		}
		if (body.duration !== 'repeating' && body.duration_in_months != null) {
			problems.push(
				error(
					loc,
					'Value error, `duration_in_months` must be omitted when `duration` is not `repeating`.',
					body,
				),
			);
		}
		if (tag === 'fixed' && body.amount == null && body.amounts == null)
			problems.push(error(loc, 'Value error, Must specify either `amount` or `amounts`.', body));
		return problems;
	}

	create(body: Json): CannedResponse {
		const type = body.type as 'fixed' | 'percentage';
		const invalid = DiscountStore.schemaProblems(body, type, true);
		if (invalid.length) return polarErrors.validation(invalid);
		const code = typeof body.code === 'string' && body.code !== '' ? body.code : null;
		if (code !== null && this.codeTaken(code)) {
			return polarErrors.validation([
				error(['body', 'code'], 'Discount with this code already exists.', code),
			]);
		}
		const missing = this.productProblems(body.products);
		if (missing.length) return polarErrors.validation(missing);
		const amounts =
			type !== 'fixed'
				? null
				: ((body.amounts as Record<string, number> | undefined) ?? {
						[String(body.currency ?? 'usd')]: body.amount as number,
					});
		const discount: StoredDiscount = {
			id: randomUUID(),
			created_at: new Date().toISOString(),
			modified_at: null,
			metadata: (body.metadata as Json | undefined) ?? {},
			name: String(body.name),
			type,
			duration: body.duration as StoredDiscount['duration'],
			duration_in_months: (body.duration_in_months as number | undefined) ?? null,
			basis_points: type === 'percentage' ? (body.basis_points as number) : null,
			amounts,
			code,
			starts_at: (body.starts_at as string | undefined) ?? null,
			ends_at: (body.ends_at as string | undefined) ?? null,
			max_redemptions: (body.max_redemptions as number | undefined) ?? null,
			max_redemptions_per_customer:
				(body.max_redemptions_per_customer as number | undefined) ?? null,
			redemptions_count: 0,
			organization_id: this.organizationId,
			products: ((body.products as string[] | undefined) ?? []).map((id) => id.toLowerCase()),
			deleted: false,
		};
		this.discounts.unshift(discount);
		const json = this.toJson(discount);
		return discountAnswer(201, json, [json]);
	}

	get(id: string): CannedResponse {
		const found = this.find(id);
		if (!found) return polarErrors.notFound();
		const json = this.toJson(found);
		return discountAnswer(200, json, [json]);
	}

	update(id: string, body: Json): CannedResponse {
		const found = this.find(id);
		if (!found) return polarErrors.notFound();
		const invalid = DiscountStore.schemaProblems(body, found.type, false);
		if (invalid.length) return polarErrors.validation(invalid);
		const refuse = (field: string, msg: string, input: unknown) =>
			polarErrors.validation([error(['body', field], msg, input)]);
		if ('duration' in body && body.duration !== found.duration)
			return refuse('duration', 'Duration cannot be changed.', body.duration);
		if (body.type != null && body.type !== found.type)
			return refuse('type', 'Type cannot be changed.', body.type);
		if (typeof body.code === 'string' && body.code !== '' && this.codeTaken(body.code, found.id))
			return refuse('code', 'Discount with this code already exists.', body.code);
		if (found.redemptions_count > 0) {
			const frozen =
				found.type === 'fixed'
					? ['amount', 'currency', 'amounts', 'duration_in_months']
					: ['basis_points', 'duration_in_months'];
			for (const field of frozen) {
				const current = (found as unknown as Json)[field] ?? null;
				if (field in body && JSON.stringify(body[field]) !== JSON.stringify(current)) {
					return refuse(
						field,
						'This field cannot be changed because the discount has already been redeemed.',
						current,
					);
				}
			}
		}
		const missing = this.productProblems(body.products);
		if (missing.length) return polarErrors.validation(missing);
		const settable = [
			'metadata',
			'name',
			'code',
			'starts_at',
			'ends_at',
			'max_redemptions',
			'max_redemptions_per_customer',
			'duration_in_months',
			...(found.type === 'fixed' ? ['amounts'] : ['basis_points']),
		];
		const record = found as unknown as Json;
		for (const field of settable)
			if (field in body) record[field] = body[field] === '' ? null : body[field];
		if (found.type === 'fixed' && body.amount != null && body.currency != null)
			found.amounts = { [String(body.currency)]: body.amount as number };
		if (Array.isArray(body.products))
			found.products = (body.products as string[]).map((p) => p.toLowerCase());
		found.modified_at = new Date().toISOString();
		const json = this.toJson(found);
		return discountAnswer(200, json, [json]);
	}

	delete(id: string): CannedResponse {
		const found = this.find(id);
		if (!found) return polarErrors.notFound();
		found.deleted = true;
		return { status: 204, headers: {}, body: '' };
	}

	list(query: Record<string, string>): CannedResponse {
		const limit = Math.min(100, Number(query.limit ?? 10));
		const page = Number(query.page ?? 1);
		const needle = query.query;
		const matches = this.discounts.filter(
			(d) =>
				!d.deleted &&
				(needle === undefined ||
					d.name.includes(needle) ||
					(d.code ?? '').toLowerCase().includes(needle.toLowerCase())),
		);
		const items = matches.slice((page - 1) * limit, page * limit).map((d) => this.toJson(d));
		const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
		return discountAnswer(200, { items, pagination }, items);
	}
}

const READ = ['discounts:read', 'discounts:write'];
const WRITE = ['discounts:write'];

export function discountRoutes(store: DiscountStore): Route[] {
	const id = (ref: unknown) => (ref as { id: string }).id;
	return [
		{ method: 'GET', template: '/v1/discounts/', scopes: READ, answer: (r) => store.list(r.query) },
		{
			method: 'POST',
			template: '/v1/discounts/',
			scopes: WRITE,
			faultable: true,
			answer: (r) => store.create(requestBody(r)),
		},
		{
			method: 'GET',
			template: '/v1/discounts/{id}',
			scopes: READ,
			answer: (_r, ref) => store.get(id(ref)),
		},
		{
			method: 'PATCH',
			template: '/v1/discounts/{id}',
			scopes: WRITE,
			answer: (r, ref) => store.update(id(ref), requestBody(r)),
		},
		{
			method: 'DELETE',
			template: '/v1/discounts/{id}',
			scopes: WRITE,
			answer: (_r, ref) => store.delete(id(ref)),
		},
	];
}
