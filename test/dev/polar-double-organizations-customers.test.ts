// The double as Polar's server: the organization list a token sees, the 422 of a create whose
// email and external ID are both taken, and the lever that makes a create race another client's.

import { startPolarDouble, type PolarDouble } from '../../dev/polar-double';

const TOKEN = 'polar_oat_double_org_and_customers';
const NO_ORG_SCOPE = 'polar_oat_double_customers_only';

let double: PolarDouble;
beforeAll(async () => {
	double = await startPolarDouble({
		tokens: {
			[TOKEN]: ['organizations:read', 'customers:write'],
			[NO_ORG_SCOPE]: ['customers:write'],
		},
	});
});
afterEach(() => {
	// Every answer met Polar's spec.
	expect(double.violations.map((v) => v.message)).toEqual([]);
	double.reset();
});
afterAll(async () => await double.close());

const call = async (method: string, path: string, body?: unknown, token = TOKEN) =>
	await fetch(`${double.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			'polar-version': '2026-04',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});

describe('GET /v1/organizations/', () => {
	it('lists the token’s own organization only, paginated', async () => {
		const res = await call('GET', '/v1/organizations/?limit=2');
		expect(res.status).toBe(200);
		const page = (await res.json()) as { items: Array<{ id: string }>; pagination: unknown };
		expect(page.items.map((o) => o.id)).toEqual([double.organizationId]);
		expect(page.pagination).toEqual({ total_count: 1, max_page: 1 });
	});

	it('answers 403 naming organizations:read or organizations:write to a token without them', async () => {
		const res = await call('GET', '/v1/organizations/', undefined, NO_ORG_SCOPE);
		expect(res.status).toBe(403);
		expect(res.headers.get('www-authenticate')).toContain(
			'scope="organizations:read organizations:write"',
		);
	});
});

describe('POST /v1/customers/', () => {
	it('names both keys in one 422 when the email and the external ID are taken, as Polar checks both', async () => {
		const [ada] = double.customers.filter((c) => c.external_id !== null);
		const res = await call('POST', '/v1/customers/', {
			email: ada.email?.toUpperCase(),
			external_id: ada.external_id,
		});
		expect(res.status).toBe(422);
		expect(
			((await res.json()) as { detail: Array<{ loc: string[]; msg: string }> }).detail,
		).toEqual([
			expect.objectContaining({
				loc: ['body', 'email'],
				msg: 'A customer with this email address already exists.',
			}),
			expect.objectContaining({
				loc: ['body', 'external_id'],
				msg: 'A customer with this external ID already exists.',
			}),
		]);
	});

	it('with race-next-create, another client’s customer is created just before the next create', async () => {
		const lever = await fetch(`${double.url}/__double/customers/race-next-create`, {
			method: 'POST',
			body: JSON.stringify({ email: 'first@race.example', external_id: 'usr_race_lever' }),
		});
		expect(lever.status).toBe(204);
		// Until the create, nobody holds the external ID.
		expect((await call('GET', '/v1/customers/external/usr_race_lever')).status).toBe(404);
		const res = await call('POST', '/v1/customers/', {
			email: 'second@race.example',
			external_id: 'usr_race_lever',
		});
		expect(res.status).toBe(422);
		const held = await call('GET', '/v1/customers/external/usr_race_lever');
		expect(((await held.json()) as { email: string }).email).toBe('first@race.example');
		// The lever acts once.
		const next = await call('POST', '/v1/customers/', { email: 'third@race.example' });
		expect(next.status).toBe(201);
	});
});
