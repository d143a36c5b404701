import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runListSearch } from '../../../dev/harness';
import { BENEFIT_IDS, METER_IDS, MORE_BENEFIT_IDS } from '../../../dev/polar-double';
import { byId, jsonOf, MISSING_ID, runUsage, TOKENS, useUsageDouble } from '../meter/fixtures';

const polar = useUsageDouble();

describe('Benefit → Get, in n8n’s engine against the Polar double', () => {
	it('gets a benefit By ID, with its type’s properties', async () => {
		const result = await runUsage(polar(), 'benefit', 'get', {
			parameters: { benefit: byId(MORE_BENEFIT_IDS.tokenCredits) },
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			type: 'meter_credit',
			properties: { meter_id: METER_IDS.tokens },
		});
		expect(polar().requests[0].path).toBe(`/v1/benefits/${MORE_BENEFIT_IDS.tokenCredits}`);
	});

	it('takes the benefit picked From List', async () => {
		const result = await runUsage(polar(), 'benefit', 'get', {
			parameters: { benefit: { __rl: true, mode: 'list', value: BENEFIT_IDS.support } },
		});
		expect(jsonOf(result.success).map((b) => b.description)).toEqual(['Priority support']);
	});

	it('a missing benefit: the message names its ID', async () => {
		const result = await runUsage(polar(), 'benefit', 'get', {
			parameters: { benefit: byId(MISSING_ID) },
		});
		expect(result.executionError?.message).toBe(`No Polar benefit with ID "${MISSING_ID}"`);
	});

	it('refuses an ID that is not a UUID before sending', async () => {
		const result = await runUsage(polar(), 'benefit', 'get', {
			parameters: { benefit: byId('={{ $json.id }}') },
			items: [{ id: 'support' }],
		});
		expect(result.executionError?.message).toMatch(
			/^Benefit \(By ID\) "support" is not a Polar ID/,
		);
		expect(polar().requests).toHaveLength(0);
	});
});

describe('Benefit → From List', () => {
	const search = async (filter?: string, accessToken = TOKENS.read) =>
		await runListSearch({
			nodeType: new Polar(),
			methodName: 'searchBenefits',
			credentialTypes: [new PolarApi()],
			credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar().url } },
			filter,
		});

	it('lists benefits by description and type, their ID as the value', async () => {
		const { results } = await search();
		expect(results).toHaveLength(4);
		expect(results).toContainEqual({
			name: 'Desktop app license (license keys)',
			value: MORE_BENEFIT_IDS.licenseKeys,
		});
	});

	it('filters by description as the user types', async () => {
		const { results } = await search('SUPPORT');
		expect(results.map((r) => r.value)).toEqual([BENEFIT_IDS.support]);
	});

	it('a token that cannot list benefits: says which scope', async () => {
		await expect(search(undefined, TOKENS.customersOnly)).rejects.toThrow(/benefits:read/);
	});
});
