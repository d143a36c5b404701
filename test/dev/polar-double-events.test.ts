// Tests of the double's events (dev/polar-double/events.ts) over real HTTP, as Polar's server
// answers: deduplication by external_id, all-or-nothing validation, the body size limit.

import { request as httpRequest } from 'http';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	MAX_REQUEST_BODY_BYTES,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';

const HEADERS = {
	authorization: `Bearer ${DEFAULT_TOKEN}`,
	'content-type': 'application/json',
	'polar-version': '2026-04',
};
const PAST = '2026-01-01T12:00:00.000Z';
const NO_CUSTOMER = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

let double: PolarDouble;
beforeAll(async () => {
	double = await startPolarDouble({ tokens: { [DEFAULT_TOKEN]: ['events:write'] } });
});
afterEach(() => {
	const violations = double.violations.map((v) => v.message);
	double.reset();
	expect(violations).toEqual([]);
});
afterAll(async () => await double.close());

async function ingest(events: unknown[]) {
	const response = await fetch(`${double.url}/v1/events/ingest`, {
		method: 'POST',
		headers: HEADERS,
		body: JSON.stringify({ events }),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(path: string) {
	const response = await fetch(`${double.url}${path}`, { headers: HEADERS });
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const event = (fields: Record<string, unknown> = {}) => ({
	name: 'api_call',
	external_customer_id: 'usr_ada',
	timestamp: PAST,
	...fields,
});

describe('the double’s event ingestion, as Polar’s server', () => {
	it('deduplicates by external_id: a resend, and a repeat within one request, are duplicates', async () => {
		expect(
			await ingest([event({ external_id: 'a' }), event({ external_id: 'b' }), event()]),
		).toEqual({
			status: 200,
			body: { inserted: 3, duplicates: 0 },
		});
		expect(
			await ingest([
				event({ external_id: 'a' }),
				event({ external_id: 'c' }),
				event({ external_id: 'c' }),
			]),
		).toEqual({ status: 200, body: { inserted: 1, duplicates: 2 } });
		// Events without external_id are never duplicates.
		expect((await ingest([event()])).body).toEqual({ inserted: 1, duplicates: 0 });
		expect(double.events.events).toHaveLength(5);
	});

	it('refuses the whole request with one 422 naming each bad event’s index; nothing is stored', async () => {
		const answer = await ingest([
			event(),
			event({ external_customer_id: undefined, customer_id: NO_CUSTOMER }),
			event({ external_customer_id: undefined, customer_id: FIXTURE_IDS.ada }),
			event({ external_customer_id: undefined, customer_id: NO_CUSTOMER }),
		]);
		expect(answer.status).toBe(422);
		expect(answer.body).toEqual({
			error: 'RequestValidationError',
			detail: [1, 3].map((index) => ({
				loc: ['body', 'events', index, 'customer_id'],
				msg: 'Customer not found.',
				type: 'customer_id',
				input: NO_CUSTOMER,
			})),
		});
		expect(double.events.events).toHaveLength(0);
	});

	it('takes an external customer ID it does not know, as Polar does; a known one links the customer', async () => {
		expect((await ingest([event({ external_customer_id: 'usr_typo' }), event()])).status).toBe(200);
		const [first, second] = double.events.events;
		expect([first.external_customer_id, first.customer]).toEqual(['usr_typo', null]);
		expect(second.customer?.id).toBe(FIXTURE_IDS.ada);
	});

	it('refuses a future timestamp, as pydantic does, under both shapes of an event', async () => {
		const future = new Date(Date.now() + 60_000).toISOString();
		const answer = await ingest([event(), event({ timestamp: future })]);
		expect(answer.status).toBe(422);
		expect(answer.body.detail).toEqual([
			{
				loc: ['body', 'events', 1, 'EventCreateExternalCustomer', 'timestamp'],
				msg: 'Value error, Timestamp must be in the past.',
				type: 'value_error',
				input: future,
			},
			expect.objectContaining({
				loc: ['body', 'events', 1, 'EventCreateCustomer', 'customer_id'],
				msg: 'Field required',
			}),
		]);
		expect(double.events.events).toHaveLength(0);
	});

	it('500 when the new events’ meter events need over 32,767 values in one statement; nothing stored', async () => {
		const send = (events: unknown[]) =>
			fetch(`${double.url}/v1/events/ingest`, {
				method: 'POST',
				headers: HEADERS,
				body: JSON.stringify({ events }),
			});
		const completions = (count: number, from = 0) =>
			Array.from({ length: count }, (_, i) =>
				event({
					name: 'llm.completion',
					external_id: `c${from + i}`,
					metadata: { tokens: 10, model: 'large' },
				}),
			);
		// One meter (LLM tokens) counts each: 4,682 rows of 7 values is one row too many.
		const refused = await send(completions(4682));
		expect(refused.status).toBe(500);
		expect(await refused.text()).toBe('Internal Server Error');
		expect(double.events.events).toHaveLength(0);
		expect(await ingest(completions(4681))).toEqual({
			status: 200,
			body: { inserted: 4681, duplicates: 0 },
		});
		// Duplicates write no meter events.
		expect((await ingest(completions(4682))).body).toEqual({ inserted: 1, duplicates: 4681 });
		// Two meters (API calls, Active projects) count each api.call: half as many events fit.
		double.reset();
		const calls = (count: number) =>
			Array.from({ length: count }, () => event({ name: 'api.call' }));
		expect((await send(calls(2341))).status).toBe(500);
		expect(double.events.events).toHaveLength(0);
		expect((await ingest(calls(2340))).status).toBe(200);
	});

	it('413 for a body over 10 MiB, before authentication, and stores nothing', async () => {
		const big = 'x'.repeat(500);
		const events = Array.from({ length: 22_000 }, () => event({ metadata: { note: big } }));
		const body = JSON.stringify({ events });
		expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_REQUEST_BODY_BYTES);
		const response = await fetch(`${double.url}/v1/events/ingest`, {
			method: 'POST',
			headers: { ...HEADERS, authorization: 'Bearer not-a-token' },
			body,
		});
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({
			error: 'RequestBodyTooLarge',
			detail: `Request body exceeded the maximum allowed size of ${MAX_REQUEST_BODY_BYTES} bytes.`,
		});
		expect(double.events.events).toHaveLength(0);
	});

	it('411 for a POST without Content-Length (a chunked body)', async () => {
		const status = await new Promise<number>((resolve, reject) => {
			const url = new URL(`${double.url}/v1/events/ingest`);
			const req = httpRequest(
				{
					method: 'POST',
					host: url.hostname,
					port: url.port,
					path: url.pathname,
					headers: HEADERS,
				},
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				},
			);
			req.on('error', reject);
			req.write(JSON.stringify({ events: [event()] }));
			req.end();
		});
		expect(status).toBe(411);
		expect(double.events.events).toHaveLength(0);
	});

	it('lists the events as the spec’s Event objects, newest first, with Polar’s filters', async () => {
		await ingest([
			event({ timestamp: '2026-01-01T10:00:00Z', metadata: { tokens: 5 } }),
			event({ name: 'llm_call', timestamp: '2026-01-01T11:00:00Z' }),
			event({
				customer_id: FIXTURE_IDS.grace,
				external_customer_id: undefined,
				timestamp: '2026-01-01T09:00:00Z',
			}),
		]);
		const all = await get('/v1/events/?limit=100');
		expect(all.body.items.map((e: { timestamp: string }) => e.timestamp)).toEqual([
			'2026-01-01T11:00:00.000Z',
			'2026-01-01T10:00:00.000Z',
			'2026-01-01T09:00:00.000Z',
		]);
		expect(all.body.items).toEqual(double.events.events);
		for (const item of all.body.items) expect(polarSpec().checkSchema('Event', item)).toEqual([]);
		expect((await get('/v1/events/?name=llm_call')).body.pagination.total_count).toBe(1);
		expect((await get(`/v1/events/?customer_id=${FIXTURE_IDS.grace}`)).body.items).toHaveLength(1);
		expect((await get('/v1/events/?metadata[tokens]=5')).body.items).toHaveLength(1);
		expect(
			(
				await get(
					'/v1/events/?start_timestamp=2026-01-01T09:30:00Z&end_timestamp=2026-01-01T10:30:00Z',
				)
			).body.items,
		).toHaveLength(1);
		const one = all.body.items[0] as { id: string };
		expect((await get(`/v1/events/${one.id}`)).body).toEqual(one);
		expect((await get(`/v1/events/${NO_CUSTOMER}`)).status).toBe(404);
		expect((await get('/v1/events/names')).body.items).toEqual([
			expect.objectContaining({ name: 'llm_call', occurrences: 1 }),
			expect.objectContaining({
				name: 'api_call',
				occurrences: 2,
				first_seen: '2026-01-01T09:00:00.000Z',
				last_seen: '2026-01-01T10:00:00.000Z',
			}),
		]);
	});
});
