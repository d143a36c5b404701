// The double's checkouts and checkout links, over real HTTP, against what Polar's server does
// (server/polar/checkout/service.py, server/polar/checkout_link/service.py): a node test built
// on a double that drifted from Polar would test a fiction.

import {
	CHECKOUT_TTL_SECONDS,
	DISCOUNT_IDS,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	PRODUCT_IDS,
	seedProducts,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';

const TOKEN = 'polar_oat_double_checkouts';
const READ_ONLY = 'polar_oat_double_checkouts_read';
const OTHER_ORGANIZATION = '0f9e8d7c-6b5a-4493-8827-161514131211';
const FOREIGN_PRODUCT = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const NO_SUCH_ID = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

let double: PolarDouble;
beforeAll(async () => {
	const seeded = seedProducts(FIXTURE_IDS.organization);
	double = await startPolarDouble({
		tokens: {
			[TOKEN]: ['checkouts:write', 'checkout_links:write'],
			[READ_ONLY]: ['checkouts:read'],
		},
		// A product of another organization, which the token cannot reach.
		products: [
			...seeded,
			{ ...seeded[0], id: FOREIGN_PRODUCT, organization_id: OTHER_ORGANIZATION },
		],
	});
});
afterEach(() => {
	const violations = double.violations.map((v) => v.message);
	double.reset();
	expect(violations).toEqual([]);
});
afterAll(async () => await double.close());

async function call(method: string, path: string, body?: unknown, token = TOKEN) {
	const response = await fetch(`${double.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			'polar-version': '2026-04',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

describe('the double’s checkouts', () => {
	it('creates an open checkout that expires after Polar’s TTL, its url built from the client secret', async () => {
		const before = Date.now();
		const { status, json } = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.proMonthly, PRODUCT_IDS.ebook],
			customer_id: FIXTURE_IDS.ada,
		});
		expect(status).toBe(201);
		expect(json).toMatchObject({
			status: 'open',
			product_id: PRODUCT_IDS.proMonthly,
			customer_id: FIXTURE_IDS.ada,
			customer_email: 'ada@example.com',
			amount: 1900,
		});
		expect(json!.products.map((p: { id: string }) => p.id)).toEqual([
			PRODUCT_IDS.proMonthly,
			PRODUCT_IDS.ebook,
		]);
		expect(json!.client_secret).toMatch(/^polar_c_[A-Za-z0-9]{43}$/);
		expect(json!.url).toBe(`https://polar.sh/checkout/${json!.client_secret}`);
		const ttl = Date.parse(json!.expires_at) - Date.parse(json!.created_at);
		expect(ttl).toBe(CHECKOUT_TTL_SECONDS * 1000);
		expect(Date.parse(json!.created_at)).toBeGreaterThanOrEqual(before - 5);
	});

	it('reports an open checkout past its expiry as expired, read at the double’s clock', async () => {
		const { json: created } = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
		});
		double.clock.advance(CHECKOUT_TTL_SECONDS * 1000 - 60_000);
		expect((await call('GET', `/v1/checkouts/${created!.id}`)).json!.status).toBe('open');
		double.clock.advance(120_000);
		expect((await call('GET', `/v1/checkouts/${created!.id}`)).json!.status).toBe('expired');
		const expired = await call('GET', '/v1/checkouts/?status=expired');
		expect(expired.json!.items.map((c: { id: string }) => c.id)).toEqual([created!.id]);
	});

	it('keeps {CHECKOUT_ID} and answers the success URL with the checkout’s ID in its place', async () => {
		const { json } = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			success_url: 'https://example.com/thanks/{CHECKOUT_ID}?c={CHECKOUT_ID}',
		});
		expect(json!.success_url).toBe(`https://example.com/thanks/${json!.id}?c=${json!.id}`);
		const { json: plain } = await call('POST', '/v1/checkouts/', { products: [PRODUCT_IDS.ebook] });
		expect(plain!.success_url).toBe(
			`https://polar.sh/checkout/${plain!.client_secret}/confirmation`,
		);
	});

	it('refuses every product it cannot sell at once, each at its index, as Polar does', async () => {
		const { status, json } = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.proMonthly, NO_SUCH_ID, PRODUCT_IDS.legacyStarter, FOREIGN_PRODUCT],
		});
		expect(status).toBe(422);
		expect(json!.detail.map((d: { loc: unknown[]; msg: string }) => [d.loc, d.msg])).toEqual([
			[['body', 'products', 1], 'Product does not exist.'],
			[['body', 'products', 2], 'Product is archived.'],
			[['body', 'products', 3], 'Product does not exist.'],
		]);
		expect(double.checkouts.checkouts).toHaveLength(0);
	});

	it('requires customer_id to exist; a new external_customer_id is taken as it is', async () => {
		const unknown = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			customer_id: NO_SUCH_ID,
		});
		expect(unknown.status).toBe(422);
		expect(unknown.json!.detail[0]).toMatchObject({
			loc: ['body', 'customer_id'],
			msg: 'Customer does not exist.',
		});
		const fresh = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			external_customer_id: 'usr_new_buyer',
		});
		expect(fresh.status).toBe(201);
		expect(fresh.json).toMatchObject({ customer_id: null, external_customer_id: 'usr_new_buyer' });
		const known = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			external_customer_id: FIXTURE_EXTERNAL_IDS.ada,
		});
		expect(known.json).toMatchObject({ customer_id: FIXTURE_IDS.ada });
	});

	it('applies a discount it holds, refuses one it does not, and seats on fixed prices', async () => {
		const discounted = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			discount_id: DISCOUNT_IDS.launch,
		});
		expect(discounted.json).toMatchObject({ amount: 2900, discount_amount: 580, net_amount: 2320 });
		const refused = await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			discount_id: NO_SUCH_ID,
			seats: 3,
		});
		expect(refused.json!.detail.map((d: { msg: string }) => d.msg)).toEqual([
			'Discount does not exist.',
			'Seats can only be set for seat-based pricing.',
		]);
	});

	it('lists with Polar’s filters, newest first; a read-only token cannot create', async () => {
		await call('POST', '/v1/checkouts/', {
			products: [PRODUCT_IDS.ebook],
			customer_id: FIXTURE_IDS.ada,
		});
		await call('POST', '/v1/checkouts/', { products: [PRODUCT_IDS.proMonthly] });
		const all = await call('GET', '/v1/checkouts/', undefined, READ_ONLY);
		expect(all.json!.items.map((c: { product_id: string }) => c.product_id)).toEqual([
			PRODUCT_IDS.proMonthly,
			PRODUCT_IDS.ebook,
		]);
		const ada = await call(
			'GET',
			`/v1/checkouts/?external_customer_id=${FIXTURE_EXTERNAL_IDS.ada}`,
		);
		expect(ada.json!.items).toHaveLength(1);
		const byEmail = await call('GET', '/v1/checkouts/?query=ADA@');
		expect(byEmail.json!.items).toHaveLength(1);
		const denied = await call(
			'POST',
			'/v1/checkouts/',
			{ products: [PRODUCT_IDS.ebook] },
			READ_ONLY,
		);
		expect(denied.status).toBe(403);
		expect((await call('GET', `/v1/checkouts/${NO_SUCH_ID}`)).status).toBe(404);
	});
});

describe('the double’s checkout links', () => {
	const create = (body: Record<string, unknown> = {}) =>
		call('POST', '/v1/checkout-links/', {
			payment_processor: 'stripe',
			products: [PRODUCT_IDS.proMonthly],
			...body,
		});

	it('creates a link with its client secret and lasting url', async () => {
		const { status, json } = await create({ label: 'Spring', discount_id: DISCOUNT_IDS.launch });
		expect(status).toBe(201);
		expect(json!.client_secret).toMatch(/^polar_cl_/);
		expect(json!.url).toBe(`https://buy.polar.sh/${json!.client_secret}`);
		expect(json).toMatchObject({ label: 'Spring', discount_id: DISCOUNT_IDS.launch });
		expect(json!.discount).toMatchObject({ id: DISCOUNT_IDS.launch, code: 'LAUNCH20' });
	});

	it('requires payment_processor, and sellable products of its organization', async () => {
		const missing = await call('POST', '/v1/checkout-links/', { products: [PRODUCT_IDS.ebook] });
		expect(missing.status).toBe(422);
		// Sent on purpose: the spec's check names what is missing.
		expect(double.violations.map((v) => v.message)).toContain(
			"body: (root) must have required property 'payment_processor' (Polar's spec)",
		);
		double.violations.length = 0;
		const archived = await create({ products: [PRODUCT_IDS.legacyStarter] });
		expect(archived.json!.detail[0]).toMatchObject({
			loc: ['body', 'products', 0],
			msg: 'Product is archived.',
		});
		const foreign = await create({ products: [FOREIGN_PRODUCT] });
		expect(foreign.json!.detail[0].msg).toBe('Product does not exist.');
	});

	it('updates only the fields sent; products without a subscription drop the trial', async () => {
		const { json: link } = await create({ trial_interval: 'week', trial_interval_count: 2 });
		const updated = await call('PATCH', `/v1/checkout-links/${link!.id}`, { label: 'Renamed' });
		expect(updated.json).toMatchObject({ label: 'Renamed', trial_interval: 'week' });
		const oneTime = await call('PATCH', `/v1/checkout-links/${link!.id}`, {
			products: [PRODUCT_IDS.ebook],
		});
		expect(oneTime.json).toMatchObject({ label: 'Renamed', trial_interval: null });
	});

	it('soft-deletes: 204, then 404 for get, update, delete and out of the list', async () => {
		const { json: link } = await create();
		expect((await call('DELETE', `/v1/checkout-links/${link!.id}`)).status).toBe(204);
		for (const method of ['GET', 'DELETE']) {
			expect((await call(method, `/v1/checkout-links/${link!.id}`)).status).toBe(404);
		}
		expect((await call('PATCH', `/v1/checkout-links/${link!.id}`, { label: 'x' })).status).toBe(
			404,
		);
		expect((await call('GET', '/v1/checkout-links/')).json!.items).toEqual([]);
		expect(double.checkoutLinks.all.map((l) => l.deleted)).toEqual([true]);
	});

	it('lists oldest first, by product', async () => {
		await create({ label: 'first' });
		await create({ label: 'second', products: [PRODUCT_IDS.ebook] });
		const all = await call('GET', '/v1/checkout-links/');
		expect(all.json!.items.map((l: { label: string }) => l.label)).toEqual(['first', 'second']);
		const ebook = await call('GET', `/v1/checkout-links/?product_id=${PRODUCT_IDS.ebook}`);
		expect(ebook.json!.items.map((l: { label: string }) => l.label)).toEqual(['second']);
	});

	it('a lost answer: the request is carried out, then answered 502', async () => {
		double.loseAnswer('POST /v1/checkout-links/');
		const lost = await fetch(`${double.url}/v1/checkout-links/`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${TOKEN}`,
				'content-type': 'application/json',
				'polar-version': '2026-04',
			},
			body: JSON.stringify({ payment_processor: 'stripe', products: [PRODUCT_IDS.ebook] }),
		});
		expect(lost.status).toBe(502);
		expect(double.checkoutLinks.links).toHaveLength(1);
		expect((await create()).status).toBe(201);
	});
});
