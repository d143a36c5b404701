import { createHash } from 'crypto';

import { FIXTURE_IDS } from '../../../dev/polar-double';
import { byId, ingestRequests, jsonOf, runEvent, sentEvents, useEventDouble } from './fixtures';

/**
 * The generated Deduplication ID is made of everything that tells events apart, the timestamp to
 * every digit given: distinct events are never merged into one at Polar. Items of one run that
 * are the same event say so (or fail, as the user chose).
 */

const polar = useEventDouble();

const countEvent = (timestamp: string) => ({ customer: FIXTURE_IDS.ada, at: timestamp });
const parameters = (extra: Record<string, unknown> = {}) => ({
	eventName: 'api_call',
	customer: byId('={{ $json.customer }}'),
	timestamp: '={{ $json.at }}',
	deduplication: 'generate',
	...extra,
});

describe('Event → Ingest, the generated Deduplication ID, in n8n’s engine against the double', () => {
	it('events microseconds apart are two events at Polar, each ingested', async () => {
		const result = await runEvent(polar(), 'ingest', {
			parameters: parameters(),
			items: [countEvent('2026-01-01T12:00:00.123456Z'), countEvent('2026-01-01T12:00:00.123789Z')],
		});
		expect(jsonOf(result.success).map((json) => json.status)).toEqual(['ingested', 'ingested']);
		expect(polar().events.events).toHaveLength(2);
		const [first, second] = sentEvents(polar());
		expect(first.external_id).not.toBe(second.external_id);
		expect(first.timestamp).toBe('2026-01-01T12:00:00.123456Z');
		expect(result.success[0].json.warning).toBeUndefined();
	});

	it('an event to the millisecond keeps the ID 0.5.0 gave it: a re-run across the upgrade counts it once', async () => {
		await runEvent(polar(), 'ingest', {
			parameters: parameters(),
			items: [countEvent('2026-01-01T12:00:00Z')],
		});
		// 0.5.0's recipe: SHA-256 of the event with sorted keys, its timestamp as toISOString gives it.
		const recipe = `{"customer_id":"${FIXTURE_IDS.ada}","name":"api_call","timestamp":"2026-01-01T12:00:00.000Z"}`;
		expect(sentEvents(polar())[0].external_id).toBe(
			createHash('sha256').update(recipe).digest('hex'),
		);
	});

	it('items of one run that are the same event say so in their output; Polar counts it once', async () => {
		const same = countEvent('2026-01-01T12:00:05Z');
		const result = await runEvent(polar(), 'ingest', {
			parameters: parameters(),
			items: [same, countEvent('2026-01-01T12:00:06Z'), same],
		});
		const outputs = jsonOf(result.success);
		expect(outputs.map((json) => json.status)).toEqual(['ingested', 'ingested', 'duplicate']);
		expect(outputs[0].warning).toMatch(/^Items 0 and 2 are the same event .* Polar counts them once/);
		expect(outputs[2].warning).toBe(outputs[0].warning);
		expect(outputs[1].warning).toBeUndefined();
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('with Identical Events: Error, those items fail before they are sent, and the others are sent', async () => {
		const same = countEvent('2026-01-01T12:00:07Z');
		const items = [same, countEvent('2026-01-01T12:00:08Z'), same];
		const result = await runEvent(polar(), 'ingest', {
			parameters: parameters({ sameEvents: 'error' }),
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[
				{ item: 0 },
				'Deduplication ID is the same for items 0 and 2: they are the same event (name, customer, timestamp, metadata and the rest), which Polar would count once [item 0]',
			],
			[
				{ item: 2 },
				'Deduplication ID is the same for items 0 and 2: they are the same event (name, customer, timestamp, metadata and the rest), which Polar would count once [item 2]',
			],
		]);
		expect(jsonOf(result.success).map((json) => json.status)).toEqual(['ingested']);
		expect(sentEvents(polar()).map((event) => event.timestamp)).toEqual([
			'2026-01-01T12:00:08.000Z',
		]);

		polar().reset();
		const stopped = await runEvent(polar(), 'ingest', {
			parameters: parameters({ sameEvents: 'error' }),
			items,
		});
		expect(stopped.executionError?.message).toMatch(/^Deduplication ID is the same .*\[item 0\]$/);
		expect(ingestRequests(polar())).toHaveLength(0);
	});
});
