import { FIXTURE_IDS, METER_IDS } from '../../../dev/polar-double';
import { jsonOf, MISSING_ID, runUsage, useUsageDouble } from '../meter/fixtures';

const polar = useUsageDouble();

describe('Customer Meter → Get, in n8n’s engine against the Polar double', () => {
	it('gets the customer meter a list gave, by its own ID', async () => {
		const list = await runUsage(polar(), 'customerMeter', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { customerIds: FIXTURE_IDS.ada, meterIds: METER_IDS.storage },
			},
		});
		const [listed] = jsonOf(list.success);
		const result = await runUsage(polar(), 'customerMeter', 'get', {
			parameters: { customerMeterId: listed.id },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([listed]);
		// A max meter: the largest snapshot, computed here from the seeded events.
		const largest = Math.max(
			...polar()
				.usageEvents.filter(
					(e) => e.name === 'storage.snapshot' && e.customer_id === FIXTURE_IDS.ada,
				)
				.map((e) => e.metadata.gb as number),
		);
		expect(result.success[0].json).toMatchObject({ consumed_units: largest, balance: -largest });
		expect(polar().requests[1].path).toBe(`/v1/customer-meters/${String(listed.id)}`);
	});

	it('a missing customer meter: says that its ID is its own', async () => {
		const result = await runUsage(polar(), 'customerMeter', 'get', {
			parameters: { customerMeterId: MISSING_ID },
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar customer meter with ID "${MISSING_ID}"`,
			description: expect.stringMatching(/not the customer’s or the meter’s/),
		});
	});

	it('refuses an ID that is not a UUID before sending, naming the field and the item', async () => {
		const result = await runUsage(polar(), 'customerMeter', 'get', {
			parameters: { customerMeterId: 'ada-tokens' },
		});
		expect(result.executionError?.message).toBe(
			'Customer Meter ID "ada-tokens" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
