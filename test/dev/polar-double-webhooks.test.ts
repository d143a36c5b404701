// The double's webhook endpoints against Polar's own spec and server, and its answers over HTTP.

import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

import {
	CONTROL_PREFIX,
	DEFAULT_TOKEN,
	NEWER_SERVER_BODY_FIELDS,
	NEWER_SERVER_ENDPOINT_FIELDS,
	CURRENT_API_VERSION,
	standardSignature,
	startPolarDouble,
	validateEndpointBody,
	WEBHOOK_API_VERSIONS,
	WEBHOOK_EVENT_TYPES,
	WEBHOOK_MAX_ATTEMPTS,
	WEBHOOK_SCHEMAS,
	type PolarDouble,
	type WebhookEvent,
} from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';
import { sdkFields, sdkUnion } from '../polarSdk';

const WRITE = 'polar_oat_double_webhooks_write';
const READ = 'polar_oat_double_webhooks_read';

let double: PolarDouble;
beforeAll(async () => {
	double = await startPolarDouble({
		// n8n (or the test's receiver) listens on 127.0.0.1: Polar itself would refuse that URL.
		webhookUrls: 'allow-loopback',
		tokens: {
			[WRITE]: ['webhooks:write'],
			[READ]: ['webhooks:read'],
			[DEFAULT_TOKEN]: ['customer_sessions:write'],
		},
	});
});
afterEach(() => double.reset());
afterAll(async () => await double.close());

const call = async (method: string, path: string, body?: unknown, token = WRITE) => {
	const response = await fetch(`${double.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			'polar-version': '2026-04',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
};

const create = {
	url: 'https://n8n.example.com/webhook/x/webhook',
	format: 'raw',
	events: ['order.paid'],
};

describe('webhook endpoints', () => {
	it('create, get, update, delete, then 404', async () => {
		const created = await call('POST', '/v1/webhooks/endpoints', create);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			...create,
			enabled: true,
			organization_id: double.organizationId,
		});
		// Polar's secrets since the Standard Webhooks cutoff: whsec_ + base64 of 32 random bytes.
		expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(32);
		expect(created.body).toMatchObject({
			uses_standard_webhook_signature: true,
			api_version: CURRENT_API_VERSION,
		});
		const path = `/v1/webhooks/endpoints/${created.body.id}`;
		expect((await call('GET', path, undefined, READ)).body).toEqual(created.body);
		const updated = await call('PATCH', path, { events: ['order.paid', 'order.refunded'] });
		expect(updated.body.events).toEqual(['order.paid', 'order.refunded']);
		expect((await call('DELETE', path)).status).toBe(204);
		for (const [method, route] of [
			['GET', path],
			['PATCH', path],
			['DELETE', path],
			['PATCH', `${path}/secret`],
		]) {
			const gone = await call(method, route, method === 'PATCH' && route === path ? {} : undefined);
			expect([gone.status, gone.body]).toEqual([
				404,
				{ error: 'ResourceNotFound', detail: 'Not found' },
			]);
		}
		expect(double.violations).toEqual([]);
	});

	it('lists newest first, filtered by organization, ten to a page by default', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 12; i++)
			ids.push(
				(await call('POST', '/v1/webhooks/endpoints', { ...create, name: `e${i}` })).body.id,
			);
		const first = await call('GET', '/v1/webhooks/endpoints', undefined, READ);
		expect(first.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(2).reverse());
		expect(first.body.pagination).toEqual({ total_count: 12, max_page: 2 });
		const second = await call('GET', '/v1/webhooks/endpoints?page=2&limit=5', undefined, READ);
		expect(second.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(2, 7).reverse());
		const other = await call(
			'GET',
			'/v1/webhooks/endpoints?organization_id=1dbfc517-0bbf-4301-9ba8-555ca42b9737',
			undefined,
			READ,
		);
		expect(other.body).toEqual({ items: [], pagination: { total_count: 0, max_page: 0 } });
		expect(double.violations).toEqual([]);
	});

	it('needs webhooks:write to create, and webhooks:read or write to read', async () => {
		const denied = await call('POST', '/v1/webhooks/endpoints', create, READ);
		expect(denied.status).toBe(403);
		expect(denied.body.error).toBe('insufficient_scope');
		expect((await call('GET', '/v1/webhooks/endpoints', undefined, DEFAULT_TOKEN)).status).toBe(
			403,
		);
		expect((await call('GET', '/v1/webhooks/endpoints', undefined, READ)).status).toBe(200);
		expect(double.webhooks.endpoints.size).toBe(0);
	});

	it('answers 422 for bodies that break the spec', async () => {
		const bad = await call('POST', '/v1/webhooks/endpoints', {
			url: 'not a url',
			format: 'json',
			events: ['order.payed'],
			extra: 1,
		});
		expect(bad.status).toBe(422);
		expect(bad.body.detail.map((d: { loc: string[] }) => d.loc.join('.')).sort()).toEqual(
			['body.events.0', 'body.extra', 'body.format', 'body.url'].sort(),
		);
		expect(validateEndpointBody({ format: 'raw' }, 'create').map((v) => v.loc.join('.'))).toEqual([
			'body.url',
			'body.events',
		]);
	});
});

/** A local receiver of deliveries that records them and answers `status` (0: drops the connection). */
interface Receiver {
	url: string;
	status: number;
	received: Array<{ headers: IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}
const receivers: Receiver[] = [];
afterEach(async () => await Promise.all(receivers.splice(0).map((r) => r.close())));

async function receiver(status = 200): Promise<Receiver> {
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			if (r.status === 0) req.socket.destroy();
			else res.writeHead(r.status).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const r: Receiver = {
		url: `http://127.0.0.1:${port}/webhook/polar`,
		status,
		received: [],
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
	receivers.push(r);
	return r;
}

const ORDER_PAID: WebhookEvent = {
	type: 'order.paid',
	data: { id: 'order-1', total_amount: 2500 },
};

/** An endpoint at the double for `url`, created over HTTP as a client would. */
const endpointFor = async (url: string) =>
	(await call('POST', '/v1/webhooks/endpoints', { ...create, url })).body;

/** The library's verification of one received delivery, with the given key. */
const verify = (received: Receiver['received'][number], webhook: Webhook) =>
	webhook.verify(received.body, received.headers as Record<string, string>);

describe('signing as Polar’s server does', () => {
	it('signs the Standard Webhooks reference vector as the reference library does', () => {
		// The specification's published test vector (also in its libraries' own tests).
		const vector = {
			secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
			id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
			timestamp: 1614265330,
			body: '{"test": 2432232314}',
			signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
		};
		const library = new Webhook(vector.secret).sign(
			vector.id,
			new Date(vector.timestamp * 1000),
			vector.body,
		);
		expect(library).toBe(vector.signature);
		expect(standardSignature(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(
			vector.signature,
		);
	});

	it('a new endpoint’s deliveries verify with new Webhook(secret), not with the UTF-8 key', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		expect((await double.webhooks.deliver(endpoint.id, ORDER_PAID)).status).toBe(200);
		const [received] = r.received;
		expect(verify(received, new Webhook(endpoint.secret))).toMatchObject(ORDER_PAID);
		const utf8 = new Webhook(Buffer.from(endpoint.secret, 'utf8'), { format: 'raw' });
		expect(() => verify(received, utf8)).toThrow(WebhookVerificationError);
	});

	it('a legacy endpoint’s deliveries verify with the UTF-8 key, not with new Webhook(secret)', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		// A whsec_<base64> secret generated before the cutoff: decodable, yet signed the old way.
		const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
		const control = await fetch(
			`${double.url}${CONTROL_PREFIX}webhooks/endpoints/${endpoint.id}/legacy`,
			{
				method: 'POST',
				body: JSON.stringify({ secret, secret_generated_at: '2026-09-07T23:59:59Z' }),
			},
		);
		expect(control.status).toBe(200);
		const read = await call('GET', `/v1/webhooks/endpoints/${endpoint.id}`, undefined, READ);
		expect(read.body).toMatchObject({ secret, uses_standard_webhook_signature: false });

		await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		const [received] = r.received;
		expect(() => verify(received, new Webhook(secret))).toThrow('No matching signature found');
		const utf8 = new Webhook(Buffer.from(secret, 'utf8'), { format: 'raw' });
		expect(verify(received, utf8)).toMatchObject(ORDER_PAID);
	});

	it('a legacy secret is Polar’s original token unless one is given, e.g. polar_whs_…', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		const made = double.webhooks.makeLegacy(endpoint.id);
		expect(made.secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
		expect(double.webhooks.secretGeneratedAt(endpoint.id)).toBeNull();
		const older = double.webhooks.makeLegacy(endpoint.id, { secret: 'polar_whs_olderSecret123' });
		await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		const utf8 = new Webhook(Buffer.from(older.secret, 'utf8'), { format: 'raw' });
		expect(verify(r.received[0], utf8)).toMatchObject(ORDER_PAID);
		expect(() =>
			double.webhooks.makeLegacy(endpoint.id, { secretGeneratedAt: '2026-09-08T00:00:00Z' }),
		).toThrow(/not legacy/);
	});

	it('resetting the secret gives a legacy endpoint a new standard one', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		const legacy = double.webhooks.makeLegacy(endpoint.id).secret;
		const reset = await call('PATCH', `/v1/webhooks/endpoints/${endpoint.id}/secret`);
		expect(reset.status).toBe(200);
		expect(reset.body.secret).not.toBe(legacy);
		expect(reset.body).toMatchObject({ uses_standard_webhook_signature: true });
		await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		expect(verify(r.received[0], new Webhook(reset.body.secret))).toMatchObject(ORDER_PAID);
	});

	it('sends the endpoint’s API version and Polar’s user agent with each delivery', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		double.webhooks.endpoints.get(endpoint.id)!.api_version = '2027-01';
		await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		expect(r.received.map((d) => d.headers['webhook-api-version'])).toEqual([
			CURRENT_API_VERSION,
			'2027-01',
		]);
		expect(r.received[0].headers).toMatchObject({
			'user-agent': 'polar.sh webhooks',
			'content-type': 'application/json',
		});
		expect(r.received[0].headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('the payload carries the endpoint’s API version at the top, as the header does', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		const payload = JSON.parse(r.received[0].body);
		expect(Object.keys(payload)).toEqual(['type', 'timestamp', 'api_version', 'data']);
		expect(payload.api_version).toBe(r.received[0].headers['webhook-api-version']);
		expect(payload.api_version).toBe(CURRENT_API_VERSION);
	});

	it('subscription.migrated carries provider and provider_subscription_id beside data', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url);
		const path = `/v1/webhooks/endpoints/${endpoint.id}`;
		const patched = await call('PATCH', path, { events: ['subscription.migrated'] });
		expect([patched.status, patched.body.events]).toEqual([200, ['subscription.migrated']]);
		await double.webhooks.publish(
			'subscription.migrated',
			{ id: 'sub_1' },
			{ provider: 'stripe', provider_subscription_id: 'sub_Stripe1' },
		);
		expect(Object.keys(JSON.parse(r.received[0].body))).toEqual(
			sdkFields('2027-01', 'WebhookSubscriptionMigratedPayload'),
		);
		expect(double.violations).toEqual([]);
	});

	it('a redirect is a failed delivery, not followed (httpx follows none)', async () => {
		const target = await receiver();
		const redirecting = await receiver(308);
		const server = createServer((_req, res) => res.writeHead(308, { location: target.url }).end());
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/polar`;
			const endpoint = await endpointFor(url);
			const delivery = await double.webhooks.deliver(endpoint.id, ORDER_PAID);
			expect([delivery.status, delivery.succeeded]).toEqual([308, false]);
			expect([target.received, redirecting.received]).toEqual([[], []]);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('a retry sends the same webhook-id and body, signed anew at its own time', async () => {
		const r = await receiver(503);
		const endpoint = await endpointFor(r.url);
		const oneMinuteAgo = Math.floor(Date.now() / 1000) - 60;
		const first = await double.webhooks.deliver(endpoint.id, ORDER_PAID, {
			timestamp: oneMinuteAgo,
		});
		expect(double.webhooks.events.get(first.webhookId)).toMatchObject({
			attempts: 1,
			succeeded: null,
		});
		r.status = 200;
		const second = await double.webhooks.retry(first.webhookId);
		expect([first.attempt, second.attempt, second.succeeded]).toEqual([1, 2, true]);
		const [a, b] = r.received;
		expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
		expect(b.body).toBe(a.body);
		expect(Number(b.headers['webhook-timestamp'])).toBeGreaterThan(oneMinuteAgo);
		expect(verify(b, new Webhook(endpoint.secret))).toMatchObject(ORDER_PAID);
		await expect(double.webhooks.retry(first.webhookId)).rejects.toThrow(/succeeded/);
	});
});

describe('URLs stored as Polar stores them', () => {
	it.each([
		['https://Example.COM', 'https://example.com/'],
		['https://example.com:443/Hook?X=1', 'https://example.com/Hook?X=1'],
		['https://example.com:8443/a/../b', 'https://example.com:8443/b'],
		[' https://bücher.example/päth ', 'https://xn--bcher-kva.example/p%C3%A4th'],
		['HTTPS://n8n.example.com/webhook/x/webhook', 'https://n8n.example.com/webhook/x/webhook'],
	])('%s is stored and returned as %s, on create and on update', async (given, stored) => {
		const created = await call('POST', '/v1/webhooks/endpoints', { ...create, url: given });
		expect(created.body.url).toBe(stored);
		const other = await call('POST', '/v1/webhooks/endpoints', create);
		const updated = await call('PATCH', `/v1/webhooks/endpoints/${other.body.id}`, { url: given });
		expect(updated.body.url).toBe(stored);
		expect(double.webhooks.endpoints.get(other.body.id)!.url).toBe(stored);
	});

	it('by default, as Polar: http and local or private hosts are refused', async () => {
		const strict = await startPolarDouble({ tokens: { [WRITE]: ['webhooks:write'] } });
		try {
			const attempt = async (url: string) => {
				const response = await fetch(`${strict.url}/v1/webhooks/endpoints`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${WRITE}`,
						'content-type': 'application/json',
						'polar-version': '2026-04',
					},
					body: JSON.stringify({ ...create, url }),
				});
				return { status: response.status, body: (await response.json()) as any };
			};
			for (const url of ['http://example.com/', 'https://localhost/x', 'https://192.168.1.2/x']) {
				const refused = await attempt(url);
				expect([url, refused.status, refused.body.detail[0].loc]).toEqual([
					url,
					422,
					['body', 'url'],
				]);
			}
			expect((await attempt('https://Example.com:443')).body.url).toBe('https://example.com/');
			expect(strict.webhooks.endpoints.size).toBe(1);
		} finally {
			await strict.close();
		}
	});
});

describe('endpoints that keep failing', () => {
	/** One event Polar gave up on: every one of its attempts failed. */
	const failedEvent = async (id: string) => {
		const last = await double.webhooks.deliver(id, ORDER_PAID, {
			maxAttempts: WEBHOOK_MAX_ATTEMPTS,
		});
		expect([last.attempt, last.succeeded]).toEqual([WEBHOOK_MAX_ATTEMPTS, false]);
	};

	it.each([
		['answers 500', 500],
		['drops the connection', 0],
	])(
		'one that %s is disabled after ten failed events in a row, and gets nothing more',
		async (_case, status) => {
			const r = await receiver(status);
			const endpoint = await endpointFor(r.url);
			for (let i = 0; i < 9; i++) await failedEvent(endpoint.id);
			// An event still being retried does not count; a success breaks the streak.
			await double.webhooks.deliver(endpoint.id, ORDER_PAID);
			r.status = 200;
			expect((await double.webhooks.deliver(endpoint.id, ORDER_PAID)).succeeded).toBe(true);
			r.status = status;
			for (let i = 0; i < 9; i++) await failedEvent(endpoint.id);
			expect(double.webhooks.endpoints.get(endpoint.id)!.enabled).toBe(true);

			await failedEvent(endpoint.id);
			const read = await call('GET', `/v1/webhooks/endpoints/${endpoint.id}`, undefined, READ);
			expect(read.body.enabled).toBe(false);
			expect(double.webhooks.emails).toEqual([
				{
					template: 'webhook_endpoint_disabled',
					endpointId: endpoint.id,
					webhook_endpoint_url: r.url,
				},
			]);
			const before = r.received.length;
			const skipped = await double.webhooks.deliver(endpoint.id, ORDER_PAID);
			expect(skipped).toMatchObject({ skipped: true, status: 0 });
			expect(r.received.length).toBe(before);
			// The event that was still pending when the endpoint was disabled is skipped too.
			const pending = [...double.webhooks.events.values()].filter((e) => e.succeeded === null);
			expect(pending.map((e) => e.skipped)).toEqual([true, true]);
		},
	);

	it('re-enabled, it is disabled again by its next failed event (the streak still counts)', async () => {
		const r = await receiver(500);
		const endpoint = await endpointFor(r.url);
		for (let i = 0; i < 10; i++) await failedEvent(endpoint.id);
		const path = `/v1/webhooks/endpoints/${endpoint.id}`;
		expect((await call('PATCH', path, { enabled: true })).body.enabled).toBe(true);
		await failedEvent(endpoint.id);
		expect((await call('GET', path)).body.enabled).toBe(false);
		expect(double.webhooks.emails).toHaveLength(2);
	});
});

// Polar's spec, vendored in dev/polar-double/openapi.
const spec = polarSpec().spec as unknown as Record<string, any>;

describe('webhookUrls: allow-loopback', () => {
	it('allow-loopback takes http and https on loopback only; other URLs meet Polar’s rules', async () => {
		const outcome = async (url: string) => {
			const answer = await call('POST', '/v1/webhooks/endpoints', { ...create, url });
			return answer.status === 201 ? answer.body.url : answer.body.detail[0].msg;
		};
		const refused = 'Value error, Webhook URLs cannot point to localhost or private IP addresses.';
		expect(await outcome('http://LocalHost:5678/webhook/x')).toBe(
			'http://localhost:5678/webhook/x',
		);
		expect(await outcome('https://127.0.0.2/x')).toBe('https://127.0.0.2/x');
		expect(await outcome('http://[::1]:5678/x')).toBe('http://[::1]:5678/x');
		expect(await outcome('http://example.com/x')).toBe("URL scheme should be 'https'");
		expect(await outcome('https://192.168.1.2/x')).toBe(refused);
		expect(await outcome('https://0.0.0.0/x')).toBe(refused);
	});
});

describe('API versions of endpoints and their payloads', () => {
	it('create takes api_version (default: Current) and update changes it; others are 422', async () => {
		const other = WEBHOOK_API_VERSIONS.find((version) => version !== CURRENT_API_VERSION)!;
		const current = await call('POST', '/v1/webhooks/endpoints', create);
		const chosen = await call('POST', '/v1/webhooks/endpoints', { ...create, api_version: other });
		expect([current.body.api_version, chosen.body.api_version]).toEqual([
			CURRENT_API_VERSION,
			other,
		]);
		const path = `/v1/webhooks/endpoints/${current.body.id}`;
		const patched = await call('PATCH', path, { api_version: other });
		expect(patched.body.api_version).toBe(other);
		expect((await call('GET', path)).body.api_version).toBe(other);
		expect(double.violations).toEqual([]);
		const bad = await call('POST', '/v1/webhooks/endpoints', { ...create, api_version: '2025-01' });
		expect([bad.status, bad.body.detail[0].loc]).toEqual([422, ['body', 'api_version']]);
	});

	it('the versions an endpoint takes are the SDK’s ApiVersion, and its bodies the SDK’s', () => {
		expect(WEBHOOK_API_VERSIONS).toEqual(sdkUnion('2027-01', 'ApiVersion'));
		for (const version of ['2026-04', '2026-10', '2027-01'])
			for (const name of ['WebhookEndpointCreate', 'WebhookEndpointUpdate'] as const)
				expect([...WEBHOOK_SCHEMAS[name].properties, ...NEWER_SERVER_BODY_FIELDS].sort()).toEqual(
					sdkFields(version, name).sort(),
				);
	});
});

describe('webhook contract vs Polar’s spec', () => {
	it('endpoint schemas have exactly the spec’s fields and required fields', () => {
		for (const [name, ours] of Object.entries(WEBHOOK_SCHEMAS)) {
			const theirs = spec.components.schemas[name];
			expect([...(theirs.required ?? [])].sort()).toEqual([...ours.required].sort());
			expect(Object.keys(theirs.properties).sort()).toEqual([...ours.properties].sort());
		}
	});

	it('the endpoint object is the spec’s, plus only the newer server’s documented fields', async () => {
		// The exception: newer Polar servers return these; once the spec has them, drop it.
		const theirs = Object.keys(spec.components.schemas.WebhookEndpoint.properties);
		for (const field of NEWER_SERVER_ENDPOINT_FIELDS) expect(theirs).not.toContain(field);
		const created = await call('POST', '/v1/webhooks/endpoints', create);
		expect(Object.keys(created.body).sort()).toEqual(
			[...theirs, ...NEWER_SERVER_ENDPOINT_FIELDS].sort(),
		);
	});

	it('event types are the SDK’s WebhookEventType of every version: the spec’s and subscription.migrated', () => {
		for (const version of ['2026-04', '2026-10', '2027-01'])
			expect(WEBHOOK_EVENT_TYPES).toEqual(sdkUnion(version, 'WebhookEventType'));
		const newer = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'subscription.migrated');
		expect(newer).toEqual(spec.components.schemas.WebhookEventType.enum);
		expect([...newer].sort()).toEqual(Object.keys(spec.webhooks).sort());
	});

	it('the endpoint paths and methods the double serves are the spec’s', () => {
		const methods = (path: string) => Object.keys(spec.paths[path]).sort();
		expect(methods('/v1/webhooks/endpoints')).toEqual(['get', 'post']);
		expect(methods('/v1/webhooks/endpoints/{id}')).toEqual(['delete', 'get', 'patch']);
		expect(methods('/v1/webhooks/endpoints/{id}/secret')).toEqual(['patch']);
	});
});
