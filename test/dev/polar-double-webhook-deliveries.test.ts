// The double's delivery history and redelivery (GET /v1/webhooks/deliveries, POST
// /v1/webhooks/events/{id}/redeliver) against Polar's spec and server (webhook-history.ts).

import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

import { startPolarDouble, type PolarDouble, type WebhookEvent } from '../../dev/polar-double';

const WRITE = 'polar_oat_double_webhooks_write';
const READ = 'polar_oat_double_webhooks_read';

let double: PolarDouble;
beforeAll(async () => {
	double = await startPolarDouble({
		// The test's receiver listens on 127.0.0.1: Polar itself would refuse that URL.
		webhookUrls: 'allow-loopback',
		tokens: { [WRITE]: ['webhooks:write'], [READ]: ['webhooks:read'] },
	});
});
afterEach(() => {
	const violations = double.violations.map((v) => v.message);
	double.reset();
	expect(violations).toEqual([]);
});
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
	return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

interface DeliveryJson {
	id: string;
	succeeded: boolean;
	http_code: number | null;
	response: string | null;
	webhook_event: { id: string; type: string; succeeded: boolean | null; payload: string };
}
interface ListJson {
	items: DeliveryJson[];
	pagination: { total_count: number; max_page: number };
}
const list = async (query = '', token = WRITE) => {
	const answer = await call('GET', `/v1/webhooks/deliveries${query}`, undefined, token);
	expect(answer.status).toBe(200);
	return answer.body as ListJson;
};

/** A receiver that answers `status` (0: drops the connection) and records each body and headers. */
interface Receiver {
	url: string;
	status: number;
	received: Array<{ headers: IncomingHttpHeaders; body: string }>;
}
const servers: Server[] = [];
afterEach(
	async () =>
		await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(() => r(null))))),
);
async function receiver(status: number): Promise<Receiver> {
	const r = { url: '', status, received: [] } as Receiver;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			if (r.status === 0) req.socket.destroy();
			else res.writeHead(r.status).end(r.status >= 400 ? 'down for maintenance' : '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	servers.push(server);
	r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/polar`;
	return r;
}

const endpointFor = async (url: string, events = ['order.paid', 'subscription.active']) =>
	(
		(await call('POST', '/v1/webhooks/endpoints', { url, format: 'raw', events })).body as {
			id: string;
		}
	).id;

const event = (type: string, id: string): WebhookEvent => ({ type, data: { id } });

describe('GET /v1/webhooks/deliveries', () => {
	it('lists every attempt, newest first, with its event, code and answer, as the spec says', async () => {
		const down = await receiver(503);
		const endpointId = await endpointFor(down.url);
		const first = await double.webhooks.deliver(endpointId, event('order.paid', 'o1'), {
			maxAttempts: 2,
		});
		down.status = 200;
		await double.webhooks.retry(first.webhookId);

		const { items, pagination } = await list();
		expect(pagination).toEqual({ total_count: 3, max_page: 1 });
		expect(items.map((d) => [d.succeeded, d.http_code, d.response])).toEqual([
			[true, 200, null],
			[false, 503, 'down for maintenance'],
			[false, 503, 'down for maintenance'],
		]);
		expect(new Set(items.map((d) => d.id)).size).toBe(3);
		expect(items.every((d) => d.webhook_event.id === first.webhookId)).toBe(true);
		expect(items[0].webhook_event).toMatchObject({ type: 'order.paid', succeeded: true });
		expect(JSON.parse(items[0].webhook_event.payload)).toMatchObject({ data: { id: 'o1' } });
	});

	it('an unreachable endpoint: no HTTP code, the error as the response', async () => {
		const gone = await receiver(0);
		await double.webhooks.deliver(await endpointFor(gone.url), event('order.paid', 'o1'));
		const [delivery] = (await list()).items;
		expect(delivery).toMatchObject({ succeeded: false, http_code: null });
		expect(delivery.response).toEqual(expect.any(String));
	});

	it('filters by endpoint, outcome, event type, code class, text and time, and pages', async () => {
		const up = await receiver(200);
		const down = await receiver(404);
		const upId = await endpointFor(up.url);
		const downId = await endpointFor(down.url);
		await double.webhooks.deliver(upId, event('order.paid', 'o1'));
		const between = new Date().toISOString();
		await new Promise((resolve) => setTimeout(resolve, 5));
		const missed = await double.webhooks.deliver(downId, event('subscription.active', 's1'));
		await double.webhooks.deliver(downId, event('order.paid', 'o2'));

		const ids = async (query: string) =>
			(await list(query)).items.map((d) => JSON.parse(d.webhook_event.payload).data.id as string);
		expect(await ids(`?endpoint_id=${downId}`)).toEqual(['o2', 's1']);
		expect(await ids(`?endpoint_id=${upId}&endpoint_id=${downId}`)).toEqual(['o2', 's1', 'o1']);
		expect(await ids('?succeeded=false')).toEqual(['o2', 's1']);
		expect(await ids('?succeeded=true')).toEqual(['o1']);
		expect(await ids('?event_type=subscription.active')).toEqual(['s1']);
		expect(await ids('?http_code_class=4xx')).toEqual(['o2', 's1']);
		expect(await ids('?http_code_class=2xx')).toEqual(['o1']);
		expect(await ids(`?query=${missed.webhookId}`)).toEqual(['s1']);
		expect(await ids(`?start_timestamp=${encodeURIComponent(between)}`)).toEqual(['o2', 's1']);
		expect(await ids(`?end_timestamp=${encodeURIComponent(between)}`)).toEqual(['o1']);
		const second = await list('?limit=2&page=2');
		expect(second.pagination).toEqual({ total_count: 3, max_page: 2 });
		expect(second.items).toHaveLength(1);
	});

	it('refuses what Polar refuses (422) and an unknown token (401); a read token lists', async () => {
		expect((await call('GET', '/v1/webhooks/deliveries?http_code_class=6xx')).status).toBe(422);
		expect((await call('GET', '/v1/webhooks/deliveries?endpoint_id=nope')).status).toBe(422);
		expect(
			(await call('GET', '/v1/webhooks/deliveries', undefined, 'polar_oat_unknown')).status,
		).toBe(401);
		expect((await list('', READ)).items).toEqual([]);
		double.violations.length = 0; // the 422s were the point
	});
});

describe('POST /v1/webhooks/events/{id}/redeliver', () => {
	it('sends the event again to its own endpoint only, as a new delivery with the same webhook-id', async () => {
		const down = await receiver(500);
		const other = await receiver(200);
		const endpointId = await endpointFor(down.url);
		await endpointFor(other.url);
		const failed = await double.webhooks.deliver(endpointId, event('order.paid', 'o1'));
		down.status = 200;

		const answer = await call('POST', `/v1/webhooks/events/${failed.webhookId}/redeliver`);
		expect(answer).toEqual({ status: 202, body: null });
		await double.webhooks.settled();

		expect(other.received).toEqual([]);
		expect(down.received.map((r) => r.headers['webhook-id'])).toEqual([
			failed.webhookId,
			failed.webhookId,
		]);
		expect(down.received[1].body).toBe(down.received[0].body);
		const { items } = await list(`?query=${failed.webhookId}`);
		expect(items.map((d) => d.succeeded)).toEqual([true, false]);
		expect(items[0].webhook_event.succeeded).toBe(true);
	});

	it('each call sends again, even an event that succeeded (Polar redelivers with redeliver=True)', async () => {
		const up = await receiver(200);
		const ok = await double.webhooks.deliver(await endpointFor(up.url), event('order.paid', 'o1'));
		for (let i = 0; i < 2; i++)
			expect((await call('POST', `/v1/webhooks/events/${ok.webhookId}/redeliver`)).status).toBe(
				202,
			);
		await double.webhooks.settled();
		expect(up.received).toHaveLength(3);
		expect((await list()).pagination.total_count).toBe(3);
	});

	it('to a disabled endpoint: skipped, no delivery', async () => {
		const down = await receiver(500);
		const endpointId = await endpointFor(down.url);
		const failed = await double.webhooks.deliver(endpointId, event('order.paid', 'o1'));
		await call('PATCH', `/v1/webhooks/endpoints/${endpointId}`, { enabled: false });
		expect((await call('POST', `/v1/webhooks/events/${failed.webhookId}/redeliver`)).status).toBe(
			202,
		);
		await double.webhooks.settled();
		expect(down.received).toHaveLength(1);
		expect(double.webhooks.events.get(failed.webhookId)?.skipped).toBe(true);
	});

	it('an unknown event is 404; an ID that is not a UUID 422; a read-only token 403', async () => {
		const unknown = await call(
			'POST',
			'/v1/webhooks/events/8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d/redeliver',
		);
		expect(unknown).toEqual({
			status: 404,
			body: { error: 'ResourceNotFound', detail: 'Not found' },
		});
		expect((await call('POST', '/v1/webhooks/events/nope/redeliver')).status).toBe(422);
		const up = await receiver(200);
		const ok = await double.webhooks.deliver(await endpointFor(up.url), event('order.paid', 'o1'));
		const readOnly = await call(
			'POST',
			`/v1/webhooks/events/${ok.webhookId}/redeliver`,
			undefined,
			READ,
		);
		expect(readOnly.status).toBe(403);
		double.violations.length = 0; // the 422 was the point
	});
});
