import type { IDataObject } from 'n8n-workflow';

import { MAX_REQUEST_BODY_BYTES } from '../../../dev/polar-double';
import {
	ingestRequests,
	jsonOf,
	rowParameters,
	runEvent,
	usageRows,
	useEventDouble,
} from './fixtures';

const polar = useEventDouble();
/** Polar behind a proxy that takes at most 1 MiB a request. */
const proxied = useEventDouble({ maxRequestBodyBytes: 1024 * 1024 });
/** Polar slower to answer than the node waits: it stores the events, the answer is lost. */
const slow = useEventDouble({ latencyMs: 600 });

/** Usage rows of about 25 KB each: 50 metadata values of 480 characters. */
function bigRows(count: number): IDataObject[] {
	return usageRows(count).map((row, i) => ({
		...row,
		usage: Object.fromEntries(
			Array.from({ length: 50 }, (_, key) => [`k${key}`, `${i}-${'x'.repeat(480)}`]),
		),
	}));
}

const bodySizes = (requests: Array<{ headers: IDataObject }>) =>
	requests.map((r) => Number(r.headers['content-length']));

describe('Event → Ingest batches, in n8n’s engine against the Polar double', () => {
	it('more than 10 MiB of events: as few requests as fit under Polar’s limit, each event once', async () => {
		const items = bigRows(440);
		const result = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(result.executionError).toBeUndefined();
		const requests = ingestRequests(polar());
		const total = bodySizes(requests).reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(MAX_REQUEST_BODY_BYTES);
		expect(requests).toHaveLength(2);
		for (const size of bodySizes(requests))
			expect(size).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
		expect(requests.map((r) => r.status)).toEqual([200, 200]);
		expect(result.success).toHaveLength(440);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, i) => ({ item: i })),
		);
		expect(polar().events.events).toHaveLength(440);
	});

	it('1,201 usage rows of a metered event: requests of at most 500 events, each event once', async () => {
		// Polar writes a request's meter events in one statement of at most 32,767 values: all
		// 4,682 events a meter counts in one request would be a 500 (test/dev/polar-double-events).
		const items = usageRows(1201);
		const result = await runEvent(polar(), 'ingest', {
			parameters: rowParameters({ eventName: 'llm.completion' }),
			items,
		});
		expect(result.executionError).toBeUndefined();
		const requests = ingestRequests(polar());
		const sizes = requests.map((r) => (r.body as { events: unknown[] }).events.length);
		expect(sizes).toEqual([500, 500, 201]);
		expect(requests.every((r) => r.status === 200)).toBe(true);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, i) => ({ item: i })),
		);
		expect(jsonOf(result.success).every((json) => json.status === 'ingested')).toBe(true);
		expect(polar().events.events).toHaveLength(1201);
	});

	it('with Stop, a refused event in a later batch names its row and what the earlier batches did', async () => {
		const items = bigRows(440);
		items[430].customer = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';
		const result = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(result.executionError).toMatchObject({
			message: 'Polar refused the event: Customer: Customer not found. [item 430]',
			itemIndex: 430,
		});
		const ingested = polar().events.events.length;
		expect(ingested).toBeGreaterThan(0);
		expect(ingested).toBeLessThan(430);
		expect(result.executionError?.description).toContain(
			`Before the node stopped, Polar completed items 0–${ingested - 1}. Polar refused items ${ingested}–429, 431–439 with it, in the same request: nothing was done for them.`,
		);
		expect(ingestRequests(polar()).map((r) => r.status)).toEqual([200, 422]);
	});

	it('a 413 from a proxy with a lower limit splits the batch and sends the halves, each event once', async () => {
		const items = bigRows(100);
		const result = await runEvent(proxied(), 'ingest', { parameters: rowParameters(), items });
		expect(result.executionError).toBeUndefined();
		const statuses = ingestRequests(proxied()).map((r) => r.status);
		expect(statuses.filter((status) => status === 413).length).toBeGreaterThan(0);
		expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(1);
		expect(result.success).toHaveLength(100);
		expect(jsonOf(result.success).map((json) => json.status)).toEqual(Array(100).fill('ingested'));
		const ingestedNames = proxied()
			.events.events.map((event) => String(event.metadata.k0).split('-')[0])
			.sort((a, b) => Number(a) - Number(b));
		expect(ingestedNames).toEqual(items.map((_, i) => String(i)));
	});

	it('an answer lost: a batch whose every event has a deduplication ID is sent again, and counted once', async () => {
		const result = await runEvent(slow(), 'ingest', {
			parameters: { ...rowParameters(), options: { timeout: 200, maxRetries: 1 } },
			items: usageRows(5),
			onError: 'continueErrorOutput',
		});
		// Both attempts timed out; Polar stored the events on the first and skipped them on the second.
		expect(ingestRequests(slow())).toHaveLength(2);
		expect(slow().events.events).toHaveLength(5);
		expect(result.error).toHaveLength(5);
		expect(result.error[0].json.message).toMatch(/did not answer within/);
	});

	it('an answer lost after Polar stored the batch: the repeat’s duplicates are this run’s events, reported ingested', async () => {
		polar().failNext('commit-then-reset');
		const result = await runEvent(polar(), 'ingest', {
			parameters: { ...rowParameters(), options: { maxRetries: 2, maxRetryWait: 1 } },
			items: usageRows(5),
		});
		expect(result.executionError).toBeUndefined();
		// The first answer was lost (no status); the repeat found all five stored.
		expect(ingestRequests(polar()).map((r) => r.status)).toEqual([undefined, 200]);
		expect(polar().events.events).toHaveLength(5);
		const outputs = jsonOf(result.success);
		expect(outputs.map((json) => json.status)).toEqual(Array(5).fill('ingested'));
		for (const json of outputs) {
			expect(json.request).toEqual({
				events: 5,
				inserted: 5,
				duplicates: 0,
				afterLostAnswer: true,
			});
		}
	});

	it('an answer lost: a batch without deduplication IDs is not sent again, and its items say what may have happened', async () => {
		const result = await runEvent(slow(), 'ingest', {
			parameters: {
				...rowParameters({ deduplication: 'none' }),
				options: { timeout: 200, maxRetries: 1 },
			},
			items: usageRows(3),
			onError: 'continueErrorOutput',
		});
		expect(ingestRequests(slow())).toHaveLength(1);
		expect(result.error.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect((result.error[0].json.error as IDataObject).description).toMatch(
			/Polar may have ingested these 3 events \(without a Deduplication ID, sending them again could count them twice\)/,
		);
	});
});
