// The double serves API versions as Polar's server does (server/polar/kit/versioning.py
// APIVersionMiddleware): the Polar-Version header picks one, none means Current, an unserved one
// is a bare 404 without Polar-Version; every other answer of Polar's app names the version.

import {
	DEFAULT_TOKEN,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	startPolarDouble,
	type FailureScenario,
	type PolarDouble,
} from '../../dev/polar-double';
import { LICENSE_KEY_IDS } from '../../dev/polar-double/license-keys';

const LICENSE_TOKEN = 'polar_oat_double_license_keys_token';
const NOT_FOUND = '{"detail":"Not Found"}';

let double: PolarDouble;
beforeAll(async () => {
	double = await startPolarDouble({
		tokens: {
			[DEFAULT_TOKEN]: ['customer_sessions:write', 'customers:read'],
			[LICENSE_TOKEN]: ['license_keys:write'],
		},
	});
});
afterEach(() => double.reset());
afterAll(async () => await double.close());

async function call(
	path: string,
	options: { version?: string; token?: string | null; method?: string; body?: unknown } = {},
	base = double.url,
) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (options.token !== null) headers.authorization = `Bearer ${options.token ?? DEFAULT_TOKEN}`;
	if (options.version !== undefined) headers['polar-version'] = options.version;
	const res = await fetch(`${base}${path}`, {
		method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	return { status: res.status, version: res.headers.get('polar-version'), body: await res.text() };
}

const session = (version?: string) =>
	call('/v1/customer-sessions/', {
		version,
		body: { external_customer_id: FIXTURE_EXTERNAL_IDS.ada },
	});

const control = async (method: string, body?: unknown) => {
	const res = await fetch(`${double.url}/__double/versions`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('which version a request is served in', () => {
	it('serves 2026-04, 2026-10 and 2027-01, and Current (2026-10) without the header', async () => {
		for (const version of ['2026-04', '2026-10', '2027-01'])
			expect(await session(version)).toMatchObject({ status: 201, version });
		expect(await session()).toMatchObject({ status: 201, version: '2026-10' });
		expect(await session('')).toMatchObject({ status: 201, version: '2026-10' });
		expect(double.requests.map((r) => r.apiVersion)).toEqual([
			'2026-04',
			'2026-10',
			'2027-01',
			'2026-10',
			'2026-10',
		]);
		expect(double.violations).toEqual([]);
	});

	it.each(['2026-4', '2026-10-01', 'latest', '2026-07', '2025-10', '2027-04'])(
		'answers %s with a bare 404 and no Polar-Version, before the token is looked at',
		async (version) => {
			for (const answer of [
				await session(version),
				await call('/v1/customers/', { version, token: null }),
				await call('/v1/no-such-path', { version }),
			])
				expect(answer).toEqual({ status: 404, version: null, body: NOT_FOUND });
			expect(double.sessions).toEqual([]);
		},
	);
});

describe('Polar-Version on every answer of Polar’s app', () => {
	it('on errors: 401, 422, Polar’s 404 and a path Polar lacks (same body as an unserved version)', async () => {
		expect(await call('/v1/customers/', { version: '2026-10', token: null })).toMatchObject({
			status: 401,
			version: '2026-10',
		});
		expect(
			await call('/v1/customer-sessions/', { version: '2027-01', body: { customer_id: 'x' } }),
		).toMatchObject({ status: 422, version: '2027-01' });
		expect(
			await call(`/v1/customers/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, {
				version: '2026-10',
			}),
		).toMatchObject({ status: 404, version: '2026-10' });
		expect(await call('/v1/no-such-path', { version: '2026-04' })).toEqual({
			status: 404,
			version: '2026-04',
			body: NOT_FOUND,
		});
	});

	const scenarios: Array<[FailureScenario, number, string | null]> = [
		['rate-limited', 429, '2026-10'],
		['service-unavailable', 503, '2026-10'],
		// Starlette's ServerErrorMiddleware sits outside every middleware of Polar's.
		['internal-server-error', 500, null],
		// A gateway in front of Polar: its page, Polar's answer lost.
		['bad-gateway-html', 502, null],
		['commit-then-502', 502, null],
		['gateway-timeout', 504, null],
	];
	it.each(scenarios)('%s: %d with Polar-Version %s', async (scenario, status, version) => {
		double.failNext(scenario);
		expect(await session('2026-10')).toMatchObject({ status, version });
	});

	it('on the rate limiter’s own 429', async () => {
		const limited = await startPolarDouble({ rateLimit: { limit: 1, windowMs: 60_000 } });
		try {
			expect(await call('/v1/customers/', { version: '2026-04' }, limited.url)).toMatchObject({
				status: 200,
				version: '2026-04',
			});
			expect(await call('/v1/customers/', { version: '2026-04' }, limited.url)).toMatchObject({
				status: 429,
				version: '2026-04',
			});
		} finally {
			await limited.close();
		}
	});
});

describe('a version removed, as Polar’s January release removes one', () => {
	it('POST /__double/versions {"remove"} answers it 404 from then on; {"restore"} undoes it', async () => {
		expect(await control('GET')).toEqual({
			status: 200,
			body: { served: ['2026-04', '2026-10', '2027-01'], current: '2026-10', removed: [] },
		});
		expect(await control('POST', { remove: '2026-10' })).toEqual({
			status: 200,
			body: { served: ['2026-04', '2027-01'], current: '2026-10', removed: ['2026-10'] },
		});
		expect(await session('2026-10')).toEqual({ status: 404, version: null, body: NOT_FOUND });
		expect(await session('2027-01')).toMatchObject({ status: 201, version: '2027-01' });
		expect(double.sessions).toHaveLength(1);
		expect((await control('POST', { restore: '2026-10' })).status).toBe(200);
		expect(await session('2026-10')).toMatchObject({ status: 201, version: '2026-10' });
	});

	it('refuses a control request that names no version, or restores one never served', async () => {
		expect(await control('POST', {})).toMatchObject({ status: 400 });
		expect(await control('POST', { restore: '2025-01' })).toMatchObject({ status: 400 });
	});

	it('reset() serves every version again', async () => {
		double.versions.remove('2026-04');
		expect((await session('2026-04')).status).toBe(404);
		double.reset();
		expect(await session('2026-04')).toMatchObject({ status: 201, version: '2026-04' });
	});

	it('a refused request is not counted by the rate limiter, which sits inside the middleware', async () => {
		const limited = await startPolarDouble({ rateLimit: { limit: 1, windowMs: 60_000 } });
		try {
			limited.versions.remove('2026-04');
			for (let i = 0; i < 3; i++)
				expect((await call('/v1/customers/', { version: '2026-04' }, limited.url)).status).toBe(
					404,
				);
			expect((await call('/v1/customers/', { version: '2026-10' }, limited.url)).status).toBe(200);
		} finally {
			await limited.close();
		}
	});

	it('serves the versions an option sets', async () => {
		const later = await startPolarDouble({
			apiVersions: { served: ['2026-10', '2027-01'], current: '2027-01' },
		});
		try {
			expect((await call('/v1/customers/', {}, later.url)).version).toBe('2027-01');
			expect(await call('/v1/customers/', { version: '2026-04' }, later.url)).toEqual({
				status: 404,
				version: null,
				body: NOT_FOUND,
			});
		} finally {
			await later.close();
		}
		await expect(startPolarDouble({ apiVersions: { served: ['2026-04'] } })).rejects.toThrow(
			/2026-10 is not among those served/,
		);
	});
});

describe('fields follow the version (SDK 1.0.1 models per version)', () => {
	const licenseKey = (version: string) =>
		call(`/v1/license-keys/${LICENSE_KEY_IDS.active}`, { version, token: LICENSE_TOKEN });
	const validate = (version: string) =>
		call('/v1/license-keys/validate', {
			version,
			token: LICENSE_TOKEN,
			body: { key: 'POLAR-ACTIVE-0001', organization_id: FIXTURE_IDS.organization },
		});
	const fields = (answer: { body: string }) => JSON.parse(answer.body) as Record<string, unknown>;

	it('license keys carry member_id and member from 2026-10', async () => {
		expect(fields(await licenseKey('2026-04'))).not.toHaveProperty('member_id');
		for (const version of ['2026-10', '2027-01'])
			expect(fields(await licenseKey(version))).toMatchObject({ member_id: null, member: null });
		expect(double.violations).toEqual([]);
	});

	it('a validated key names its order and subscription from 2027-01', async () => {
		const grantedBy = ['order_id', 'order', 'subscription_id', 'subscription'];
		const in2026 = fields(await validate('2026-10'));
		for (const field of grantedBy) expect(in2026).not.toHaveProperty(field);
		expect(fields(await validate('2027-01'))).toMatchObject({
			member_id: null,
			order_id: null,
			order: null,
			subscription_id: null,
			subscription: null,
		});
		expect(double.violations).toEqual([]);
	});
});
