import { METER_IDS } from '../../../dev/polar-double';
import { runUsage, useUsageDouble } from './fixtures';

const polar = useUsageDouble();

const names = (items: Array<{ json: { name?: unknown } }>) => items.map((item) => item.json.name);
const queries = () => polar().requests.map((request) => request.query);

describe('Meter → Get Many, in n8n’s engine against the Polar double', () => {
	it('Return All: every meter, by name (Polar’s default order)', async () => {
		const result = await runUsage(polar(), 'meter', 'getAll', { parameters: { returnAll: true } });
		expect(result.executionError).toBeUndefined();
		const expected = polar()
			.meters.map((m) => m.name)
			.sort();
		expect(names(result.success)).toEqual(expected);
		expect(queries()).toEqual([{ page: '1', limit: '100' }]);
	});

	it('filters reach Polar as its query parameters', async () => {
		const result = await runUsage(polar(), 'meter', 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					query: 'a',
					isArchived: false,
					sorting: '-created_at',
					metadata: { entries: [{ key: 'team', value: 'platform' }] },
				},
			},
		});
		expect(result.success.map((item) => item.json.id)).toEqual([
			METER_IDS.projects,
			METER_IDS.apiCalls,
		]);
		expect(queries()).toEqual([
			{
				query: 'a',
				is_archived: 'false',
				sorting: '-created_at',
				'metadata[team]': 'platform',
				page: '1',
				limit: '100',
			},
		]);
	});

	it('Archived on: only archived meters', async () => {
		const result = await runUsage(polar(), 'meter', 'getAll', {
			parameters: { returnAll: true, filters: { isArchived: true } },
		});
		expect(names(result.success)).toEqual(['Legacy seats']);
	});
});
