// Hand-written contract for what the node sends to and receives from Polar, derived from the
// 2026-04 OpenAPI spec and API-FACTS.md. Stricter than Polar on purpose: unknown body properties
// are violations (Polar would silently ignore a typo'd `customr_id` and answer a confusing 422).
// Violations use pydantic's loc/type vocabulary so the double can answer with Polar's 422 shape.
// The Polar-Version header is not checked here: the double serves versions as Polar's server
// does (versions.ts), a 404 for one it does not serve, never a 422.

/**
 * The version the double's webhook endpoints are made in (webhooks.ts) and its own tests send:
 * 2026-04, served as Deprecated. Which versions are served, and Current, is versions.ts.
 */
export const POLAR_API_VERSION = '2026-04';
export const CREATE_SESSION_PATH = '/v1/customer-sessions/';
export const LIST_CUSTOMERS_PATH = '/v1/customers/';

export interface ContractViolation {
	/** Human-readable, e.g. `body.customr_id: Extra inputs are not permitted (did you mean customer_id?)`. */
	message: string;
	/** The bare message, as pydantic's `msg` in a 422 detail. */
	msg: string;
	loc: Array<string | number>;
	type: string;
	input?: unknown;
}

type Headers = Record<string, string | string[] | undefined>;

export interface RequestLike {
	method: string;
	/** Path without the query string. */
	path: string;
	headers: Headers;
	/** Parsed JSON body; undefined when absent or not JSON (then `rawBody` tells which). */
	body?: unknown;
	rawBody?: string;
	query?: Record<string, string>;
}

// Field lists, kept next to the spec's names so the tests can diff them against the spec itself.
export const CREATE_SESSION_SCHEMAS = {
	CustomerSessionCustomerIDCreate: {
		required: ['customer_id'],
		properties: ['member_id', 'external_member_id', 'return_url', 'customer_id'],
	},
	CustomerSessionCustomerExternalIDCreate: {
		required: ['external_customer_id'],
		properties: ['member_id', 'external_member_id', 'return_url', 'external_customer_id'],
	},
} as const;

const CREATE_FIELDS: readonly string[] = [
	'customer_id',
	'external_customer_id',
	'return_url',
	'member_id',
	'external_member_id',
];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_URL_LENGTH = 2083;

export const violation = (
	loc: Array<string | number>,
	type: string,
	msg: string,
	input?: unknown,
): ContractViolation => ({
	message: `${loc.length ? loc.join('.') : '(root)'}: ${msg}`,
	msg,
	loc,
	type,
	input,
});

export const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Node lower-cases header names; other callers may not, so fall back to a case-insensitive scan. */
function header(headers: Headers, name: string): string | undefined {
	let value = headers[name];
	if (value === undefined) {
		const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
		value = key === undefined ? undefined : headers[key];
	}
	return Array.isArray(value) ? value.join(', ') : value;
}

export const isUuid4 = (v: unknown): v is string => typeof v === 'string' && UUID4_RE.test(v);

function checkUuid4(v: unknown, loc: Array<string | number>): ContractViolation | undefined {
	if (typeof v !== 'string') {
		return violation(loc, 'uuid_type', 'UUID input should be a string, bytes or UUID object', v);
	}
	if (!UUID_RE.test(v)) return violation(loc, 'uuid_parsing', 'Input should be a valid UUID', v);
	if (!UUID4_RE.test(v)) return violation(loc, 'uuid_version', 'UUID version 4 expected', v);
	return undefined;
}

/** Polar's return_url is a pydantic HttpUrl: http(s) only, 1..2083 chars. */
function checkReturnUrl(v: unknown, loc: Array<string | number>): ContractViolation | undefined {
	if (typeof v !== 'string') return violation(loc, 'url_type', 'URL input should be a string', v);
	if (v.length < 1)
		return violation(loc, 'string_too_short', 'String should have at least 1 character', v);
	if (v.length > MAX_URL_LENGTH) {
		return violation(
			loc,
			'string_too_long',
			`String should have at most ${MAX_URL_LENGTH} characters`,
			v,
		);
	}
	let url: URL;
	try {
		url = new URL(v);
	} catch {
		return violation(loc, 'url_parsing', 'Input should be a valid URL', v);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return violation(loc, 'url_scheme', "URL scheme should be 'http' or 'https'", v);
	}
	return undefined;
}

/** Edit distance ≤ 2 to a known field: worth a "did you mean" in the message. */
function suggest(key: string): string | undefined {
	const distance = (a: string, b: string): number => {
		let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
		for (let i = 1; i <= a.length; i++) {
			const cur = [i];
			for (let j = 1; j <= b.length; j++) {
				cur[j] = Math.min(
					prev[j] + 1,
					cur[j - 1] + 1,
					prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
				);
			}
			prev = cur;
		}
		return prev[b.length];
	};
	return CREATE_FIELDS.find((field) => distance(key.toLowerCase(), field) <= 2);
}

/** Authorization, which every call to Polar must carry. */
export function validateCommonHeaders(headers: Headers): ContractViolation[] {
	const auth = header(headers, 'authorization');
	if (auth === undefined) {
		return [
			violation(
				['header', 'authorization'],
				'missing',
				'Authorization: Bearer <token> is required',
			),
		];
	}
	if (!/^bearer +\S+$/i.test(auth)) {
		return [
			violation(['header', 'authorization'], 'value_error', 'should be "Bearer <token>"', auth),
		];
	}
	return [];
}

/** The JSON body of a create-customer-session request. */
export function validateCreateSessionBody(body: unknown, rawBody?: string): ContractViolation[] {
	if (body === undefined) {
		return rawBody
			? [violation(['body'], 'json_invalid', 'JSON decode error', rawBody)]
			: [violation(['body'], 'missing', 'Field required')];
	}
	if (!isObject(body)) {
		return [violation(['body'], 'model_attributes_type', 'Input should be a JSON object', body)];
	}
	const out: ContractViolation[] = [];
	const push = (v: ContractViolation | undefined): void => {
		if (v) out.push(v);
	};
	const hasId = body.customer_id !== undefined;
	const hasExternal = body.external_customer_id !== undefined;
	if (hasId && hasExternal) {
		push(
			violation(
				['body'],
				'value_error',
				'Set exactly one of customer_id or external_customer_id, not both',
				body,
			),
		);
	} else if (!hasId && !hasExternal) {
		push(
			violation(
				['body', 'customer_id'],
				'missing',
				'Field required (or external_customer_id)',
				body,
			),
		);
	}
	if (hasId) push(checkUuid4(body.customer_id, ['body', 'customer_id']));
	if (hasExternal) {
		const ext = body.external_customer_id;
		if (typeof ext !== 'string') {
			push(
				violation(
					['body', 'external_customer_id'],
					'string_type',
					'Input should be a valid string',
					ext,
				),
			);
		} else if (ext.length === 0) {
			push(
				violation(
					['body', 'external_customer_id'],
					'string_too_short',
					'String should have at least 1 character',
					ext,
				),
			);
		}
	}
	if (body.return_url != null) push(checkReturnUrl(body.return_url, ['body', 'return_url']));
	if (body.member_id != null) push(checkUuid4(body.member_id, ['body', 'member_id']));
	if (body.external_member_id != null && typeof body.external_member_id !== 'string') {
		push(
			violation(
				['body', 'external_member_id'],
				'string_type',
				'Input should be a valid string',
				body.external_member_id,
			),
		);
	}
	for (const key of Object.keys(body)) {
		if (CREATE_FIELDS.includes(key)) continue;
		const hint = suggest(key);
		const msg = `Extra inputs are not permitted${hint ? ` (did you mean ${hint}?)` : ''}`;
		push(violation(['body', key], 'extra_forbidden', msg, body[key]));
	}
	return out;
}

/** A whole `POST /v1/customer-sessions/` request: method, path, headers and body. */
export function validateCreateSessionRequest(req: RequestLike): ContractViolation[] {
	const out: ContractViolation[] = [];
	if (req.method !== 'POST')
		out.push(violation(['method'], 'value_error', 'should be POST', req.method));
	if (req.path !== CREATE_SESSION_PATH) {
		out.push(violation(['path'], 'value_error', `should be ${CREATE_SESSION_PATH}`, req.path));
	}
	out.push(...validateCommonHeaders(req.headers));
	const contentType = header(req.headers, 'content-type');
	if (contentType === undefined) {
		out.push(
			violation(
				['header', 'content-type'],
				'missing',
				'Content-Type: application/json is required',
			),
		);
	} else if (contentType.split(';')[0].trim().toLowerCase() !== 'application/json') {
		out.push(
			violation(
				['header', 'content-type'],
				'value_error',
				'should be application/json',
				contentType,
			),
		);
	}
	out.push(...validateCreateSessionBody(req.body, req.rawBody));
	return out;
}

function checkIntParam(
	query: Record<string, string>,
	name: string,
	min: number,
	max: number,
): ContractViolation | undefined {
	const raw = query[name];
	if (raw === undefined) return undefined;
	const loc = ['query', name];
	if (!/^-?\d+$/.test(raw))
		return violation(loc, 'int_parsing', 'Input should be a valid integer', raw);
	const n = Number(raw);
	if (n < min)
		return violation(
			loc,
			'greater_than_equal',
			`Input should be greater than or equal to ${min}`,
			raw,
		);
	if (n > max)
		return violation(loc, 'less_than_equal', `Input should be less than or equal to ${max}`, raw);
	return undefined;
}

/** `GET /v1/customers/?query=&limit=&page=`, used by the node's searchable customer list. */
export function validateListCustomersRequest(req: RequestLike): ContractViolation[] {
	const out: ContractViolation[] = [];
	if (req.method !== 'GET')
		out.push(violation(['method'], 'value_error', 'should be GET', req.method));
	if (req.path !== LIST_CUSTOMERS_PATH) {
		out.push(violation(['path'], 'value_error', `should be ${LIST_CUSTOMERS_PATH}`, req.path));
	}
	out.push(...validateCommonHeaders(req.headers));
	const query = req.query ?? {};
	for (const v of [
		checkIntParam(query, 'limit', 1, 100),
		checkIntParam(query, 'page', 1, Number.MAX_SAFE_INTEGER),
	]) {
		if (v) out.push(v);
	}
	return out;
}

// ---- Response shapes (to prove the double's own answers are spec-shaped) ----

type Check = (v: unknown) => string | undefined;

const str: Check = (v) => (typeof v === 'string' ? undefined : 'should be a string');
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'should be a boolean');
const uuid4: Check = (v) => (isUuid4(v) ? undefined : 'should be a uuid4');
const dateTime: Check = (v) =>
	typeof v === 'string' && DATE_TIME_RE.test(v) && !Number.isNaN(Date.parse(v))
		? undefined
		: 'should be an RFC 3339 date-time';
const nullable =
	(check: Check): Check =>
	(v) =>
		v === null ? undefined : check(v);
const literal =
	(expected: string): Check =>
	(v) =>
		v === expected ? undefined : `should be '${expected}'`;
const metadata: Check = (v) =>
	isObject(v) && Object.values(v).every((x) => ['string', 'number', 'boolean'].includes(typeof x))
		? undefined
		: 'should be an object of string/number/boolean values';
const address: Check = (v) => {
	if (!isObject(v)) return 'should be an Address object';
	if (typeof v.country !== 'string' || !/^[A-Z]{2}$/.test(v.country))
		return 'country should be alpha-2';
	const bad = ['line1', 'line2', 'postal_code', 'city', 'state'].find(
		(k) => v[k] !== undefined && v[k] !== null && typeof v[k] !== 'string',
	);
	return bad ? `${bad} should be a string or null` : undefined;
};
const taxId: Check = (v) =>
	Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')
		? undefined
		: 'should be a [id, format] pair';

interface ObjectShape {
	required: readonly string[];
	fields: Record<string, Check>;
}

const customerFields: Record<string, Check> = {
	id: uuid4,
	created_at: dateTime,
	modified_at: nullable(dateTime),
	metadata,
	external_id: nullable(str),
	email_verified: bool,
	name: nullable(str),
	billing_name: nullable(str),
	billing_address: nullable(address),
	tax_id: nullable(taxId),
	locale: nullable(str),
	organization_id: uuid4,
	default_payment_method_id: nullable(uuid4),
	deleted_at: nullable(dateTime),
	first_user_event_at: nullable(dateTime),
	avatar_url: nullable(str),
};

const CUSTOMER_TEAM_REQUIRED = [
	'id',
	'created_at',
	'modified_at',
	'metadata',
	'email_verified',
	'type',
	'name',
	'billing_name',
	'billing_address',
	'tax_id',
	'organization_id',
	'deleted_at',
	'first_user_event_at',
	'avatar_url',
] as const;

export const RESPONSE_SHAPES: Record<
	'CustomerSession' | 'CustomerIndividual' | 'CustomerTeam',
	ObjectShape
> = {
	CustomerSession: {
		required: [
			'created_at',
			'modified_at',
			'id',
			'token',
			'expires_at',
			'return_url',
			'customer_portal_url',
			'customer_id',
			'customer',
		],
		fields: {
			created_at: dateTime,
			modified_at: nullable(dateTime),
			id: uuid4,
			token: (v) =>
				typeof v === 'string' && /^polar_[cm]st_\S+$/.test(v)
					? undefined
					: 'should be polar_cst_…/polar_mst_…',
			expires_at: dateTime,
			return_url: nullable(str),
			customer_portal_url: str,
			customer_id: uuid4,
			customer: () => undefined, // checked separately as the Customer union
		},
	},
	CustomerIndividual: {
		required: [...CUSTOMER_TEAM_REQUIRED, 'email'],
		fields: { ...customerFields, email: str, type: literal('individual') },
	},
	CustomerTeam: {
		required: CUSTOMER_TEAM_REQUIRED,
		fields: { ...customerFields, email: nullable(str), type: literal('team') },
	},
};

function checkShape(value: unknown, shape: ObjectShape, path: string[]): ContractViolation[] {
	if (!isObject(value)) return [violation(path, 'response_shape', 'should be an object', value)];
	const out: ContractViolation[] = [];
	for (const key of shape.required) {
		if (!(key in value))
			out.push(violation([...path, key], 'response_shape', 'required key missing'));
	}
	for (const [key, v] of Object.entries(value)) {
		const check = shape.fields[key];
		const problem = check ? check(v) : 'unknown key (not in the spec)';
		if (problem) out.push(violation([...path, key], 'response_shape', problem, v));
	}
	return out;
}

/** A Customer: the `type` discriminator picks CustomerIndividual or CustomerTeam. */
export function validateCustomer(
	value: unknown,
	path: string[] = ['customer'],
): ContractViolation[] {
	const type = isObject(value) ? value.type : undefined;
	if (type === 'individual') return checkShape(value, RESPONSE_SHAPES.CustomerIndividual, path);
	if (type === 'team') return checkShape(value, RESPONSE_SHAPES.CustomerTeam, path);
	return [violation([...path, 'type'], 'response_shape', "should be 'individual' or 'team'", type)];
}

/** A 201 body of `POST /v1/customer-sessions/`. */
export function validateCustomerSession(value: unknown): ContractViolation[] {
	const out = checkShape(value, RESPONSE_SHAPES.CustomerSession, []);
	if (isObject(value) && 'customer' in value) {
		out.push(...validateCustomer(value.customer));
		if (isObject(value.customer) && value.customer.id !== value.customer_id) {
			out.push(
				violation(['customer_id'], 'response_shape', 'should equal customer.id', value.customer_id),
			);
		}
	}
	return out;
}

/** A 200 body of `GET /v1/customers/`. */
export function validateCustomerList(value: unknown): ContractViolation[] {
	if (!isObject(value) || !Array.isArray(value.items) || !isObject(value.pagination)) {
		return [violation([], 'response_shape', 'should be {items: [...], pagination: {...}}', value)];
	}
	const out = value.items.flatMap((item, i) => validateCustomer(item, ['items', String(i)]));
	for (const key of ['total_count', 'max_page']) {
		if (!Number.isInteger(value.pagination[key])) {
			out.push(
				violation(
					['pagination', key],
					'response_shape',
					'should be an integer',
					value.pagination[key],
				),
			);
		}
	}
	return out;
}
