import {
	DEFAULT_TOKEN_SCOPES,
	FIXTURE_IDS,
	maxInFlight,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';
import { byId, createSessions } from './fixtures';

const customers = [FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.alan];
const itemsFor = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: customers[i % 3], n: i }));
const customer = byId('={{ $json.id }}');

let polar: PolarDouble;
afterEach(async () => await polar?.close());

describe('requests in flight at once', () => {
	it('keeps at most Max Concurrent Requests open, and the output in input order', async () => {
		polar = await startPolarDouble({ latencyMs: 100 });
		const items = itemsFor(24);
		const result = await createSessions(polar, { customer, items, options: { concurrency: 4 } });

		expect(maxInFlight(polar.requests)).toBe(4);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		expect(result.success.map((item) => item.json.customer_id)).toEqual(
			items.map((item) => item.id),
		);
	});

	it('sends one at a time, in order, with concurrency 1', async () => {
		polar = await startPolarDouble({ latencyMs: 5 });
		const items = itemsFor(6);
		await createSessions(polar, { customer, items, options: { concurrency: 1 } });
		expect(maxInFlight(polar.requests)).toBe(1);
		expect(
			polar.requests.map((request) => (request.body as { customer_id: string }).customer_id),
		).toEqual(items.map((item) => item.id));
	});

	it('On Error Stop: starts nothing new after a failure and names the first failed item', async () => {
		polar = await startPolarDouble({ latencyMs: 20 });
		const items = [...itemsFor(3), { id: '11111111-1111-4111-8111-111111111111' }, ...itemsFor(30)];
		const result = await createSessions(polar, { customer, items, options: { concurrency: 3 } });
		expect(result.executionError).toMatchObject({ itemIndex: 3, httpCode: '422' });
		expect(polar.requests.length).toBeLessThan(10);
	});
});

describe('Polar’s rate limit', () => {
	it('all workers wait out a 429 together, and every item still gets exactly one session', async () => {
		polar = await startPolarDouble({ rateLimit: { limit: 6, windowMs: 1000 } });
		const items = itemsFor(14);
		const result = await createSessions(polar, { customer, items, options: { concurrency: 4 } });

		expect(result.executionError).toBeUndefined();
		expect(result.success.map((item) => item.json.customer_id)).toEqual(
			items.map((item) => item.id),
		);
		expect(polar.sessions).toHaveLength(14);
		const limited = polar.requests.filter((request) => request.status === 429);
		// Without a shared back-off each worker would find the limit on its own, again and again.
		expect(limited.length).toBeGreaterThan(0);
		expect(limited.length).toBeLessThanOrEqual(3 * 4);
		// After a 429 no new request starts until its Retry-After (1 s here) has passed.
		const first = limited[0];
		const startedDuringWait = polar.requests.filter(
			(request) => request.time > first.answeredAt! + 50 && request.time < first.answeredAt! + 950,
		);
		expect(startedDuringWait).toEqual([]);
	});

	it('Max Requests per Minute spaces requests out evenly', async () => {
		polar = await startPolarDouble();
		await createSessions(polar, {
			customer,
			items: itemsFor(5),
			options: { concurrency: 5, maxRequestsPerMinute: 600 },
		});
		const times = polar.requests.map((request) => request.time);
		const gaps = times.slice(1).map((time, i) => time - times[i]);
		// 600 a minute is one start every 100 ms: no burst, and 5 requests span at least 400 ms
		// (less a little for the jitter between a start and its arrival at the double).
		for (const gap of gaps) expect(gap).toBeGreaterThan(50);
		expect(times[4] - times[0]).toBeGreaterThanOrEqual(380);
	});
});

describe('On Error Stop: stop means stop', () => {
	const NOBODY = '11111111-1111-4111-8111-111111111111';
	const TOKEN = 'polar_oat_stop_means_stop_token_0123456789';

	it('sends none of the requests still waiting for the token’s budget, and says which items Polar never got', async () => {
		polar = await startPolarDouble({ tokens: { [TOKEN]: DEFAULT_TOKEN_SCOPES }, latencyMs: 100 });
		// Rate Limit 2: items 0 and 1 go at once, 2 and 3 wait a minute for room, 4 and 5 for a worker.
		const items = [{ id: FIXTURE_IDS.ada }, { id: NOBODY }, ...itemsFor(4)];
		const startedAt = Date.now();
		const result = await createSessions(polar, {
			customer,
			items,
			options: { concurrency: 4 },
			credentials: { accessToken: TOKEN, rateLimit: 2 },
		});
		expect(Date.now() - startedAt).toBeLessThan(10_000);
		expect(result.executionError).toMatchObject({ itemIndex: 1, httpCode: '422' });
		expect(polar.requests).toHaveLength(2);
		expect(result.executionError?.description).toContain(
			`Before the node stopped, Polar completed item 0 (session for customer ID "${FIXTURE_IDS.ada}").`,
		);
		expect(result.executionError?.description).toContain(
			'The node stopped before sending items 2–5 to Polar.',
		);
	}, 30_000);

	it('sends none of the requests Max Requests per Minute was holding back', async () => {
		polar = await startPolarDouble();
		const result = await createSessions(polar, {
			customer,
			items: [{ id: NOBODY }, ...itemsFor(3)],
			// One a second: item 0 goes now, items 1 and 2 would go in 1 and 2 seconds.
			options: { concurrency: 3, maxRequestsPerMinute: 60 },
		});
		expect(result.executionError).toMatchObject({ itemIndex: 0, httpCode: '422' });
		expect(polar.requests).toHaveLength(1);
		expect(result.executionError?.description).toContain(
			'The node stopped before sending items 1–3 to Polar.',
		);
	});
});
