import { FIXTURE_IDS } from '../../../dev/polar-double';
import {
	at,
	byExternalId,
	byId,
	ingestRequests,
	jsonOf,
	rowParameters,
	runEvent,
	sentEvents,
	usageRows,
	useEventDouble,
} from './fixtures';

const polar = useEventDouble();

/** A well-formed customer ID the double does not hold. */
const NO_CUSTOMER = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('Event → Ingest, in n8n’s engine against the Polar double', () => {
	it('sends every item in one request, each item its own output, paired and ingested', async () => {
		const items = usageRows(250);
		const result = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(result.executionError).toBeUndefined();
		expect(ingestRequests(polar())).toHaveLength(1);
		expect(result.success).toHaveLength(250);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, i) => ({ item: i })),
		);
		expect(new Set(jsonOf(result.success).map((json) => json.status))).toEqual(
			new Set(['ingested']),
		);
		expect(result.success[3].json).toMatchObject({
			name: 'api_call',
			customer_id: FIXTURE_IDS.grace,
			timestamp: at(3),
			metadata: { tokens: 103, model: 'small' },
			request: { events: 250, inserted: 250, duplicates: 0 },
		});
		expect(polar().events.events).toHaveLength(250);
	});

	it('sends metadata typed: numbers as numbers, booleans, text, and the cost as Polar’s _cost', async () => {
		const result = await runEvent(polar(), 'ingest', {
			parameters: {
				eventName: 'llm_call',
				customer: byExternalId('usr_anyone'),
				timestamp: at(),
				deduplication: 'none',
				additionalFields: {
					metadata: {
						entries: [
							{ key: 'tokens', type: 'number', value: '1200' },
							{ key: 'cached', type: 'boolean', value: 'false' },
							{ key: 'zip', type: 'string', value: '02139' },
						],
					},
					metadataJson: '={{ { "latency_ms": 85.5, "region": "eu" } }}',
					costAmount: 0.1 + 0.2,
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(sentEvents(polar())).toEqual([
			{
				name: 'llm_call',
				external_customer_id: 'usr_anyone',
				timestamp: at(),
				metadata: {
					tokens: 1200,
					cached: false,
					zip: '02139',
					latency_ms: 85.5,
					region: 'eu',
					_cost: { amount: 0.3, currency: 'usd' },
				},
			},
		]);
		// An external customer ID Polar does not know is taken as it is, as Polar does.
		expect(polar().events.events[0]).toMatchObject({
			external_customer_id: 'usr_anyone',
			customer: null,
		});
	});

	it('re-running with deduplication IDs counts nothing twice: every item a duplicate', async () => {
		const items = usageRows(20);
		const first = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(first.executionError).toBeUndefined();
		const events = polar().events.events.map((event) => event.id);
		const again = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(jsonOf(again.success).map((json) => json.status)).toEqual(Array(20).fill('duplicate'));
		expect(again.success[0].json.request).toEqual({ events: 20, inserted: 0, duplicates: 20 });
		expect(polar().events.events.map((event) => event.id)).toEqual(events);
		// The same event gives the same ID on every run.
		expect(sentEvents(polar(), 1).map((e) => e.external_id)).toEqual(
			sentEvents(polar(), 0).map((e) => e.external_id),
		);
	});

	it('says per item what Polar’s counts tell: new, duplicate, or either when they cannot', async () => {
		const event = (id: string) => ({ id, customer: FIXTURE_IDS.ada });
		const parameters = rowParameters({
			deduplication: 'field',
			externalId: '={{ $json.id }}',
			timestamp: '',
			additionalFields: {},
		});
		await runEvent(polar(), 'ingest', { parameters, items: [event('a'), event('b')] });
		// a and b are known to Polar; c is new; the second c repeats the first in the same request.
		const result = await runEvent(polar(), 'ingest', {
			parameters,
			items: [event('a'), event('c'), event('b'), event('c')],
		});
		expect(jsonOf(result.success).map((json) => [json.external_id, json.status])).toEqual([
			['a', 'ingested or duplicate'],
			['c', 'ingested or duplicate'],
			['b', 'ingested or duplicate'],
			['c', 'duplicate'],
		]);
		expect(result.success[0].json.request).toEqual({ events: 4, inserted: 1, duplicates: 3 });
		expect(polar().events.events).toHaveLength(3);
	});

	it('an event Polar refuses (422 at its index) fails its own item; with Continue the rest are sent again, once', async () => {
		const items = usageRows(5);
		items[2].customer = NO_CUSTOMER;
		const result = await runEvent(polar(), 'ingest', {
			parameters: rowParameters(),
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
			['Polar refused the event: Customer: Customer not found. [item 2]', { item: 2 }],
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 3 },
			{ item: 4 },
		]);
		expect(
			ingestRequests(polar()).map((r) => [r.status, (r.body as { events: [] }).events.length]),
		).toEqual([
			[422, 5],
			[200, 4],
		]);
		expect(polar().events.events).toHaveLength(4);
		expect(jsonOf(result.success).map((json) => json.status)).toEqual(Array(4).fill('ingested'));
	});

	it('with Stop, a refused event stops the node naming its row, and nothing else is sent', async () => {
		const items = usageRows(4);
		items[1].customer = NO_CUSTOMER;
		const result = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(result.executionError).toMatchObject({
			message: 'Polar refused the event: Customer: Customer not found. [item 1]',
			httpCode: '422',
			itemIndex: 1,
		});
		expect(result.executionError?.description).toMatch(
			/Polar refused items 0, 2–3 with it, in the same request: nothing was done for them\./,
		);
		expect(ingestRequests(polar())).toHaveLength(1);
		expect(polar().events.events).toHaveLength(0);
	});

	it('refuses a future timestamp before sending anything, naming the field and the item', async () => {
		const future = new Date(Date.now() + 3_600_000).toISOString();
		const items = usageRows(3);
		items[2].at = future;
		const result = await runEvent(polar(), 'ingest', { parameters: rowParameters(), items });
		expect(result.executionError?.message).toBe(
			`Timestamp ${future} is in the future; Polar refuses events that have not happened yet [item 2]`,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a generated deduplication ID needs a timestamp: refused before sending without one', async () => {
		const result = await runEvent(polar(), 'ingest', {
			parameters: rowParameters({ timestamp: '' }),
			items: usageRows(1),
		});
		expect(result.executionError?.message).toMatch(
			/^Timestamp is empty, and a generated Deduplication ID needs it.*\[item 0\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('takes a member with the customer it belongs with, and refuses the other pairing', async () => {
		const ok = await runEvent(polar(), 'ingest', {
			parameters: {
				eventName: 'seat_used',
				customer: byId(FIXTURE_IDS.ada),
				deduplication: 'none',
				additionalFields: { memberId: FIXTURE_IDS.adaOwnerMember, parentId: 'trace-1' },
			},
		});
		expect(ok.executionError).toBeUndefined();
		expect(sentEvents(polar())).toEqual([
			{
				name: 'seat_used',
				customer_id: FIXTURE_IDS.ada,
				member_id: FIXTURE_IDS.adaOwnerMember,
				parent_id: 'trace-1',
			},
		]);
		const refused = await runEvent(polar(), 'ingest', {
			parameters: {
				eventName: 'seat_used',
				customer: byExternalId('usr_ada'),
				deduplication: 'none',
				additionalFields: { memberId: FIXTURE_IDS.adaOwnerMember },
			},
		});
		expect(refused.executionError?.message).toMatch(
			/^Member ID needs the customer From list or By ID/,
		);
		expect(ingestRequests(polar())).toHaveLength(1);
	});
});
