// Tests of the Polar API double itself, over real HTTP: if the double drifts from Polar, every
// test of the node built on it would be testing against a fiction.

import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';

import {
	AMBIGUOUS_EXTERNAL_ID_DETAIL,
	CREATE_SESSION_SCHEMAS,
	DEFAULT_TOKEN,
	FAILURE_SCENARIOS,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	INSUFFICIENT_SCOPE_DESCRIPTION,
	INVALID_TOKEN_DESCRIPTION,
	RESPONSE_SHAPES,
	SESSION_LIFETIME_MS,
	FixedWindowLimiter,
	SlidingWindowLimiter,
	startPolarDouble,
	validateCreateSessionBody,
	validateCreateSessionRequest,
	validateCustomerList,
	validateCustomerSession,
	type CustomerSession,
	type FailureScenario,
	type PolarDouble,
} from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';

const GOOD_HEADERS: Record<string, string> = {
	authorization: `Bearer ${DEFAULT_TOKEN}`,
	'content-type': 'application/json',
	'polar-version': '2026-04',
};
const INVALID_TOKEN_BODY = { error: 'invalid_token', error_description: INVALID_TOKEN_DESCRIPTION };
const INSUFFICIENT_SCOPE_BODY = {
	error: 'insufficient_scope',
	error_description: INSUFFICIENT_SCOPE_DESCRIPTION,
};

type HeaderPatch = Record<string, string | undefined>;

function mergeHeaders(patch: HeaderPatch = {}): Record<string, string> {
	const merged: Record<string, string | undefined> = { ...GOOD_HEADERS, ...patch };
	return Object.fromEntries(
		Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined),
	);
}

function createSession(
	double: PolarDouble,
	body: unknown,
	headers?: HeaderPatch,
	signal?: AbortSignal,
): Promise<Response> {
	return fetch(`${double.url}/v1/customer-sessions/`, {
		method: 'POST',
		headers: mergeHeaders(headers),
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal,
	});
}

const listCustomers = (double: PolarDouble, query = '', headers?: HeaderPatch): Promise<Response> =>
	fetch(`${double.url}/v1/customers/${query}`, { headers: mergeHeaders(headers) });

/** Loosely typed JSON, for poking at answers and breaking them on purpose. */
type Json = Record<string, any>;

const json = async <T = Json>(res: Response): Promise<T> => (await res.json()) as T;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Polar API double', () => {
	let double: PolarDouble;

	beforeAll(async () => {
		double = await startPolarDouble();
	});
	afterEach(() => double.reset());
	afterAll(() => double.close());

	describe('POST /v1/customer-sessions/', () => {
		it('answers 201 with a spec-shaped session for customer_id, echoing return_url', async () => {
			const before = Date.now();
			const res = await createSession(double, {
				customer_id: FIXTURE_IDS.ada,
				return_url: 'https://example.com/account?tab=billing',
			});
			expect(res.status).toBe(201);
			expect(res.headers.get('content-type')).toBe('application/json');
			const session = (await res.json()) as CustomerSession;
			expect(validateCustomerSession(session)).toEqual([]);
			expect(session.token).toMatch(/^polar_cst_[A-Za-z0-9_-]{43}$/);
			expect(session.customer_portal_url).toBe(
				`https://polar.sh/polar-double-org/portal?customer_session_token=${session.token}`,
			);
			expect(session.return_url).toBe('https://example.com/account?tab=billing');
			expect(session.customer_id).toBe(FIXTURE_IDS.ada);
			expect(session.customer).toMatchObject({ type: 'individual', email: 'ada@example.com' });
			expect(session.modified_at).toBeNull();
			const lifetime = Date.parse(session.expires_at) - Date.parse(session.created_at);
			expect(lifetime).toBe(SESSION_LIFETIME_MS);
			expect(Date.parse(session.created_at)).toBeGreaterThanOrEqual(before - 1);
			expect(double.sessions).toEqual([session]);
			expect(double.violations).toEqual([]);
			expect(double.requests).toHaveLength(1);
			expect(double.requests[0]).toMatchObject({
				method: 'POST',
				path: '/v1/customer-sessions/',
				body: { customer_id: FIXTURE_IDS.ada },
				status: 201,
			});
			expect(double.requests[0].headers['polar-version']).toBe('2026-04');
		});

		it('resolves external_customer_id; return_url is null when omitted or null', async () => {
			for (const body of [
				{ external_customer_id: FIXTURE_EXTERNAL_IDS.grace },
				{ external_customer_id: FIXTURE_EXTERNAL_IDS.grace, return_url: null, member_id: null },
			]) {
				const res = await createSession(double, body);
				expect(res.status).toBe(201);
				const session = (await res.json()) as CustomerSession;
				expect(validateCustomerSession(session)).toEqual([]);
				expect(session.customer_id).toBe(FIXTURE_IDS.grace);
				expect(session.return_url).toBeNull();
			}
			expect(new Set(double.sessions.map((s) => s.id)).size).toBe(2);
		});

		it('normalises return_url as Polar (pydantic HttpUrl) does', async () => {
			const res = await createSession(double, {
				customer_id: FIXTURE_IDS.ada,
				return_url: 'https://example.com',
			});
			expect(((await res.json()) as CustomerSession).return_url).toBe('https://example.com/');
		});

		it('creates member sessions (polar_mst_) for a team customer by member_id or external_member_id', async () => {
			for (const member of [
				{ member_id: FIXTURE_IDS.acmeMember },
				{ external_member_id: FIXTURE_EXTERNAL_IDS.acmeOwnerMember },
			]) {
				const res = await createSession(double, { customer_id: FIXTURE_IDS.acmeTeam, ...member });
				expect(res.status).toBe(201);
				const session = (await res.json()) as CustomerSession;
				expect(validateCustomerSession(session)).toEqual([]);
				expect(session.token).toMatch(/^polar_mst_/);
				expect(session.customer.type).toBe('team');
			}
		});

		it('answers 422 for a team customer without a member, as Polar does', async () => {
			const res = await createSession(double, {
				external_customer_id: FIXTURE_EXTERNAL_IDS.acmeTeam,
			});
			expect(res.status).toBe(422);
			expect(await res.json()).toEqual({
				error: 'RequestValidationError',
				detail: [
					{
						loc: ['body', 'member_id'],
						msg: 'member_id is required for team customers.',
						type: 'value_error',
						input: null,
					},
				],
			});
			expect(double.violations).toEqual([]);
		});

		it('answers 422 for a member that is not the customer’s', async () => {
			const res = await createSession(double, {
				customer_id: FIXTURE_IDS.acmeTeam,
				member_id: FIXTURE_IDS.adaOwnerMember,
			});
			expect(res.status).toBe(422);
			expect(await res.json()).toMatchObject({
				detail: [{ loc: ['body', 'member_id'], msg: 'Member does not exist for this customer.' }],
			});
		});

		it.each([
			['customer_id', '0f0e0d0c-0b0a-4908-8706-050403020100'],
			['external_customer_id', 'usr_nobody'],
		])('answers 422 "Customer does not exist." for an unknown %s', async (field, value) => {
			const res = await createSession(double, { [field]: value });
			expect(res.status).toBe(422);
			expect(await res.json()).toEqual({
				error: 'RequestValidationError',
				detail: [
					{
						loc: ['body', field],
						msg: 'Customer does not exist.',
						type: 'value_error',
						input: value,
					},
				],
			});
			expect(double.violations).toEqual([]); // a well-formed request: not a contract violation
		});
	});

	describe('authentication, exactly as Polar answers', () => {
		it.each([
			['no Authorization header', { authorization: undefined }],
			['a non-Bearer scheme', { authorization: `Basic ${DEFAULT_TOKEN}` }],
			['an empty Bearer token', { authorization: 'Bearer ' }],
		])('401 Unauthorized for %s', async (_name, headers) => {
			const res = await createSession(double, { customer_id: FIXTURE_IDS.ada }, headers);
			expect(res.status).toBe(401);
			expect(res.headers.get('www-authenticate')).toBe('Bearer realm="polar"');
			expect(await res.json()).toEqual({ error: 'Unauthorized', detail: 'Unauthorized' });
			expect(double.violations.map((v) => v.loc)).toEqual([['header', 'authorization']]);
		});

		it('401 invalid_token for an unknown token', async () => {
			const res = await createSession(
				double,
				{ customer_id: FIXTURE_IDS.ada },
				{ authorization: 'Bearer polar_oat_revoked' },
			);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(INVALID_TOKEN_BODY);
			expect(res.headers.get('www-authenticate')).toBe(
				`Bearer realm="polar", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
			);
			expect(double.violations).toEqual([]);
		});

		it('403 insufficient_scope naming customer_sessions:write; 401 comes before body validation', async () => {
			const scoped = await startPolarDouble({
				tokens: { polar_oat_read_only: ['customers:read'] },
			});
			try {
				const res = await createSession(
					scoped,
					{ customer_id: FIXTURE_IDS.ada },
					{ authorization: 'Bearer polar_oat_read_only' },
				);
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual(INSUFFICIENT_SCOPE_BODY);
				expect(res.headers.get('www-authenticate')).toContain('scope="customer_sessions:write"');
				expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');

				const noAuth = await createSession(
					scoped,
					{ customr_id: 'x' },
					{ authorization: undefined },
				);
				expect(noAuth.status).toBe(401);
				expect(scoped.violations.length).toBeGreaterThan(1); // still recorded
			} finally {
				await scoped.close();
			}
		});
	});

	describe('contract violations → recorded, and 422 in Polar’s shape', () => {
		const id = FIXTURE_IDS.ada;
		it.each<[string, unknown, HeaderPatch, Array<string | number>, string]>([
			['a typo’d field', { customer_idd: id }, {}, ['body', 'customer_idd'], 'extra_forbidden'],
			[
				'a uuid that is not v4',
				{ customer_id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' },
				{},
				['body', 'customer_id'],
				'uuid_version',
			],
			['not a uuid', { customer_id: 'cus_123' }, {}, ['body', 'customer_id'], 'uuid_parsing'],
			['customer_id null', { customer_id: null }, {}, ['body', 'customer_id'], 'uuid_type'],
			[
				'both ids',
				{ customer_id: id, external_customer_id: 'usr_ada' },
				{},
				['body'],
				'value_error',
			],
			[
				'neither id',
				{ return_url: 'https://example.com/' },
				{},
				['body', 'customer_id'],
				'missing',
			],
			[
				'an empty external id',
				{ external_customer_id: '' },
				{},
				['body', 'external_customer_id'],
				'string_too_short',
			],
			[
				'a return_url that is no URL',
				{ customer_id: id, return_url: 'example.com/x' },
				{},
				['body', 'return_url'],
				'url_parsing',
			],
			[
				'a non-http return_url',
				{ customer_id: id, return_url: 'ftp://example.com/' },
				{},
				['body', 'return_url'],
				'url_scheme',
			],
			[
				'a too long return_url',
				{ customer_id: id, return_url: `https://example.com/${'a'.repeat(2070)}` },
				{},
				['body', 'return_url'],
				'string_too_long',
			],
			[
				'an empty return_url',
				{ customer_id: id, return_url: '' },
				{},
				['body', 'return_url'],
				'string_too_short',
			],
			[
				'a bad member_id',
				{ customer_id: id, member_id: 'owner' },
				{},
				['body', 'member_id'],
				'uuid_parsing',
			],
			[
				'a numeric external_member_id',
				{ customer_id: id, external_member_id: 7 },
				{},
				['body', 'external_member_id'],
				'string_type',
			],
			[
				'a text/plain body',
				{ customer_id: id },
				{ 'content-type': 'text/plain' },
				['header', 'content-type'],
				'value_error',
			],
			['invalid JSON', '{"customer_id": ', {}, ['body'], 'json_invalid'],
			['a JSON array', [{ customer_id: id }], {}, ['body'], 'model_attributes_type'],
		])('%s', async (_name, body, headers, loc, type) => {
			const res = await createSession(double, body, headers);
			expect(res.status).toBe(422);
			const json = (await res.json()) as { error: string; detail: unknown[] };
			expect(json.error).toBe('RequestValidationError');
			expect(json.detail).toContainEqual(
				expect.objectContaining({ loc, type, msg: expect.any(String) }),
			);
			expect(double.violations).toContainEqual(
				expect.objectContaining({ loc, type, request: double.requests[0] }),
			);
			expect(double.sessions).toEqual([]);
		});

		it('says which field a typo meant', async () => {
			await createSession(double, {
				customer_id: FIXTURE_IDS.ada,
				retrun_url: 'https://x.example/',
			});
			expect(double.violations.map((v) => v.message)).toEqual([
				'body.retrun_url: Extra inputs are not permitted (did you mean return_url?)',
			]);
		});

		it('accepts both request shapes with every optional field, null included', () => {
			const headers = GOOD_HEADERS;
			const ok = (body: unknown): unknown =>
				validateCreateSessionRequest({
					method: 'POST',
					path: '/v1/customer-sessions/',
					headers,
					body,
				});
			expect(ok({ customer_id: FIXTURE_IDS.ada })).toEqual([]);
			expect(
				ok({
					external_customer_id: 'x',
					return_url: null,
					member_id: null,
					external_member_id: null,
				}),
			).toEqual([]);
			expect(
				ok({
					customer_id: FIXTURE_IDS.acmeTeam,
					return_url: 'http://localhost:5678/done',
					member_id: FIXTURE_IDS.acmeMember,
					external_member_id: 'm',
				}),
			).toEqual([]);
			expect(
				validateCreateSessionRequest({
					method: 'PUT',
					path: '/v1/customer-sessions',
					headers: {
						Authorization: 'Token abc',
						'Content-Type': 'application/json; charset=utf-8',
					},
					body: { customer_id: FIXTURE_IDS.ada },
				}).map((v) => v.loc.join('.')),
			).toEqual(['method', 'path', 'header.authorization']);
			expect(validateCreateSessionBody(undefined)).toMatchObject([{ type: 'missing' }]);
		});
	});

	describe('the response validator has teeth', () => {
		let session: CustomerSession;
		beforeEach(async () => {
			session = (await (
				await createSession(double, { customer_id: FIXTURE_IDS.ada })
			).json()) as CustomerSession;
		});

		it.each<[string, (s: Json) => void, string]>([
			['a missing required key', (s) => delete s.expires_at, 'expires_at'],
			['an individual without email', (s) => delete s.customer.email, 'customer.email'],
			['an unknown customer type', (s) => (s.customer.type = 'company'), 'customer.type'],
			['a key the spec does not have', (s) => (s.customer.nickname = 'ada'), 'customer.nickname'],
			['a token of the wrong kind', (s) => (s.token = 'polar_oat_x'), 'token'],
			['a local time without zone', (s) => (s.created_at = '2026-01-01T10:00:00'), 'created_at'],
			['a non-v4 id', (s) => (s.id = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), 'id'],
			['a mismatched customer_id', (s) => (s.customer_id = FIXTURE_IDS.grace), 'customer_id'],
			[
				'a bad billing address',
				(s) => (s.customer.billing_address = { city: 'London' }),
				'customer.billing_address',
			],
		])('flags %s', (_name, mutate, loc) => {
			const broken = structuredClone(session) as unknown as Json;
			mutate(broken);
			expect(validateCustomerSession(broken).map((v) => v.loc.join('.'))).toContain(loc);
		});
	});

	// Polar's spec, vendored in dev/polar-double/openapi.
	const whole = polarSpec();
	const spec = whole.spec as unknown as {
		paths: Json;
		components: { schemas: Record<string, { required?: string[]; properties?: object }> };
	};
	describe('hand contract vs Polar’s own spec', () => {
		it('the validator refuses what Polar’s schema refuses: formats, lengths, nullability', () => {
			const check = (body: unknown) =>
				whole.checkRequest('POST', '/v1/customer-sessions/', body).map((p) => p.message);
			expect(check({ customer_id: FIXTURE_IDS.ada })).toEqual([]);
			expect(check({ customer_id: FIXTURE_IDS.ada, return_url: null })).toEqual([]);
			expect(check({ customer_id: 'not-a-uuid' }).join()).toMatch(/uuid4/);
			expect(
				check({ customer_id: FIXTURE_IDS.ada, return_url: 'https://e.com/?d=é' }).join(),
			).toMatch(/uri/);
			expect(
				check({
					customer_id: FIXTURE_IDS.ada,
					return_url: `https://e.com/${'a'.repeat(2100)}`,
				}).join(),
			).toMatch(/2083/);
			expect(check({ external_customer_id: null })).not.toEqual([]);
			const list = (query: Record<string, string>) =>
				whole.checkRequest('GET', '/v1/customers/', undefined, query).map((p) => p.where);
			expect(list({ page: '2', limit: '10', query: 'ada' })).toEqual([]);
			expect(list({ page: '0' })).toEqual(['query.page']);
			expect(list({ pgae: '1' })).toEqual(['query.pgae']);
		});

		it('the double’s answers pass the spec’s response schemas', async () => {
			await createSession(double, { customer_id: FIXTURE_IDS.ada });
			await createSession(double, {
				customer_id: FIXTURE_IDS.acmeTeam,
				member_id: FIXTURE_IDS.acmeOwnerMember,
			});
			await createSession(double, { customer_id: '11111111-1111-4111-8111-111111111111' });
			await listCustomers(double);
			expect(double.requests.map((r) => r.status)).toEqual([201, 201, 422, 200]);
			expect(double.violations).toEqual([]);
			const session = JSON.parse(JSON.stringify(double.sessions[0])) as Json;
			session.expires_at = 'tomorrow';
			expect(
				whole.checkResponse('POST', '/v1/customer-sessions/', 201, session).length,
			).toBeGreaterThan(0);
		});

		const schema = (name: string) => spec.components.schemas[name];
		const sorted = (keys: readonly string[]) => [...keys].sort();

		it('request: the two create shapes have exactly the spec’s fields and required fields', () => {
			const refs = spec.paths['/v1/customer-sessions/'].post.requestBody.content[
				'application/json'
			].schema.anyOf.map((r: { $ref: string }) => r.$ref.split('/').pop());
			expect(sorted(refs)).toEqual(sorted(Object.keys(CREATE_SESSION_SCHEMAS)));
			for (const [name, ours] of Object.entries(CREATE_SESSION_SCHEMAS)) {
				expect(sorted(schema(name).required ?? [])).toEqual(sorted(ours.required));
				expect(sorted(Object.keys(schema(name).properties ?? {}))).toEqual(sorted(ours.properties));
			}
		});

		it('response: required keys and known keys match CustomerSession, CustomerIndividual, CustomerTeam', () => {
			for (const [name, ours] of Object.entries(RESPONSE_SHAPES)) {
				expect(sorted(schema(name).required ?? [])).toEqual(sorted(ours.required));
				expect(sorted(Object.keys(schema(name).properties ?? {}))).toEqual(
					sorted(Object.keys(ours.fields)),
				);
			}
		});

		it('live answers carry every key the spec requires and none it does not define', async () => {
			const bodies = [
				{ customer_id: FIXTURE_IDS.ada },
				{ customer_id: FIXTURE_IDS.acmeTeam, member_id: FIXTURE_IDS.acmeOwnerMember },
			];
			for (const body of bodies) {
				const session = await json(await createSession(double, body));
				for (const [name, value] of [
					['CustomerSession', session],
					[
						session.customer.type === 'team' ? 'CustomerTeam' : 'CustomerIndividual',
						session.customer,
					],
				] as const) {
					for (const key of schema(name).required ?? []) expect(value).toHaveProperty([key]);
					const known = Object.keys(schema(name).properties ?? {});
					for (const key of Object.keys(value)) expect(known).toContain(key);
				}
			}
			const invalid = await json(await createSession(double, { customer_id: 'nope' }));
			for (const detail of invalid.detail) {
				for (const key of schema('ValidationError').required ?? [])
					expect(detail).toHaveProperty([key]);
			}
		});
	});

	describe('GET /v1/customers/', () => {
		it('lists customers newest first in Polar’s list shape', async () => {
			const res = await listCustomers(double);
			expect(res.status).toBe(200);
			const list = (await res.json()) as { items: Array<{ id: string }>; pagination: unknown };
			expect(validateCustomerList(list)).toEqual([]);
			expect(list.items.map((c) => c.id)).toEqual([
				FIXTURE_IDS.acmeTeam,
				FIXTURE_IDS.alan,
				FIXTURE_IDS.grace,
				FIXTURE_IDS.ada,
			]);
			expect(list.pagination).toEqual({ total_count: 4, max_page: 1 });
		});

		it.each([
			['?query=ADA', [FIXTURE_IDS.ada]],
			['?query=example.org', [FIXTURE_IDS.grace]],
			['?query=acme&limit=10&page=1', [FIXTURE_IDS.acmeTeam]],
			['?query=nobody', []],
			['?limit=2&page=2', [FIXTURE_IDS.grace, FIXTURE_IDS.ada]],
		])('filters by name or email, case-insensitively, and pages: %s', async (query, ids) => {
			const list = (await (await listCustomers(double, query)).json()) as {
				items: Array<{ id: string }>;
			};
			expect(list.items.map((c) => c.id)).toEqual(ids);
		});

		it('reports max_page for the filtered total', async () => {
			const list = await json(await listCustomers(double, '?limit=3'));
			expect(list.pagination).toEqual({ total_count: 4, max_page: 2 });
		});

		it('403 insufficient_scope naming customers:read for a token without it', async () => {
			const scoped = await startPolarDouble({
				tokens: { polar_oat_cs: ['customer_sessions:write'] },
			});
			try {
				const res = await listCustomers(scoped, '', { authorization: 'Bearer polar_oat_cs' });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual(INSUFFICIENT_SCOPE_BODY);
				expect(res.headers.get('www-authenticate')).toContain('customers:read');
			} finally {
				await scoped.close();
			}
		});

		it('422 and a violation for limit out of range', async () => {
			const res = await listCustomers(double, '?limit=500');
			expect(res.status).toBe(422);
			expect(double.violations.map((v) => v.loc)).toEqual([['query', 'limit']]);
		});
	});

	it('answers 404 ResourceNotFound for any other route and records a violation', async () => {
		for (const [method, path] of [
			['GET', '/v1/event-types/'],
			['POST', '/v1/customer-sessions'],
			['GET', '/v1/customer-sessions/'],
		]) {
			const res = await fetch(`${double.url}${path}`, { method, headers: GOOD_HEADERS });
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual({ detail: 'Not Found' });
		}
		expect(double.violations.map((v) => v.type)).toEqual([
			'unknown_route',
			'unknown_route',
			'unknown_route',
		]);
		expect(double.violations[1].message).toContain('POST /v1/customer-sessions');
	});

	describe('rate limit', () => {
		it('answers 429 with an empty body and Retry-After in whole seconds over the window', async () => {
			const limited = await startPolarDouble({ rateLimit: { limit: 2, windowMs: 2500 } });
			try {
				const body = { customer_id: FIXTURE_IDS.ada };
				expect((await createSession(limited, body)).status).toBe(201);
				expect((await listCustomers(limited)).status).toBe(200); // every /v1 request counts
				const res = await createSession(limited, body);
				expect(res.status).toBe(429);
				expect(await res.text()).toBe('');
				const retryAfter = res.headers.get('retry-after') ?? '';
				expect(retryAfter).toMatch(/^\d+$/);
				expect(Number(retryAfter)).toBeGreaterThanOrEqual(2);
				expect(Number(retryAfter)).toBeLessThanOrEqual(3);
				expect(limited.sessions).toHaveLength(1);
				expect(limited.violations).toEqual([]);
				const control = await fetch(`${limited.url}/__double/health`);
				expect(control.status).toBe(200); // the control API is not limited
			} finally {
				await limited.close();
			}
		});

		it('slides: a slot frees when the oldest admitted request leaves the window', () => {
			const limiter = new SlidingWindowLimiter(2, 1000);
			expect(limiter.take(0)).toBe(0);
			expect(limiter.take(300)).toBe(0);
			expect(limiter.take(400)).toBe(600);
			expect(limiter.take(999)).toBe(1);
			expect(limiter.take(1000)).toBe(0); // the request at 0 left the window
			expect(limiter.take(1100)).toBe(200);
			expect(limiter.take(1300)).toBe(0);
		});

		it('fixed, as Polar counts: the window opens at the first request after the last one expired', () => {
			const limiter = new FixedWindowLimiter(2, 1000);
			expect(limiter.take(100)).toBe(0); // opens a window until 1100
			expect(limiter.take(500)).toBe(0);
			// Polar asks for the whole window, though this one ends in 500 ms.
			expect(limiter.take(600)).toBe(1000);
			expect(limiter.take(1099)).toBe(1000);
			// Rejected requests did not count: the next window admits the full limit.
			expect(limiter.take(1100)).toBe(0);
			expect(limiter.take(1101)).toBe(0);
			expect(limiter.take(1102)).toBe(1000);
			// No request for a while: the next window opens when one comes, not on a fixed grid.
			expect(limiter.take(5050)).toBe(0);
			expect(limiter.take(6000)).toBe(0);
			expect(limiter.take(6049)).toBe(1000);
			expect(limiter.take(6050)).toBe(0);
		});

		it('fixed: 429 with Retry-After the whole period, as Polar answers', async () => {
			const limited = await startPolarDouble({
				rateLimit: { limit: 1, windowMs: 60_000, kind: 'fixed' },
			});
			try {
				const body = { customer_id: FIXTURE_IDS.ada };
				expect((await createSession(limited, body)).status).toBe(201);
				const res = await createSession(limited, body);
				expect(res.status).toBe(429);
				expect(res.headers.get('retry-after')).toBe('60');
				expect(limited.sessions).toHaveLength(1);
			} finally {
				await limited.close();
			}
		});
	});

	describe('failNext', () => {
		const body = { customer_id: FIXTURE_IDS.ada };
		it.each<[FailureScenario, number, (res: Response) => Promise<void>]>([
			[
				'unauthorized-invalid-token',
				401,
				async (res) => expect(await res.json()).toEqual(INVALID_TOKEN_BODY),
			],
			[
				'unauthorized-no-token',
				401,
				async (res) => {
					expect(await res.json()).toEqual({ error: 'Unauthorized', detail: 'Unauthorized' });
					expect(res.headers.get('www-authenticate')).toBe('Bearer realm="polar"');
				},
			],
			[
				'forbidden-insufficient-scope',
				403,
				async (res) => {
					expect(await res.json()).toEqual(INSUFFICIENT_SCOPE_BODY);
					expect(res.headers.get('www-authenticate')).toContain('scope="customer_sessions:write"');
				},
			],
			[
				'conflict-ambiguous-external-id',
				409,
				async (res) =>
					expect(await res.json()).toEqual({
						error: 'AmbiguousExternalCustomerID',
						detail: AMBIGUOUS_EXTERNAL_ID_DETAIL,
					}),
			],
			[
				'validation-error',
				422,
				async (res) =>
					expect(await res.json()).toEqual({
						error: 'RequestValidationError',
						detail: [
							{
								loc: ['body', 'customer_id'],
								msg: 'Customer does not exist.',
								type: 'value_error',
								input: FIXTURE_IDS.ada,
							},
						],
					}),
			],
			[
				'rate-limited',
				429,
				async (res) => {
					expect(res.headers.get('retry-after')).toBe('1');
					expect(await res.text()).toBe('');
				},
			],
			[
				'internal-server-error',
				500,
				async (res) => expect(await res.text()).toBe('Internal Server Error'),
			],
			[
				'bad-gateway-html',
				502,
				async (res) => {
					expect(res.headers.get('content-type')).toBe('text/html');
					expect(await res.text()).toContain('<h1>502 Bad Gateway</h1>');
				},
			],
			[
				'service-unavailable',
				503,
				async (res) => expect((await json(res)).error).toBe('ServiceUnavailable'),
			],
			[
				'gateway-timeout',
				504,
				async (res) => expect(await res.text()).toContain('504 Gateway Time-out'),
			],
		])('%s → %i', async (scenario, status, check) => {
			double.failNext(scenario);
			const res = await createSession(double, body);
			expect(res.status).toBe(status);
			await check(res);
			expect(double.requests[0].status).toBe(status);
			expect((await createSession(double, body)).status).toBe(201); // only the next one
		});

		it('queues scenarios FIFO with counts, and leaves GET /v1/customers/ alone', async () => {
			double.failNext('service-unavailable', 2);
			double.failNext('rate-limited', 1, { retryAfterSeconds: 7 });
			expect((await listCustomers(double)).status).toBe(200);
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) statuses.push((await createSession(double, body)).status);
			expect(statuses).toEqual([503, 503, 429, 201]);
			expect(double.requests.at(-2)?.status).toBe(429);
		});

		it('rate-limited-http-date → 429 with Retry-After as an HTTP date', async () => {
			double.failNext('rate-limited-http-date', 1, { retryAfterSeconds: 30 });
			const res = await createSession(double, body);
			expect(res.status).toBe(429);
			const retryAfter = res.headers.get('retry-after') ?? '';
			expect(retryAfter).toMatch(
				/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
			);
			const waitMs = Date.parse(retryAfter) - Date.now();
			expect(waitMs).toBeGreaterThan(28_000);
			expect(waitMs).toBeLessThanOrEqual(30_000);
		});

		it('hang never answers (for timeout tests)', async () => {
			double.failNext('hang');
			await expect(createSession(double, body, {}, AbortSignal.timeout(200))).rejects.toThrow();
			expect(double.requests[0].status).toBeUndefined();
			expect((await createSession(double, body)).status).toBe(201);
		});

		it('connection-reset destroys the socket', async () => {
			double.failNext('connection-reset');
			await expect(createSession(double, body)).rejects.toThrow('fetch failed');
			expect((await createSession(double, body)).status).toBe(201);
		});

		it('rejects unknown scenarios and bad counts', () => {
			expect(() => double.failNext('teapot' as FailureScenario)).toThrow('Unknown scenario');
			expect(() => double.failNext('hang', 0)).toThrow('positive integer');
		});
	});

	it('latencyMs delays every answer', async () => {
		const slow = await startPolarDouble({ latencyMs: 150 });
		try {
			const started = Date.now();
			const res = await createSession(slow, { customer_id: FIXTURE_IDS.ada });
			expect(res.status).toBe(201);
			expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		} finally {
			await slow.close();
		}
	});

	describe('control API (for a double in another process)', () => {
		const control = (path: string, init?: RequestInit) =>
			fetch(`${double.url}/__double/${path}`, init);
		const post = (path: string, value?: unknown) =>
			control(path, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(value ?? {}),
			});

		it('health, fail-next, requests, violations, sessions, reset', async () => {
			expect(await (await control('health')).json()).toEqual({ status: 'ok', url: double.url });
			expect(
				(await post('fail-next', { scenario: 'internal-server-error', count: 2 })).status,
			).toBe(204);
			const body = { customer_id: FIXTURE_IDS.ada };
			expect((await createSession(double, body)).status).toBe(500);
			expect((await createSession(double, body)).status).toBe(500);
			expect((await createSession(double, body)).status).toBe(201);
			await createSession(double, { customer_id: FIXTURE_IDS.ada, colour: 'blue' });

			const requests = (await (await control('requests')).json()) as Array<{ status: number }>;
			expect(requests.map((r) => r.status)).toEqual([500, 500, 201, 422]); // control calls not recorded
			const violations = (await (await control('violations')).json()) as Array<{
				loc: string[];
				request: { body: unknown };
			}>;
			expect(violations).toHaveLength(1);
			expect(violations[0].loc).toEqual(['body', 'colour']);
			expect(violations[0].request.body).toEqual({ customer_id: FIXTURE_IDS.ada, colour: 'blue' });
			const sessions = (await (await control('sessions')).json()) as CustomerSession[];
			expect(sessions.map((s) => s.token)).toEqual(double.sessions.map((s) => s.token));

			expect((await post('reset')).status).toBe(204);
			expect(double.requests).toEqual([]);
			expect(double.violations).toEqual([]);
			expect(double.sessions).toEqual([]);
		});

		it('rejects an unknown scenario with the list of known ones', async () => {
			const res = await post('fail-next', { scenario: 'teapot' });
			expect(res.status).toBe(400);
			expect((await json(res)).scenarios).toEqual([...FAILURE_SCENARIOS]);
			expect((await control('nope')).status).toBe(404);
		});
	});

	it('close() ends keep-alive and hung connections and leaves no open handles', async () => {
		const count = () =>
			process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap')
				.length;
		const baseline = count();
		const closing = await startPolarDouble({ latencyMs: 50 });
		expect((await createSession(closing, { customer_id: FIXTURE_IDS.ada })).status).toBe(201); // keep-alive socket
		closing.failNext('hang');
		// Settle-handlers attached at once, so the expected rejections are never "unhandled".
		const outcome = (p: Promise<Response>) =>
			p.then(
				(res) => `answered ${res.status}`,
				() => 'failed',
			);
		const hung = outcome(createSession(closing, { customer_id: FIXTURE_IDS.ada }));
		const pendingLatency = outcome(listCustomers(closing)); // answer due after 50 ms: close() cancels it
		await sleep(20);
		expect(count()).toBeGreaterThan(baseline);

		await closing.close();
		expect(await hung).toBe('failed');
		expect(await pendingLatency).toBe('failed');
		await closing.close(); // idempotent
		for (let i = 0; i < 50 && count() > baseline; i++) await sleep(20);
		expect(count()).toBeLessThanOrEqual(baseline);
		await expect(fetch(`${closing.url}/__double/health`)).rejects.toThrow();
	});

	it('cli: runs standalone, prints its URL, exits cleanly on SIGTERM', async () => {
		// Compile the double the way a tools tsconfig would (plain TypeScript, CommonJS, no ts-node),
		// inside the repository so that it finds its dev dependencies and Polar's spec.
		mkdirSync(join(__dirname, '..', '..', '.cache'), { recursive: true });
		const dir = mkdtempSync(join(__dirname, '..', '..', '.cache', 'polar-double-cli-'));
		try {
			const src = join(__dirname, '..', '..', 'dev', 'polar-double');
			for (const file of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
				const { outputText } = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
					compilerOptions: {
						module: ts.ModuleKind.CommonJS,
						target: ts.ScriptTarget.ES2022,
						esModuleInterop: true,
					},
				});
				writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
			}
			const child = spawn(
				process.execPath,
				[join(dir, 'cli.js'), '--port', '0', '--latency-ms', '0', '--rate-limit', '1/60000/fixed'],
				{
					stdio: ['ignore', 'pipe', 'pipe'],
				},
			);
			const exited = new Promise<number | null>((resolve) =>
				child.once('exit', (code) => resolve(code)),
			);
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (chunk: Buffer) => {
					out += chunk.toString();
					if (out.includes('\n')) resolve(out.split('\n')[0]);
				});
				child.once('exit', (code) => reject(new Error(`cli exited early (${code})`)));
			});
			const match = /^Polar API double listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
			expect(match).not.toBeNull();
			const url = match![1];
			const res = await fetch(`${url}/v1/customer-sessions/`, {
				method: 'POST',
				headers: GOOD_HEADERS,
				body: JSON.stringify({ external_customer_id: FIXTURE_EXTERNAL_IDS.ada }),
			});
			expect(res.status).toBe(201);
			expect(validateCustomerSession(await res.json())).toEqual([]);
			// --rate-limit 1/60000/fixed: Polar's fixed window, one request a minute.
			const limited = await fetch(`${url}/v1/customer-sessions/`, {
				method: 'POST',
				headers: GOOD_HEADERS,
				body: JSON.stringify({ external_customer_id: FIXTURE_EXTERNAL_IDS.ada }),
			});
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('60');
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		// Transpiling some forty modules and loading Polar's spec in a new process: seconds alone,
		// much longer on a loaded machine. Not a speed claim.
	}, 60_000);
});
