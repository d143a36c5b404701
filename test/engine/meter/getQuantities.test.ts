import { FIXTURE_IDS, METER_IDS, type IngestedEvent } from '../../../dev/polar-double';
import { byId, jsonOf, MISSING_ID, runUsage, useUsageDouble } from './fixtures';

const polar = useUsageDouble();

const DAYS = ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03'];
const midnights = DAYS.map((day) => `${day}T00:00:00Z`);

/** The seeded events of a name, with the UTC day each falls on: computed here, not by the double. */
const eventsNamed = (name: string) => polar().usageEvents.filter((event) => event.name === name);
const utcDay = (event: IngestedEvent) => event.timestamp.slice(0, 10);

async function quantities(meter: string, parameters: Record<string, unknown> = {}) {
	const result = await runUsage(polar(), 'meter', 'getQuantities', {
		parameters: {
			meter: byId(meter),
			start: '2025-04-30T00:00:00Z',
			end: '2025-05-03T00:00:00Z',
			interval: 'day',
			...parameters,
		},
	});
	expect(result.executionError).toBeUndefined();
	return jsonOf(result.success)[0] as {
		quantities: Array<{ timestamp: string; quantity: number }>;
		total: number;
	};
}

describe('Meter → Get Quantities, in n8n’s engine against the Polar double', () => {
	it('a count meter: the events of each day, and their total', async () => {
		const calls = eventsNamed('api.call');
		const perDay = DAYS.map((day) => calls.filter((event) => utcDay(event) === day).length);
		const answer = await quantities(METER_IDS.apiCalls);
		expect(answer.quantities).toEqual(
			midnights.map((timestamp, i) => ({ timestamp, quantity: perDay[i] })),
		);
		expect(answer.total).toBe(calls.length);
		const [request] = polar().requests;
		expect([request.path, request.query]).toEqual([
			`/v1/meters/${METER_IDS.apiCalls}/quantities`,
			{
				start_timestamp: '2025-04-30T00:00:00.000Z',
				end_timestamp: '2025-05-03T00:00:00.000Z',
				interval: 'day',
				timezone: 'UTC',
			},
		]);
	});

	it('a sum meter adds numbers only: a token count sent as the text "5" is not counted', async () => {
		const completions = eventsNamed('llm.completion').filter((e) => e.metadata.model !== 'free');
		expect(completions.some((event) => event.metadata.tokens === '5')).toBe(true);
		const tokens = (day: string) =>
			completions
				.filter((event) => utcDay(event) === day && typeof event.metadata.tokens === 'number')
				.reduce((sum, event) => sum + (event.metadata.tokens as number), 0);
		const answer = await quantities(METER_IDS.tokens);
		expect(answer.quantities.map((q) => q.quantity)).toEqual(DAYS.map(tokens));
		expect(answer.total).toBe(DAYS.map(tokens).reduce((a, b) => a + b, 0));
		expect(answer.total).toBe(500);
	});

	it('a time zone moves events across midnight into the next day', async () => {
		const calls = eventsNamed('api.call');
		// Berlin is two hours ahead in May: 23:30 UTC is already the next day there.
		const berlinDay = (event: IngestedEvent) =>
			new Date(Date.parse(event.timestamp) + 2 * 3600_000).toISOString().slice(0, 10);
		const answer = await quantities(METER_IDS.apiCalls, {
			start: '2025-05-01T00:00:00',
			end: '2025-05-03T00:00:00',
			additionalFields: { timezone: 'Europe/Berlin' },
		});
		expect(answer.quantities).toEqual(
			['2025-05-01', '2025-05-02', '2025-05-03'].map((day) => ({
				timestamp: new Date(Date.parse(`${day}T00:00:00+02:00`)).toISOString().replace('.000', ''),
				quantity: calls.filter((event) => berlinDay(event) === day).length,
			})),
		);
		expect(polar().requests[0].query).toMatchObject({
			start_timestamp: '2025-04-30T22:00:00.000Z',
			timezone: 'Europe/Berlin',
		});
	});

	it('several customers, by Polar’s ID and by external ID, reach Polar as repeated parameters', async () => {
		const answer = await quantities(METER_IDS.apiCalls, {
			additionalFields: {
				customerIds: `${FIXTURE_IDS.ada}, ${FIXTURE_IDS.alan}`,
				externalCustomerIds: 'usr_grace',
			},
		});
		expect(answer.total).toBe(eventsNamed('api.call').length);
		expect(polar().requests[0].queryLists).toMatchObject({
			customer_id: [FIXTURE_IDS.ada, FIXTURE_IDS.alan],
			external_customer_id: ['usr_grace'],
		});
		const adaOnly = await quantities(METER_IDS.apiCalls, {
			additionalFields: { externalCustomerIds: 'usr_ada' },
		});
		expect(adaOnly.total).toBe(
			eventsNamed('api.call').filter((e) => e.customer_id === FIXTURE_IDS.ada).length,
		);
	});

	it('Customer Aggregation and metadata reach Polar', async () => {
		const answer = await quantities(METER_IDS.apiCalls, {
			additionalFields: {
				customerAggregation: 'max',
				metadata: { entries: [{ key: 'project', value: 'alpha' }] },
			},
		});
		const alpha = eventsNamed('api.call').filter((e) => e.metadata.project === 'alpha');
		expect(answer.quantities.map((q) => q.quantity)).toEqual(
			DAYS.map((day) => (alpha.some((e) => utcDay(e) === day) ? 1 : 0)),
		);
		expect(polar().requests[0].query).toMatchObject({
			customer_aggregation_function: 'max',
			'metadata[project]': 'alpha',
		});
	});

	it('refuses, before sending, a range Polar would refuse', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ start: '2022-12-31T00:00:00Z' }, /^Start is before 2023-01-01/],
			[{ end: '2025-04-01T00:00:00Z' }, /^End is before Start/],
			[{ interval: 'hour', end: '2025-05-30T00:00:00Z' }, /^Interval hour covers at most 7 days/],
			[{ start: 'yesterday' }, /^Start "yesterday" is not a date and time/],
			[{ additionalFields: { customerIds: 'ada' } }, /^Additional Fields → Customer IDs "ada"/],
		];
		for (const [parameters, message] of cases) {
			const result = await runUsage(polar(), 'meter', 'getQuantities', {
				parameters: {
					meter: byId(METER_IDS.apiCalls),
					start: '2025-04-30T00:00:00Z',
					end: '2025-05-03T00:00:00Z',
					interval: 'day',
					...parameters,
				},
			});
			expect(result.executionError?.message).toMatch(message);
		}
		expect(polar().requests).toHaveLength(0);
	});

	it('a missing meter: the message names its ID', async () => {
		const result = await runUsage(polar(), 'meter', 'getQuantities', {
			parameters: {
				meter: byId(MISSING_ID),
				start: '2025-04-30T00:00:00Z',
				end: '2025-05-03T00:00:00Z',
				interval: 'day',
			},
		});
		expect(result.executionError?.message).toBe(`No Polar meter with ID "${MISSING_ID}"`);
	});
});
