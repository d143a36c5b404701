// The double's metrics against Polar's rules (server/polar/metrics/service.py get_metrics,
// metrics.py get_cumulative, queries.py, tinybird/endpoints/metrics_events.pipe; endpoints.py
// for the 422s, the export and the limits), with expectations worked out by hand.

import {
	buildOrder,
	DEFAULT_TOKEN,
	getMetrics,
	POLAR_API_VERSION,
	METRICS,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';

type Json = Record<string, unknown>;

const ORG = '1dbfc517-0bbf-4301-9ba8-555ca42b9737';
const ONE_TIME = {
	id: 'p-ebook',
	name: 'E-book',
	is_recurring: false,
	prices: [{ price_amount: 900 }],
};
const MONTHLY = { id: 'p-pro', name: 'Pro', is_recurring: true, prices: [{ price_amount: 2000 }] };

const order = (
	createdAt: string,
	product: Json,
	extra: Partial<Parameters<typeof buildOrder>[1]> = {},
) => buildOrder(ORG, { createdAt, customerId: 'c-ada', product, status: 'paid', ...extra });

const subscription = (id: string, fields: Json): Json => ({
	id,
	amount: 2000,
	recurring_interval: 'month',
	recurring_interval_count: 1,
	started_at: null,
	ended_at: null,
	ends_at: null,
	canceled_at: null,
	trial_end: null,
	customer_id: 'c-ada',
	product_id: MONTHLY.id,
	customer_cancellation_reason: null,
	...fields,
});

const sources = (orders: Json[], subscriptions: Json[] = []) => ({
	orders: () => orders,
	subscriptions: () => subscriptions,
});

describe('the double’s metrics', () => {
	const orders = [
		// Before the range: only in the cumulative revenue.
		order('2025-04-20T10:00:00Z', ONE_TIME),
		// 22:30 UTC on May 1 is 00:30 on May 2 in Paris.
		order('2025-05-01T22:30:00Z', ONE_TIME),
		order('2025-05-01T08:00:00Z', MONTHLY, { subscriptionId: 'sub-1', refundedAmount: 500 }),
		order('2025-05-02T09:00:00Z', ONE_TIME, { status: 'pending' }),
	];
	const subscriptions = [
		subscription('sub-1', { started_at: '2025-05-01T08:00:00Z' }),
		// A yearly subscription: 12000 a year is 1000 a month.
		subscription('sub-2', {
			started_at: '2025-03-01T00:00:00Z',
			amount: 12000,
			recurring_interval: 'year',
			canceled_at: '2025-05-02T12:00:00Z',
			ends_at: '2025-05-02T12:00:00Z',
			customer_cancellation_reason: 'too_expensive',
			customer_id: 'c-grace',
		}),
	];

	it('counts each day’s paid orders and revenue in the time zone, with Polar’s totals', () => {
		const { periods, totals } = getMetrics(sources(orders, subscriptions), {
			startDate: '2025-05-01',
			endDate: '2025-05-02',
			interval: 'day',
			timezone: 'Europe/Paris',
		});
		// Paris midnights, as UTC instants.
		expect(periods.map((p) => new Date(p.timestamp).toISOString())).toEqual([
			'2025-04-30T22:00:00.000Z',
			'2025-05-01T22:00:00.000Z',
		]);
		const [may1, may2] = periods.map((p) => p.values);
		expect([may1.orders, may1.revenue, may1.one_time_products]).toEqual([1, 2000, 0]);
		expect([may2.orders, may2.revenue, may2.one_time_products]).toEqual([1, 900, 1]);
		// Net: less Polar's 4 % fee and the refund.
		expect(may1.net_revenue).toBe(2000 - 80 - 500);
		expect(may1.new_subscriptions_revenue).toBe(2000);
		expect([may1.cumulative_revenue, may2.cumulative_revenue]).toEqual([2900, 3800]);
		expect([may1.new_subscriptions, may2.new_subscriptions]).toEqual([1, 0]);
		// sub-2 ends on May 2: active on May 1 only, churned and canceled on May 2.
		expect([may1.active_subscriptions, may2.active_subscriptions]).toEqual([2, 1]);
		expect([may1.monthly_recurring_revenue, may2.monthly_recurring_revenue]).toEqual([3000, 2000]);
		expect(may1.annual_recurring_revenue).toBe(36000);
		expect(may1.average_revenue_per_user).toBe(1500);
		expect([may2.churned_subscriptions, may2.canceled_subscriptions]).toEqual([1, 1]);
		expect(may2.canceled_subscriptions_too_expensive).toBe(1);
		// Sums for flows, the last period for levels, a ratio of sums for averages.
		expect(totals).toMatchObject({
			orders: 2,
			revenue: 2900,
			active_subscriptions: 1,
			monthly_recurring_revenue: 2000,
			cumulative_revenue: 3800,
			average_order_value: 1450,
			canceled_subscriptions: 1,
		});
		expect(Object.keys(totals)).toEqual(METRICS.map((m) => m.slug));
	});

	it('starts weekly periods on the Monday of the start date’s week', () => {
		const { periods } = getMetrics(sources(orders), {
			startDate: '2025-05-01', // a Thursday
			endDate: '2025-05-12',
			interval: 'week',
			timezone: 'UTC',
		});
		expect(periods.map((p) => new Date(p.timestamp).toISOString().slice(0, 10))).toEqual([
			'2025-04-28',
			'2025-05-05',
			'2025-05-12',
		]);
		// The April 20 order is before the range: not counted in the first week.
		expect(periods.map((p) => p.values.orders)).toEqual([2, 0, 0]);
	});

	it('filters by product, billing type and customer', () => {
		const query = {
			startDate: '2025-05-01',
			endDate: '2025-05-02',
			interval: 'month' as const,
			timezone: 'UTC',
		};
		const total = (filters: Json) =>
			getMetrics(sources(orders, subscriptions), { ...query, ...filters }).totals;
		expect(total({ billingTypes: ['one_time'] })).toMatchObject({ orders: 1, revenue: 900 });
		expect(total({ productIds: [MONTHLY.id] })).toMatchObject({ orders: 1, revenue: 2000 });
		expect(total({ customerIds: ['c-grace'] })).toMatchObject({
			orders: 0,
			canceled_subscriptions: 1,
		});
	});

	it('keeps only the metrics asked for, totals over them and their dependencies', () => {
		const { periods, totals, definitions } = getMetrics(sources(orders, subscriptions), {
			startDate: '2025-05-01',
			endDate: '2025-05-01',
			interval: 'day',
			timezone: 'UTC',
			metrics: ['annual_recurring_revenue', 'average_order_value'],
		});
		expect(Object.keys(periods[0].values).sort()).toEqual([
			'annual_recurring_revenue',
			'average_order_value',
		]);
		expect(definitions.map((d) => d.slug)).toEqual([
			'average_order_value',
			'annual_recurring_revenue',
		]);
		// Polar computes the average order value's total from orders and revenue, which were
		// not asked for: 0, as Polar answers.
		expect(totals).toEqual({ average_order_value: 0, annual_recurring_revenue: 36000 });
	});
});

describe('the double’s metrics endpoints', () => {
	let double: PolarDouble;
	beforeAll(async () => {
		double = await startPolarDouble({ tokens: { [DEFAULT_TOKEN]: ['metrics:read'] } });
	});
	afterEach(() => {
		const violations = double.violations.map((v) => v.message);
		double.reset();
		expect(violations).toEqual([]);
	});
	afterAll(async () => await double.close());

	const get = async (path: string) => {
		const response = await fetch(`${double.url}/v1/metrics/${path}`, {
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'polar-version': POLAR_API_VERSION },
		});
		return { status: response.status, text: await response.text(), headers: response.headers };
	};

	it('answers the limits of time_queries.py', async () => {
		const { status, text } = await get('limits');
		expect(status).toBe(200);
		expect(JSON.parse(text)).toEqual({
			min_date: '2023-01-01',
			intervals: {
				hour: { min_days: 0, max_days: 7 },
				day: { min_days: 0, max_days: 366 },
				week: { min_days: 14, max_days: 371 },
				month: { min_days: 60, max_days: 1460 },
				year: { min_days: 366, max_days: 3650 },
			},
		});
	});

	it('refuses a range too long for the interval, and unknown metrics, with 422', async () => {
		const tooLong = await get('?start_date=2025-01-01&end_date=2025-01-09&interval=hour');
		expect(tooLong.status).toBe(422);
		expect(JSON.parse(tooLong.text).detail[0].loc).toEqual(['query']);
		const unknown = await get(
			'?start_date=2025-01-01&end_date=2025-01-02&interval=day&metrics=mrr',
		);
		expect(unknown.status).toBe(422);
		expect(JSON.parse(unknown.text).detail[0]).toMatchObject({
			loc: ['query', 'metrics'],
			msg: 'Invalid metric slugs: mrr',
		});
	});

	it('exports the periods as CSV: Timestamp, then the metrics’ display names', async () => {
		const { status, text, headers } = await get(
			'export?start_date=2025-10-01&end_date=2025-10-02&interval=day&metrics=orders&metrics=revenue&metrics=cashflow',
		);
		expect(status).toBe(200);
		expect(headers.get('content-disposition')).toBe('attachment; filename="polar-metrics.csv"');
		// The seeded e-book order of October 1 (2900 cents).
		expect(text.split('\r\n')).toEqual([
			'Timestamp,Orders,Revenue,Cashflow',
			'2025-10-01T00:00:00+00:00,1,2900,2900.0',
			'2025-10-02T00:00:00+00:00,0,0,0.0',
			'',
		]);
	});
});
