// The double's meters against Polar's rules (server/polar/meter/filter.py, aggregation.py,
// service.py get_quantities; customer_meter/service.py), with expectations worked out by hand.

import {
	addInterval,
	aggregate,
	customerMeters,
	filterMatches,
	FIXTURE_IDS,
	quantities,
	seedCustomers,
	seedMeters,
	truncate,
	type IngestedEvent,
	type Meter,
	type MeterAggregation,
} from '../../dev/polar-double';

const event = (metadata: Record<string, unknown>, at = '2025-05-01T12:00:00Z', name = 'run') =>
	({
		name,
		source: 'user',
		timestamp: at,
		customer_id: null,
		external_customer_id: null,
		metadata,
	}) as IngestedEvent;

describe('meter aggregations', () => {
	const events = [
		event({ n: 2, who: 'a' }),
		event({ n: 10, who: 'b' }),
		event({ n: '5', who: 'a' }),
		event({ n: true, who: 'c' }),
		event({ who: 'a' }),
	];
	const cases: Array<[MeterAggregation, number | null]> = [
		[{ func: 'count' }, 5],
		// Numbers only: the text "5" and the boolean are not counted.
		[{ func: 'sum', property: 'n' }, 12],
		[{ func: 'sum', property: 'metadata.n' }, 12],
		[{ func: 'max', property: 'n' }, 10],
		[{ func: 'min', property: 'n' }, 2],
		[{ func: 'avg', property: 'n' }, 6],
		[{ func: 'unique', property: 'who' }, 3],
		// A property no event has a number for: SQL's NULL.
		[{ func: 'sum', property: 'who' }, null],
		// name is a text column: a property aggregation over it reads no rows.
		[{ func: 'max', property: 'name' }, null],
	];
	it.each(cases)('%j over the events is %p', (aggregation, expected) => {
		expect(aggregate(aggregation, events)).toBe(expected);
	});

	it('timestamp is a numeric column: its epoch seconds', () => {
		expect(aggregate({ func: 'max', property: 'timestamp' }, events)).toBe(
			Date.parse('2025-05-01T12:00:00Z') / 1000,
		);
	});
});

describe('meter filters', () => {
	const clause = (property: string, operator: string, value: unknown) =>
		({ conjunction: 'and', clauses: [{ property, operator, value }] }) as Meter['filter'];

	it('compares a metadata number with a number only, text as text, booleans with booleans', () => {
		expect(filterMatches(clause('n', 'gt', 3), event({ n: 5 }))).toBe(true);
		expect(filterMatches(clause('n', 'eq', '5'), event({ n: 5 }))).toBe(false);
		expect(filterMatches(clause('n', 'eq', '5'), event({ n: '5' }))).toBe(true);
		// A JSON string compares as text with the value's text: 5 finds "5".
		expect(filterMatches(clause('n', 'eq', 5), event({ n: '5' }))).toBe(true);
		expect(filterMatches(clause('flag', 'eq', true), event({ flag: true }))).toBe(true);
		expect(filterMatches(clause('flag', 'eq', 'true'), event({ flag: true }))).toBe(false);
	});

	it('a missing property matches nothing, not even ne or not_like', () => {
		expect(filterMatches(clause('n', 'ne', 1), event({}))).toBe(false);
		expect(filterMatches(clause('n', 'not_like', 'x'), event({}))).toBe(false);
	});

	it('like is a substring test; name takes text only', () => {
		expect(filterMatches(clause('name', 'like', 'ru'), event({}))).toBe(true);
		expect(filterMatches(clause('name', 'eq', 1), event({}))).toBe(false);
		expect(filterMatches(clause('metadata.model', 'like', 'gpt'), event({ model: 'gpt-4' }))).toBe(
			true,
		);
	});

	it('and/or nest; an empty filter takes every event', () => {
		const either = {
			conjunction: 'or',
			clauses: [
				{ property: 'n', operator: 'eq', value: 1 },
				{ conjunction: 'and', clauses: [] },
			],
		} as Meter['filter'];
		expect(filterMatches(either, event({}))).toBe(true);
		expect(filterMatches({ conjunction: 'and', clauses: [] }, event({}))).toBe(true);
	});
});

describe('calendar steps in a time zone', () => {
	it('a day across a DST change is 23 hours; a month keeps the day, cut to the month’s end', () => {
		const march30 = Date.parse('2025-03-29T23:00:00Z'); // midnight in Berlin, before DST
		expect(new Date(addInterval(march30, 'day', 'Europe/Berlin')).toISOString()).toBe(
			'2025-03-30T22:00:00.000Z',
		);
		const jan31 = Date.parse('2025-01-31T00:00:00Z');
		expect(new Date(addInterval(jan31, 'month', 'UTC')).toISOString()).toBe(
			'2025-02-28T00:00:00.000Z',
		);
	});

	it('weeks begin on Monday; buckets follow the zone’s calendar', () => {
		// Sunday 2025-05-04 and Monday 2025-05-05 fall in different weeks.
		expect(truncate(Date.parse('2025-05-04T12:00:00Z'), 'week', 'UTC')).not.toBe(
			truncate(Date.parse('2025-05-05T12:00:00Z'), 'week', 'UTC'),
		);
		const lateUtc = Date.parse('2025-05-01T23:30:00Z');
		expect(truncate(lateUtc, 'day', 'UTC')).toBe('2025-5-1T0');
		expect(truncate(lateUtc, 'day', 'Europe/Berlin')).toBe('2025-5-2T0');
	});
});

describe('quantities', () => {
	const [max] = seedMeters('org').filter((meter) => meter.aggregation.func === 'max');
	const snapshots = [
		event({ gb: 3 }, '2025-05-01T01:00:00Z', 'storage.snapshot'),
		event({ gb: 9 }, '2025-05-01T02:00:00Z', 'storage.snapshot'),
		event({ gb: 4 }, '2025-05-02T02:00:00Z', 'storage.snapshot'),
		// Outside the range, yet in its last bucket: the range only picks buckets.
		event({ gb: 7 }, '2025-05-03T20:00:00Z', 'storage.snapshot'),
	];
	const input = {
		start: Date.parse('2025-05-01T00:00:00Z'),
		end: Date.parse('2025-05-03T00:00:00Z'),
		interval: 'day' as const,
		timezone: 'UTC',
	};

	it('one point per interval; a max meter’s total is the largest point', () => {
		expect(quantities(max, snapshots, input)).toEqual({
			quantities: [
				{ timestamp: '2025-05-01T00:00:00Z', quantity: 9 },
				{ timestamp: '2025-05-02T00:00:00Z', quantity: 4 },
				{ timestamp: '2025-05-03T00:00:00Z', quantity: 7 },
			],
			total: 9,
		});
	});

	it('per customer first: the sum of each customer’s largest snapshot', () => {
		const own = (id: string, e: IngestedEvent) => ({ ...e, customer_id: id });
		const events = [own('a', snapshots[0]), own('b', snapshots[1]), own('a', snapshots[1])];
		const answer = quantities(max, events, { ...input, customerAggregation: 'sum' });
		expect(answer.quantities[0].quantity).toBe(18);
	});
});

describe('customer meters', () => {
	const customers = seedCustomers().map((seeded) => seeded.customer);
	const meter: Meter = {
		...seedMeters('org')[0],
		aggregation: { func: 'sum', property: 'units' },
		filter: { conjunction: 'and', clauses: [] },
	};
	const ada = (metadata: Record<string, unknown>, at: string, source = 'user', name = 'use') => ({
		...event(metadata, at, name),
		source,
		customer_id: FIXTURE_IDS.ada,
	});

	it('balance = credits (never below zero while summed) minus usage since the last reset', () => {
		const events = [
			ada({ units: 40 }, '2025-05-01T00:00:00Z'),
			ada({ meter_id: meter.id }, '2025-05-02T00:00:00Z', 'system', 'meter.reset'),
			ada({ units: 15 }, '2025-05-03T00:00:00Z'),
			ada({ units: '100' }, '2025-05-03T01:00:00Z'),
		];
		const credits = [
			{ customer_id: FIXTURE_IDS.ada, meter_id: meter.id, units: 50, at: '2025-05-02T10:00:00Z' },
			{ customer_id: FIXTURE_IDS.ada, meter_id: meter.id, units: -80, at: '2025-05-02T11:00:00Z' },
			{ customer_id: FIXTURE_IDS.ada, meter_id: meter.id, units: 30, at: '2025-05-02T12:00:00Z' },
		];
		const [row] = customerMeters({
			meters: [meter],
			events: () => events,
			customers: () => customers,
			credits: () => credits,
		});
		expect(row).toMatchObject({ consumed_units: 15, credited_units: 30, balance: 15 });
	});

	it('a customer with neither usage nor credits has no meter yet', () => {
		const rows = customerMeters({
			meters: [meter],
			events: () => [],
			customers: () => customers,
			credits: () => [],
		});
		expect(rows).toEqual([]);
	});
});
