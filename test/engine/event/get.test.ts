import { FIXTURE_IDS } from '../../../dev/polar-double';
import { at, jsonOf, runEvent, useEventDouble } from './fixtures';

const polar = useEventDouble();

const NO_EVENT = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('Event → Get, in n8n’s engine against the Polar double', () => {
	it('gets an event by Polar’s ID, one per item, paired', async () => {
		polar().events.ingest({
			events: [
				{ name: 'api_call', customer_id: FIXTURE_IDS.ada, timestamp: at(1), metadata: { n: 1 } },
				{ name: 'llm_call', external_customer_id: 'usr_x', timestamp: at(2) },
			],
		});
		const [newest, oldest] = polar().events.events;
		const result = await runEvent(polar(), 'get', {
			parameters: { eventId: '={{ $json.id }}' },
			items: [{ id: oldest.id }, { id: newest.id }],
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([oldest, newest]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(polar().requests.map((r) => r.path)).toEqual([
			`/v1/events/${oldest.id}`,
			`/v1/events/${newest.id}`,
		]);
	});

	it('a missing event: the message names its ID', async () => {
		const result = await runEvent(polar(), 'get', { parameters: { eventId: NO_EVENT } });
		expect(result.executionError).toMatchObject({
			message: `No Polar event with ID "${NO_EVENT}"`,
			httpCode: '404',
		});
	});

	it('refuses an ID that is not a UUID before sending, naming the field and the item', async () => {
		const result = await runEvent(polar(), 'get', { parameters: { eventId: 'evt_1' } });
		expect(result.executionError?.message).toBe(
			'Event ID "evt_1" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
