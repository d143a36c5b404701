import { FIXTURE_IDS, METER_IDS, TOKEN_CREDIT_UNITS } from '../../../dev/polar-double';
import { jsonOf, runUsage, TOKENS, useUsageDouble } from '../meter/fixtures';

const polar = useUsageDouble();

describe('Customer Meter → Get Many, in n8n’s engine against the Polar double', () => {
	it('the balance a customer has left on a meter: credited units minus consumed, one request', async () => {
		// Computed here from the seeded events: Ada's completions of paid models, numbers only.
		const consumed = polar()
			.usageEvents.filter(
				(e) =>
					e.name === 'llm.completion' &&
					e.customer_id === FIXTURE_IDS.ada &&
					e.metadata.model !== 'free' &&
					typeof e.metadata.tokens === 'number',
			)
			.reduce((sum, e) => sum + (e.metadata.tokens as number), 0);
		const result = await runUsage(polar(), 'customerMeter', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { externalCustomerIds: 'usr_ada', meterIds: METER_IDS.tokens },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toHaveLength(1);
		expect(result.success[0].json).toMatchObject({
			customer_id: FIXTURE_IDS.ada,
			meter_id: METER_IDS.tokens,
			credited_units: TOKEN_CREDIT_UNITS,
			consumed_units: consumed,
			balance: TOKEN_CREDIT_UNITS - consumed,
		});
		expect(polar().requests).toHaveLength(1);
		expect(polar().requests[0].query).toEqual({
			external_customer_id: 'usr_ada',
			meter_id: METER_IDS.tokens,
			page: '1',
			limit: '100',
		});
	});

	it('a customer whose events name only their external ID still has their usage counted', async () => {
		const result = await runUsage(polar(), 'customerMeter', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { customerIds: FIXTURE_IDS.grace, meterIds: METER_IDS.tokens },
			},
		});
		expect(result.success[0].json).toMatchObject({
			consumed_units: 300,
			balance: TOKEN_CREDIT_UNITS - 300,
		});
	});

	it('several customers and meters go as repeated parameters; Sort By reaches Polar', async () => {
		const result = await runUsage(polar(), 'customerMeter', 'getAll', {
			parameters: {
				returnAll: true,
				filters: {
					customerIds: `${FIXTURE_IDS.ada},${FIXTURE_IDS.grace}`,
					meterIds: `${METER_IDS.apiCalls}, ${METER_IDS.storage}`,
					sorting: 'meter_name',
				},
			},
		});
		expect(
			jsonOf(result.success).map((m) => [(m.meter as { name: string }).name, m.customer_id]),
		).toEqual([
			['API calls', expect.any(String)],
			['API calls', expect.any(String)],
			['Peak storage', expect.any(String)],
			['Peak storage', expect.any(String)],
		]);
		expect(polar().requests[0].queryLists).toMatchObject({
			customer_id: [FIXTURE_IDS.ada, FIXTURE_IDS.grace],
			meter_id: [METER_IDS.apiCalls, METER_IDS.storage],
			sorting: ['meter_name'],
		});
	});

	it('refuses a meter ID that is not a UUID before sending', async () => {
		const result = await runUsage(polar(), 'customerMeter', 'getAll', {
			parameters: { filters: { meterIds: 'tokens' } },
		});
		expect(result.executionError?.message).toMatch(
			/^Filters → Meter IDs "tokens" is not a Polar ID/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a token without customer_meters:read: Polar’s 403 names the scope', async () => {
		const result = await runUsage(polar(), 'customerMeter', 'getAll', {
			token: TOKENS.customersOnly,
		});
		expect(result.executionError?.message).toMatch(/customer_meters:read/);
	});
});
