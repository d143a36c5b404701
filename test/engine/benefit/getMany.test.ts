import { BENEFIT_IDS, MORE_BENEFIT_IDS } from '../../../dev/polar-double';
import { runUsage, useUsageDouble } from '../meter/fixtures';

const polar = useUsageDouble();

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

describe('Benefit → Get Many, in n8n’s engine against the Polar double', () => {
	it('Return All: every benefit, newest first', async () => {
		const result = await runUsage(polar(), 'benefit', 'getAll', {
			parameters: { returnAll: true },
		});
		expect(result.executionError).toBeUndefined();
		expect(ids(result.success)).toEqual(polar().benefits.benefits.map((b) => b.id));
	});

	it('Types: only those types, sent as a repeated parameter', async () => {
		const result = await runUsage(polar(), 'benefit', 'getAll', {
			parameters: { returnAll: true, filters: { types: ['license_keys', 'meter_credit'] } },
		});
		expect(ids(result.success)).toEqual([
			MORE_BENEFIT_IDS.tokenCredits,
			MORE_BENEFIT_IDS.licenseKeys,
		]);
		expect(polar().requests[0].queryLists.type).toEqual(['license_keys', 'meter_credit']);
	});

	it('search, metadata, IDs and sort reach Polar as its query parameters', async () => {
		const result = await runUsage(polar(), 'benefit', 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					query: 'o',
					metadata: { entries: [{ key: 'tier', value: 'pro' }] },
					excludeIds: MORE_BENEFIT_IDS.tokenCredits,
					sorting: 'description',
				},
			},
		});
		expect(ids(result.success)).toEqual([MORE_BENEFIT_IDS.licenseKeys]);
		expect(polar().requests[0].query).toEqual({
			query: 'o',
			'metadata[tier]': 'pro',
			exclude_id: MORE_BENEFIT_IDS.tokenCredits,
			sorting: 'description',
			page: '1',
			limit: '100',
		});
		const byIds = await runUsage(polar(), 'benefit', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { ids: `${BENEFIT_IDS.support},${BENEFIT_IDS.download}`, sorting: 'description' },
			},
		});
		expect(ids(byIds.success)).toEqual([BENEFIT_IDS.download, BENEFIT_IDS.support]);
	});
});
