import { FIXTURE_IDS } from '../../../dev/polar-double';
import { at, jsonOf, runEvent, useEventDouble } from './fixtures';

const polar = useEventDouble();

function seed() {
	polar().events.ingest({
		events: [
			{
				name: 'api_call',
				customer_id: FIXTURE_IDS.ada,
				timestamp: at(1),
				metadata: { tier: 'pro' },
			},
			{ name: 'api_call', external_customer_id: 'usr_grace', timestamp: at(2) },
			{
				name: 'llm_call',
				customer_id: FIXTURE_IDS.ada,
				timestamp: at(3),
				metadata: { tier: 'pro' },
			},
		],
	});
}

describe('Event → Get Many and List Names, in n8n’s engine against the Polar double', () => {
	it('Return All: every event, newest first, one item each', async () => {
		seed();
		const result = await runEvent(polar(), 'getAll', { parameters: { returnAll: true } });
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual(polar().events.events);
		expect(jsonOf(result.success).map((e) => e.timestamp)).toEqual([at(3), at(2), at(1)]);
	});

	it('filters reach Polar as its query parameters, and narrow the list', async () => {
		seed();
		const result = await runEvent(polar(), 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					name: 'api_call',
					customerId: FIXTURE_IDS.ada,
					source: 'user',
					startTimestamp: at(0),
					endTimestamp: at(5),
					metadata: { entries: [{ key: 'tier', value: 'pro' }] },
				},
			},
		});
		expect(jsonOf(result.success).map((e) => [e.name, e.timestamp])).toEqual([['api_call', at(1)]]);
		expect(polar().requests[0].query).toEqual({
			page: '1',
			limit: '100',
			name: 'api_call',
			customer_id: FIXTURE_IDS.ada,
			source: 'user',
			start_timestamp: at(0),
			end_timestamp: at(5),
			'metadata[tier]': 'pro',
		});
	});

	it('refuses a Depth Polar would refuse, before sending', async () => {
		const result = await runEvent(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { depth: 6 } },
		});
		expect(result.executionError?.message).toBe(
			'Filters → Depth is 6; Polar takes 0 to 5 [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('List Names: each name with its counts, most recently seen first', async () => {
		seed();
		const result = await runEvent(polar(), 'listNames', {
			parameters: { returnAll: true, filters: { externalCustomerId: 'usr_ada' } },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success).map((n) => [n.name, n.occurrences])).toEqual([
			['llm_call', 1],
			['api_call', 1],
		]);
		expect(polar().requests.map((r) => [r.path, r.query.external_customer_id])).toEqual([
			['/v1/events/names', 'usr_ada'],
		]);
	});
});
