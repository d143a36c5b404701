import type { IDataObject } from 'n8n-workflow';

import { FIXTURE_IDS } from '../../../dev/polar-double';
import { at, byId, ingestRequests, jsonOf, runEvent, sentEvents, useEventDouble } from './fixtures';

const polar = useEventDouble();

/** Event → Ingest taking each item as the event; `deduplication` as the node offers it. */
const fromJson = (deduplication = 'field') => ({ eventsFrom: 'json', deduplication });

/** An item shaped as Polar's EventCreateCustomer: the usage row of the `i`-th call. */
const eventItem = (i: number, extra: IDataObject = {}): IDataObject => ({
	name: 'api_call',
	customer_id: i % 2 === 0 ? FIXTURE_IDS.ada : FIXTURE_IDS.grace,
	timestamp: at(i),
	external_id: `row-${i}`,
	metadata: { tokens: 100 + i },
	...extra,
});

describe('Event → Ingest, Events From: Each Item’s JSON, in n8n’s engine against the double', () => {
	it('sends each item as its event, typed metadata kept, each item its own paired output', async () => {
		const items: IDataObject[] = [
			{
				name: 'llm_call',
				customer_id: FIXTURE_IDS.ada,
				member_id: FIXTURE_IDS.adaOwnerMember,
				timestamp: at(1),
				external_id: 'call-1',
				parent_id: 'trace-1',
				metadata: {
					tokens: 1200,
					cached: false,
					zip: '02139',
					latency_ms: 85.5,
					_cost: { amount: 0.1 + 0.2, currency: 'usd' },
				},
			},
			{
				name: 'llm_call',
				external_customer_id: 'usr_anyone',
				external_member_id: 'usr_anyone_bob',
				timestamp: at(2),
				external_id: 'call-2',
				// Absent, as Polar's optional fields may be given.
				parent_id: null,
			},
		];
		const result = await runEvent(polar(), 'ingest', { parameters: fromJson(), items });
		expect(result.executionError).toBeUndefined();
		expect(ingestRequests(polar())).toHaveLength(1);
		expect(sentEvents(polar())).toEqual([
			{
				name: 'llm_call',
				customer_id: FIXTURE_IDS.ada,
				member_id: FIXTURE_IDS.adaOwnerMember,
				timestamp: at(1),
				external_id: 'call-1',
				parent_id: 'trace-1',
				metadata: {
					tokens: 1200,
					cached: false,
					zip: '02139',
					latency_ms: 85.5,
					_cost: { amount: 0.3, currency: 'usd' },
				},
			},
			{
				name: 'llm_call',
				external_customer_id: 'usr_anyone',
				external_member_id: 'usr_anyone_bob',
				timestamp: at(2),
				external_id: 'call-2',
			},
		]);
		// Polar stores the metadata with its types: the meters can add the numbers up.
		const stored = Object.fromEntries(
			polar().events.events.map((event) => [event.timestamp, event.metadata]),
		);
		expect(stored).toEqual({
			[at(1)]: {
				tokens: 1200,
				cached: false,
				zip: '02139',
				latency_ms: 85.5,
				_cost: { amount: 0.3, currency: 'usd' },
			},
			[at(2)]: {},
		});
		expect(result.success.map((item) => [item.json.external_id, item.json.status])).toEqual([
			['call-1', 'ingested'],
			['call-2', 'ingested'],
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses each bad item before sending, naming the key and the item; the good ones are sent', async () => {
		const bad: Array<[IDataObject, RegExp]> = [
			[
				eventItem(1, { customerId: FIXTURE_IDS.ada }),
				/^Key "customerId" is not a field of Polar’s event/,
			],
			[eventItem(2, { name: '' }), /^name is empty/],
			[
				eventItem(3, { name: 'x'.repeat(129) }),
				/^name is 129 characters long; Polar accepts at most 128/,
			],
			[eventItem(4, { customer_id: 'usr_ada' }), /^customer_id "usr_ada" is not a Polar ID/],
			[
				eventItem(5, { customer_id: undefined }),
				/^customer_id and external_customer_id are both missing/,
			],
			[
				eventItem(6, { external_customer_id: 'usr_ada' }),
				/^customer_id and external_customer_id are both set/,
			],
			[
				eventItem(7, {
					customer_id: undefined,
					external_customer_id: 'usr_ada',
					member_id: FIXTURE_IDS.adaOwnerMember,
				}),
				/^member_id needs customer_id; with external_customer_id, use external_member_id/,
			],
			[
				eventItem(8, { external_member_id: 'bob' }),
				/^external_member_id needs external_customer_id/,
			],
			[eventItem(9, { member_id: 'bob' }), /^member_id "bob" is not a Polar ID/],
			[eventItem(10, { timestamp: 'yesterday' }), /^timestamp "yesterday" is not a date and time/],
			[
				eventItem(11, { timestamp: new Date(Date.now() + 3_600_000).toISOString() }),
				/^timestamp \S+ is in the future; Polar refuses events that have not happened yet/,
			],
			[
				eventItem(12, { metadata: { usage: { tokens: 1 } } }),
				/^metadata value of "usage" is object; Polar takes text, a number or true\/false/,
			],
			[
				eventItem(13, { metadata: { _cost: { amount: 5, currency: 'eur' } } }),
				/^metadata value of "_cost" has currency "eur"; Polar takes only "usd"/,
			],
			[eventItem(14, { metadata: 'tokens=1' }), /^metadata is not valid JSON/],
			[eventItem(15, { external_id: '' }), /^external_id is empty/],
			[
				eventItem(16, { organization_id: FIXTURE_IDS.ada }),
				/^organization_id is set: the node names the organization itself/,
			],
		];
		const items = [eventItem(0), ...bad.map(([item]) => item), eventItem(17)];
		const result = await runEvent(polar(), 'ingest', {
			parameters: fromJson(),
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => item.pairedItem)).toEqual(
			bad.map((_, i) => ({ item: i + 1 })),
		);
		result.error.forEach((item, i) => {
			expect(item.json.message).toMatch(bad[i][1]);
			expect(item.json.message).toMatch(new RegExp(`\\[item ${i + 1}\\]$`));
		});
		// Only the good items reach Polar, in one request.
		expect(ingestRequests(polar())).toHaveLength(1);
		expect(sentEvents(polar()).map((event) => event.external_id)).toEqual(['row-0', 'row-17']);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 17 }]);
	});

	it('with Stop, one bad item stops the node before anything is sent', async () => {
		const items = [eventItem(0), eventItem(1), eventItem(2, { customerId: FIXTURE_IDS.ada })];
		const result = await runEvent(polar(), 'ingest', { parameters: fromJson(), items });
		expect(result.executionError?.message).toMatch(/^Key "customerId" is not a field.*\[item 2\]$/);
		expect(polar().requests).toHaveLength(0);
	});

	it('takes external_id only when Deduplication is From a Field', async () => {
		for (const deduplication of ['generate', 'none']) {
			const result = await runEvent(polar(), 'ingest', {
				parameters: fromJson(deduplication),
				items: [eventItem(0)],
			});
			expect(result.executionError?.message).toMatch(
				/^external_id is set, and Deduplication is .*\[item 0\]$/,
			);
		}
		const none = await runEvent(polar(), 'ingest', {
			parameters: fromJson('none'),
			items: [eventItem(0, { external_id: undefined })],
		});
		expect(none.executionError).toBeUndefined();
		expect(sentEvents(polar())[0]).not.toHaveProperty('external_id');
		const untimed = await runEvent(polar(), 'ingest', {
			parameters: fromJson('generate'),
			items: [eventItem(0, { external_id: undefined, timestamp: undefined })],
		});
		expect(untimed.executionError?.message).toMatch(
			/^timestamp is empty, and a generated Deduplication ID needs it.*\[item 0\]$/,
		);
		expect(ingestRequests(polar())).toHaveLength(1);
	});

	it('a re-run counts nothing twice, with the event’s own ID or a generated one', async () => {
		const items = Array.from({ length: 6 }, (_, i) => eventItem(i));
		await runEvent(polar(), 'ingest', { parameters: fromJson(), items });
		const again = await runEvent(polar(), 'ingest', { parameters: fromJson(), items });
		expect(jsonOf(again.success).map((json) => json.status)).toEqual(Array(6).fill('duplicate'));
		expect(polar().events.events).toHaveLength(6);

		const withoutIds = items.map((item) => ({ ...item, external_id: undefined }));
		await runEvent(polar(), 'ingest', { parameters: fromJson('generate'), items: withoutIds });
		const rerun = await runEvent(polar(), 'ingest', {
			parameters: fromJson('generate'),
			items: withoutIds,
		});
		expect(jsonOf(rerun.success).map((json) => json.status)).toEqual(Array(6).fill('duplicate'));
		expect(polar().events.events).toHaveLength(12);
	});

	it('generates the same Deduplication ID as the fields do for the same event', async () => {
		const item = eventItem(3, { external_id: undefined });
		await runEvent(polar(), 'ingest', { parameters: fromJson('generate'), items: [item] });
		const fields = await runEvent(polar(), 'ingest', {
			parameters: {
				eventName: 'api_call',
				customer: byId(FIXTURE_IDS.grace),
				timestamp: at(3),
				deduplication: 'generate',
				additionalFields: { metadataJson: '={{ { "tokens": 103 } }}' },
			},
		});
		expect(fields.success[0].json.status).toBe('duplicate');
		expect(sentEvents(polar(), 1)[0].external_id).toBe(sentEvents(polar(), 0)[0].external_id);
		expect(polar().events.events).toHaveLength(1);
	});
});
