import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runListSearch } from '../../../dev/harness';
import { METER_IDS } from '../../../dev/polar-double';
import { byId, jsonOf, MISSING_ID, runUsage, TOKENS, useUsageDouble } from './fixtures';

const polar = useUsageDouble();

describe('Meter → Get, in n8n’s engine against the Polar double', () => {
	it('gets a meter By ID: its filter and aggregation', async () => {
		const result = await runUsage(polar(), 'meter', 'get', {
			parameters: { meter: byId(METER_IDS.tokens) },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([polar().meters.find((m) => m.id === METER_IDS.tokens)]);
		expect(result.success[0].json).toMatchObject({
			name: 'LLM tokens',
			aggregation: { func: 'sum', property: 'metadata.tokens' },
		});
		expect(polar().requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/v1/meters/${METER_IDS.tokens}`],
		]);
	});

	it('takes the meter picked From List, one per item', async () => {
		const result = await runUsage(polar(), 'meter', 'get', {
			parameters: { meter: { __rl: true, mode: 'list', value: '={{ $json.id }}' } },
			items: [{ id: METER_IDS.apiCalls }, { id: METER_IDS.legacySeats }],
		});
		expect(jsonOf(result.success).map((m) => m.name)).toEqual(['API calls', 'Legacy seats']);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a missing meter: the message names its ID', async () => {
		const result = await runUsage(polar(), 'meter', 'get', {
			parameters: { meter: byId(MISSING_ID) },
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar meter with ID "${MISSING_ID}"`,
			httpCode: '404',
		});
	});

	it('refuses an ID that is not a UUID before sending, naming the field and the item', async () => {
		const result = await runUsage(polar(), 'meter', 'get', {
			parameters: { meter: byId('={{ $json.id }}') },
			items: [{ id: METER_IDS.apiCalls }, { id: 'api-calls' }],
		});
		expect(result.executionError?.message).toBe(
			'Meter (By ID) "api-calls" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 1]',
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a token without meters:read: Polar’s 403 names the scope', async () => {
		const result = await runUsage(polar(), 'meter', 'get', {
			parameters: { meter: byId(METER_IDS.apiCalls) },
			token: TOKENS.customersOnly,
		});
		expect(result.executionError?.message).toMatch(/meters:read/);
	});
});

describe('Meter → From List', () => {
	const search = async (filter?: string, accessToken = TOKENS.read) =>
		await runListSearch({
			nodeType: new Polar(),
			methodName: 'searchMeters',
			credentialTypes: [new PolarApi()],
			credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar().url } },
			filter,
		});

	it('lists the meters by name, archived ones marked, their ID as the value', async () => {
		const { results } = await search();
		expect(results).toHaveLength(polar().meters.length);
		expect(results).toContainEqual({
			name: 'Legacy seats (archived)',
			value: METER_IDS.legacySeats,
		});
		expect(results).toContainEqual({ name: 'API calls', value: METER_IDS.apiCalls });
	});

	it('filters by name as the user types', async () => {
		const { results } = await search('tokens');
		expect(results).toEqual([{ name: 'LLM tokens', value: METER_IDS.tokens }]);
		expect(polar().requests[0].query).toMatchObject({ query: 'tokens' });
	});

	it('a token that cannot list meters: says which scope, and to choose By ID', async () => {
		await expect(search(undefined, TOKENS.customersOnly)).rejects.toThrow(
			/cannot list meters: it lacks the meters:read scope/,
		);
	});
});
