import { paidOrdersByMonth, runMetric, TOKENS, jsonOf, useMetricDouble } from './fixtures';

const polar = useMetricDouble();

const AUTUMN = {
	startDate: '2025-09-01',
	endDate: '2025-11-30',
	interval: 'month',
	metrics: ['orders', 'revenue'],
};
const MONTHS = ['2025-09', '2025-10', '2025-11'];

/** Each month's paid orders and revenue (net amounts), worked out here from the double's orders. */
function expectedMonths() {
	const byMonth = paidOrdersByMonth(polar());
	return MONTHS.map((month) => {
		const orders = byMonth.get(month) ?? [];
		return {
			timestamp: `${month}-01T00:00:00Z`,
			orders: orders.length,
			revenue: orders.reduce((sum, order) => sum + Number(order.net_amount), 0),
		};
	});
}

describe('Metric → Get, in n8n’s engine against the Polar double', () => {
	it('one output item per period, each with the range’s totals, paired to its input', async () => {
		const result = await runMetric(polar(), 'get', { parameters: AUTUMN });
		expect(result.executionError).toBeUndefined();
		const months = expectedMonths();
		const totals = {
			orders: months.reduce((sum, m) => sum + m.orders, 0),
			revenue: months.reduce((sum, m) => sum + m.revenue, 0),
		};
		expect(totals.orders).toBeGreaterThan(1);
		expect(jsonOf(result.success)).toEqual(months.map((month) => ({ ...month, totals })));
		expect(result.success.map((item) => item.pairedItem)).toEqual(months.map(() => ({ item: 0 })));
	});

	it('Output "One Item With the Totals": one item, whatever the number of periods', async () => {
		const result = await runMetric(polar(), 'get', {
			parameters: { ...AUTUMN, interval: 'day', output: 'totals' },
		});
		const months = expectedMonths();
		expect(jsonOf(result.success)).toEqual([
			{
				start_date: '2025-09-01',
				end_date: '2025-11-30',
				interval: 'day',
				timezone: 'UTC',
				orders: months.reduce((sum, m) => sum + m.orders, 0),
				revenue: months.reduce((sum, m) => sum + m.revenue, 0),
			},
		]);
	});

	it('periods are the Timezone’s days: Paris midnights, the orders of each Paris day', async () => {
		const days = ['2025-09-30', '2025-10-01'];
		const parisDay = (at: unknown) =>
			new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(Date.parse(String(at)));
		const paid = [...paidOrdersByMonth(polar()).values()].flat();
		const result = await runMetric(polar(), 'get', {
			parameters: {
				...AUTUMN,
				startDate: days[0],
				endDate: days[1],
				interval: 'day',
				timezone: 'Europe/Paris',
			},
		});
		expect(jsonOf(result.success).map(({ timestamp, orders }) => ({ timestamp, orders }))).toEqual([
			// Paris is two hours ahead of UTC in autumn, until October 26.
			{ timestamp: '2025-09-29T22:00:00Z', orders: 0 },
			{
				timestamp: '2025-09-30T22:00:00Z',
				orders: paid.filter((order) => parisDay(order.created_at) === days[1]).length,
			},
		]);
		expect(result.success[1].json.orders).toBeGreaterThan(0);
	});

	it('sends every filter: time zone, metrics, products, customers, billing types', async () => {
		const product = String(polar().products[0].id);
		const customer = polar().customers[0].id;
		const result = await runMetric(polar(), 'get', {
			parameters: {
				...AUTUMN,
				// Only the date counts, as written.
				startDate: '2025-09-01T23:30:00+02:00',
				timezone: 'Europe/Paris',
				metrics: ['active_subscriptions', 'canceled_subscriptions'],
				filters: {
					productIds: `${product}, ${product.toUpperCase()}`,
					customerIds: customer,
					billingType: ['one_time', 'recurring'],
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(polar().requests[0].queryLists).toEqual({
			start_date: ['2025-09-01'],
			end_date: ['2025-11-30'],
			interval: ['month'],
			timezone: ['Europe/Paris'],
			metrics: ['active_subscriptions', 'canceled_subscriptions'],
			product_id: [product, product.toUpperCase()],
			customer_id: [customer],
			billing_type: ['one_time', 'recurring'],
		});
		expect(Object.keys(result.success[0].json).sort()).toEqual([
			'active_subscriptions',
			'canceled_subscriptions',
			'timestamp',
			'totals',
		]);
	});

	it('refuses, before sending, a range Polar would refuse, naming the field', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[
				{ interval: 'day', startDate: '2025-01-01', endDate: '2026-01-03' },
				'Interval day covers at most 366 days, and Start Date to End Date spans 367 [item 0]',
			],
			[{ endDate: '2025-08-31' }, 'End Date is before Start Date [item 0]'],
			[{ startDate: 'yesterday' }, 'Start Date "yesterday" is not a date [item 0]'],
			[{ endDate: '2025-02-30' }, 'End Date "2025-02-30" is not a date [item 0]'],
			[{ metrics: ['mrr'] }, 'Metrics "mrr" is not a metric Polar has [item 0]'],
			[{ filters: { customerIds: 'ada' } }, 'Filters → Customer IDs "ada"'],
		];
		for (const [parameters, message] of cases) {
			const result = await runMetric(polar(), 'get', { parameters: { ...AUTUMN, ...parameters } });
			expect(result.executionError?.message).toContain(message);
		}
		expect(polar().requests).toHaveLength(0);
	});

	it('names the item whose range is too long, and sends none of the batch', async () => {
		const result = await runMetric(polar(), 'get', {
			items: [{ end: '2025-01-08' }, { end: '2025-01-09' }],
			parameters: {
				...AUTUMN,
				interval: 'hour',
				startDate: '2025-01-01',
				endDate: '={{ $json.end }}',
			},
		});
		expect(result.executionError?.message).toBe(
			'Interval hour covers at most 7 days, and Start Date to End Date spans 8 [item 1]',
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a range of exactly the interval’s longest is sent', async () => {
		const result = await runMetric(polar(), 'get', {
			parameters: { ...AUTUMN, interval: 'hour', startDate: '2025-01-01', endDate: '2025-01-08' },
		});
		expect(result.executionError).toBeUndefined();
		// 8 days of hours.
		expect(result.success).toHaveLength(8 * 24);
	});

	it('a token without metrics:read: Polar’s refusal names the scope', async () => {
		const result = await runMetric(polar(), 'get', {
			parameters: AUTUMN,
			token: TOKENS.ordersOnly,
		});
		expect(result.executionError?.message).toMatch(/metrics:read/);
	});
});
