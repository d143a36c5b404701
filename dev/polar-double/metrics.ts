// GET /v1/metrics/, /v1/metrics/export and /v1/metrics/limits, modelled on Polar's server
// (polarsource/polar c6c3645e):
// - server/polar/metrics/endpoints.py 52-149 (get: unknown slugs 422 at ('query', 'metrics'),
//   is_under_limits 422 at ('query',); response_model_exclude_none), 152-256 (export: the CSV's
//   "Timestamp" column then each metric's display name, in METRICS order; polar-metrics.csv),
//   259-273 (limits: MIN_DATE and each interval's min and max days);
// - server/polar/kit/time_queries.py 46-71 (MIN_DATE, MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS,
//   is_under_limits: start ≤ end and at most the interval's days apart);
// - server/polar/metrics/service.py 194-379 (get_metrics: start_date 00:00 to end_date
//   23:59:59.999999 in the time zone; the first period truncated to the week's Monday, the
//   month's or the year's first day; one period per step of generate_series; the `metrics`
//   filter keeps the slugs asked for, totals computed over the metrics resolved with their
//   dependencies), and metrics.py (get_cumulative: sums, last values, ratios);
// - server/polar/metrics/queries.py 132-345 (active subscriptions: started by the period,
//   not ended by it; monthly amounts by recurring interval; trials), 507-568 (churned: ended
//   in the period); server/tinybird/endpoints/metrics_events.pipe (orders and revenue by the
//   paid time, one-time vs subscription orders, new subscriptions: started in the period and
//   not ended in it) and metrics_cancellations.pipe (canceled_at, by reason).
// What the double computes, per period in the time zone: orders, revenue, net revenue (less
// Polar's fee and refunds), cumulative revenue (everything paid before the period's end),
// average order values, one-time products, new and renewed subscription revenue, new,
// active, committed, churned and canceled subscriptions (by reason), MRR (trial, committed),
// ARPU and ARR. An order's paid time is its created_at (the double's orders have no other),
// and its revenue its net_amount (no balance, no currency conversion: everything is USD).
// Checkouts, seats, costs and churn rate come from data the double does not keep: 0, as
// Polar answers an organization without any.

import { csvResponse, type CsvValue } from './csv';
import {
	CANCELLATION_REASON_SLUGS,
	METRICS,
	METRIC_SLUGS,
	totalOf,
	type MetricDefinition,
	type Period,
} from './metrics-catalog';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';
import type { RecordedRequest } from './server';
import { addInterval, midnightOf, truncate, type TimeInterval } from './zoned-time';

type Json = Record<string, unknown>;

/** time_queries.py MIN_DATE, MAX_INTERVAL_DAYS, MIN_INTERVAL_DAYS. */
export const MIN_DATE = '2023-01-01';
export const MAX_INTERVAL_DAYS: Record<TimeInterval, number> = {
	hour: 7,
	day: 366,
	week: 7 * 53,
	month: 365 * 4,
	year: 365 * 10,
};
const MIN_INTERVAL_DAYS: Record<TimeInterval, number> = {
	hour: 0,
	day: 0,
	week: 14,
	month: 60,
	year: 366,
};
const INTERVALS = Object.keys(MAX_INTERVAL_DAYS) as TimeInterval[];
const DAY = 86_400_000;
const PAID = ['paid', 'refunded', 'partially_refunded'];

export interface MetricSources {
	orders: () => readonly Json[];
	subscriptions: () => readonly Json[];
}

interface MetricsQuery {
	startDate: string;
	endDate: string;
	interval: TimeInterval;
	timezone: string;
	productIds?: string[];
	billingTypes?: string[];
	customerIds?: string[];
	metrics?: string[];
}

const invalid = (loc: string[], msg: string, type: string, input: unknown) =>
	polarErrors.validation([{ loc, msg, type, input }]);

const isDate = (value: string | undefined): value is string =>
	/^\d{4}-\d{2}-\d{2}$/.test(value ?? '') &&
	new Date(`${value}T00:00:00Z`).toISOString().startsWith(value as string);

/** The query as FastAPI reads it, or its 422. */
function readQuery(request: RecordedRequest): MetricsQuery | CannedResponse {
	const { query, queryLists } = request;
	for (const name of ['start_date', 'end_date']) {
		if (!isDate(query[name])) {
			return invalid(
				['query', name],
				'Input should be a valid date or datetime, input is too short',
				'date_from_datetime_parsing',
				query[name],
			);
		}
	}
	const interval = query.interval as TimeInterval;
	if (!INTERVALS.includes(interval)) {
		return invalid(
			['query', 'interval'],
			"Input should be 'year', 'month', 'week', 'day' or 'hour'",
			'enum',
			query.interval,
		);
	}
	const metrics = queryLists.metrics;
	const unknown = (metrics ?? []).filter((slug) => !METRIC_SLUGS.includes(slug));
	if (unknown.length) {
		return invalid(
			['query', 'metrics'],
			`Invalid metric slugs: ${[...new Set(unknown)].sort().join(', ')}`,
			'value_error',
			metrics,
		);
	}
	const startDate = query.start_date;
	const endDate = query.end_date;
	const days = (Date.parse(endDate) - Date.parse(startDate)) / DAY;
	if (days < 0 || days > MAX_INTERVAL_DAYS[interval]) {
		return invalid(
			['query'],
			'The interval is too small for the given date range. Use a larger interval or reduce the date range.',
			'value_error',
			[startDate, endDate, interval],
		);
	}
	const lower = (values: string[] | undefined) => values?.map((v) => v.toLowerCase());
	return {
		startDate,
		endDate,
		interval,
		timezone: query.timezone ?? 'UTC',
		productIds: lower(queryLists.product_id),
		billingTypes: queryLists.billing_type,
		customerIds: lower(queryLists.customer_id),
		metrics,
	};
}

/** The first period's start: start_date's midnight, back to its week's Monday, month, year. */
function seriesStart(query: MetricsQuery): number {
	const [year, month, day] = query.startDate.split('-').map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	if (query.interval === 'week') date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
	if (query.interval === 'month' || query.interval === 'year') date.setUTCDate(1);
	if (query.interval === 'year') date.setUTCMonth(0);
	return midnightOf(date.toISOString().slice(0, 10), query.timezone);
}

const time = (value: unknown): number | null => (value ? Date.parse(String(value)) : null);

/** Polar's monthly amount of a subscription (queries.py monthly_amount; no tax in the double). */
function monthlyAmount(subscription: Json): number {
	const amount = Number(subscription.amount ?? 0);
	const count = Number(subscription.recurring_interval_count ?? 1);
	switch (subscription.recurring_interval) {
		case 'year':
			return Math.round(amount / (12 * count));
		case 'week':
			return Math.round((amount * 52) / (12 * count));
		case 'day':
			return Math.round((amount * 365) / (12 * count));
		default:
			return Math.round(amount / count);
	}
}

/** Every metric of each period, computed from the double's orders and subscriptions. */
function computePeriods(sources: MetricSources, query: MetricsQuery) {
	const { interval, timezone } = query;
	// date_trunc in the time zone, as a number that sorts as the periods do.
	const bucket = (instant: number) => {
		const [year, month, day, hour] = truncate(instant, interval, timezone)
			.split(/[-T]/)
			.map(Number);
		return ((year * 100 + month) * 100 + day) * 100 + hour;
	};
	const boundsStart = midnightOf(query.startDate, timezone);
	const boundsEnd = addInterval(midnightOf(query.endDate, timezone), 'day', timezone) - 1; // 23:59:59.999…
	const inBounds = (instant: number | null): instant is number =>
		instant !== null && instant >= boundsStart && instant <= boundsEnd;
	const anyOf = (wanted: string[] | undefined, value: unknown) =>
		wanted === undefined || wanted.includes(String(value).toLowerCase());

	const orders = sources
		.orders()
		.filter(
			(o) =>
				PAID.includes(String(o.status)) &&
				anyOf(query.productIds, o.product_id) &&
				anyOf(
					query.billingTypes,
					(o.product as Json | undefined)?.is_recurring ? 'recurring' : 'one_time',
				) &&
				anyOf(query.customerIds, o.customer_id),
		);
	// Subscriptions are recurring products: billing_type one_time leaves none.
	const subscriptions = sources
		.subscriptions()
		.filter(
			(s) =>
				anyOf(query.productIds, s.product_id) &&
				anyOf(query.billingTypes, 'recurring') &&
				anyOf(query.customerIds, s.customer_id),
		);
	const startedAt = new Map(subscriptions.map((s) => [String(s.id), time(s.started_at)]));
	const endedOrEnds = (s: Json) => time(s.ended_at ?? s.ends_at);
	const revenueOf = (o: Json) => Number(o.net_amount);
	const netRevenueOf = (o: Json) =>
		Number(o.net_amount) - Number(o.platform_fee_amount ?? 0) - Number(o.refunded_amount ?? 0);
	const sum = (list: readonly Json[], of: (o: Json) => number) =>
		list.reduce((total, o) => total + of(o), 0);

	const periods: Array<{ timestamp: number; values: Period }> = [];
	const end = boundsEnd;
	for (let at = seriesStart(query); at <= end; at = addInterval(at, interval, timezone)) {
		const key = bucket(at);
		const next = addInterval(at, interval, timezone);
		const paid = orders.filter(
			(o) => inBounds(time(o.created_at)) && bucket(time(o.created_at)!) === key,
		);
		const subscriptionOrders = paid.filter((o) => o.subscription_id);
		const isNew = (o: Json) => {
			const started = startedAt.get(String(o.subscription_id));
			return started != null && bucket(started) === key;
		};
		const newOrders = subscriptionOrders.filter(isNew);
		const renewals = subscriptionOrders.filter((o) => !isNew(o));
		const oneTime = paid.filter((o) => !o.subscription_id);
		const paidUpTo = orders.filter((o) => time(o.created_at)! <= Math.min(next - 1, end));

		const active = subscriptions.filter((s) => {
			const started = time(s.started_at);
			const ends = endedOrEnds(s);
			return (
				(started === null || (bucket(started) <= key && started <= end)) &&
				(ends === null || (bucket(ends) > key && ends >= boundsStart))
			);
		});
		const committed = active.filter((s) => endedOrEnds(s) === null);
		const inTrial = (s: Json) => s.trial_end != null && time(s.trial_end)! >= next;
		const mrrOf = (list: Json[]) =>
			list.filter((s) => !inTrial(s)).reduce((total, s) => total + monthlyAmount(s), 0);
		const trialMrrOf = (list: Json[]) =>
			list.filter(inTrial).reduce((total, s) => total + monthlyAmount(s), 0);
		const mrr = mrrOf(active);
		const activeCustomers = new Set(active.map((s) => s.customer_id)).size;
		const canceled = subscriptions.filter(
			(s) => inBounds(time(s.canceled_at)) && bucket(time(s.canceled_at)!) === key,
		);
		const startedHere = subscriptions.filter(
			(s) => inBounds(time(s.started_at)) && bucket(time(s.started_at)!) === key,
		);

		const values: Period = Object.fromEntries(METRICS.map((m) => [m.slug, 0])) as Period;
		Object.assign(values, {
			active_subscriptions: active.length,
			committed_subscriptions: committed.length,
			monthly_recurring_revenue: mrr,
			trial_monthly_recurring_revenue: trialMrrOf(active),
			committed_monthly_recurring_revenue: mrrOf(committed),
			trial_committed_monthly_recurring_revenue: trialMrrOf(committed),
			average_revenue_per_user: activeCustomers ? Math.round(mrr / activeCustomers) : 0,
			churned_subscriptions: subscriptions.filter((s) => {
				const ends = endedOrEnds(s);
				return inBounds(ends) && bucket(ends) === key;
			}).length,
			orders: paid.length,
			revenue: sum(paid, revenueOf),
			net_revenue: sum(paid, netRevenueOf),
			cumulative_revenue: sum(paidUpTo, revenueOf),
			net_cumulative_revenue: sum(paidUpTo, netRevenueOf),
			average_order_value: paid.length ? Math.ceil(sum(paid, revenueOf) / paid.length) : 0,
			net_average_order_value: paid.length ? Math.ceil(sum(paid, netRevenueOf) / paid.length) : 0,
			one_time_products: oneTime.length,
			one_time_products_revenue: sum(oneTime, revenueOf),
			one_time_products_net_revenue: sum(oneTime, netRevenueOf),
			new_subscriptions: startedHere.filter((s) => {
				const ends = endedOrEnds(s);
				return ends === null || bucket(ends) !== key;
			}).length,
			new_subscriptions_revenue: sum(newOrders, revenueOf),
			new_subscriptions_net_revenue: sum(newOrders, netRevenueOf),
			renewed_subscriptions: new Set(renewals.map((o) => o.subscription_id)).size,
			renewed_subscriptions_revenue: sum(renewals, revenueOf),
			renewed_subscriptions_net_revenue: sum(renewals, netRevenueOf),
			canceled_subscriptions: canceled.length,
			...Object.fromEntries(
				CANCELLATION_REASON_SLUGS.map((reason) => [
					`canceled_subscriptions_${reason}`,
					canceled.filter((s) => s.customer_cancellation_reason === reason).length,
				]),
			),
		});
		// The post-computed metrics (METRICS_POST_COMPUTE's compute_from_period).
		values.annual_recurring_revenue = values.monthly_recurring_revenue * 12;
		values.committed_annual_recurring_revenue = values.committed_monthly_recurring_revenue * 12;
		values.gross_margin = values.cumulative_revenue - values.cumulative_costs;
		values.gross_margin_percentage =
			values.cumulative_revenue > 0 ? values.gross_margin / values.cumulative_revenue : 0;
		values.cashflow = values.revenue - values.costs;
		periods.push({ timestamp: at, values });
	}
	return periods;
}

/** The slugs a `metrics` filter resolves to: those asked for and their dependencies. */
function resolve(slugs: readonly string[]): Set<string> {
	const resolved = new Set<string>();
	const visit = (slug: string) => {
		if (resolved.has(slug)) return;
		resolved.add(slug);
		for (const dependency of METRICS.find((m) => m.slug === slug)?.dependencies ?? [])
			visit(dependency);
	};
	slugs.forEach(visit);
	return resolved;
}

const pick = (values: Period, slugs: Set<string>): Partial<Period> =>
	Object.fromEntries(Object.entries(values).filter(([slug]) => slugs.has(slug)));

/** service.get_metrics: the periods, the totals and the metrics' descriptions. */
export function getMetrics(sources: MetricSources, query: MetricsQuery) {
	const computed = computePeriods(sources, query);
	const requested = query.metrics ? new Set(query.metrics) : new Set(METRIC_SLUGS);
	const resolved = query.metrics ? resolve(query.metrics) : requested;
	const resolvedPeriods = computed.map(({ values }) => pick(values, resolved));
	const definitions = METRICS.filter((m) => requested.has(m.slug));
	return {
		definitions,
		periods: computed.map(({ timestamp, values }) => ({
			timestamp,
			values: pick(values, requested),
		})),
		totals: Object.fromEntries(definitions.map((m) => [m.slug, totalOf(m, resolvedPeriods)])),
	};
}

/** Pydantic's JSON of an aware UTC datetime: ISO 8601 with Z. */
const jsonTimestamp = (instant: number) => new Date(instant).toISOString().replace('.000Z', 'Z');
/** Python's datetime.isoformat() of a UTC datetime, as the export writes the Timestamp column. */
const csvTimestamp = (instant: number) =>
	new Date(instant).toISOString().replace('.000Z', '+00:00');
/** Python's str() of the value: floats keep their ".0". */
const csvNumber = (definition: MetricDefinition, value: number | undefined): CsvValue => {
	if (value === undefined) return null;
	return definition.float && Number.isInteger(value) ? `${value}.0` : value;
};

function answerMetrics(sources: MetricSources, request: RecordedRequest): CannedResponse {
	const query = readQuery(request);
	if ('status' in query) return query;
	const { definitions, periods, totals } = getMetrics(sources, query);
	return jsonResponse(200, {
		periods: periods.map(({ timestamp, values }) => ({
			timestamp: jsonTimestamp(timestamp),
			...values,
		})),
		totals,
		metrics: Object.fromEntries(
			definitions.map((m) => [m.slug, { slug: m.slug, display_name: m.displayName, type: m.type }]),
		),
	});
}

function exportMetrics(sources: MetricSources, request: RecordedRequest): CannedResponse {
	const query = readQuery(request);
	if ('status' in query) return query;
	const { definitions, periods } = getMetrics(sources, query);
	return csvResponse('polar-metrics.csv', [
		['Timestamp', ...definitions.map((m) => m.displayName)],
		...periods.map(({ timestamp, values }) => [
			csvTimestamp(timestamp),
			...definitions.map((m) => csvNumber(m, values[m.slug])),
		]),
	]);
}

// auth.py MetricsRead: metrics:read only (metrics:write is the dashboards').
const METRICS_READ_SCOPES = ['metrics:read'];

/** The metrics endpoints; /export and /limits are matched before nothing else under /v1/metrics/. */
export function metricRoutes(sources: MetricSources): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/metrics/',
			scopes: METRICS_READ_SCOPES,
			answer: (request) => answerMetrics(sources, request),
		},
		{
			method: 'GET',
			template: '/v1/metrics/export',
			scopes: METRICS_READ_SCOPES,
			answer: (request) => exportMetrics(sources, request),
		},
		{
			method: 'GET',
			template: '/v1/metrics/limits',
			scopes: METRICS_READ_SCOPES,
			answer: () =>
				jsonResponse(200, {
					min_date: MIN_DATE,
					intervals: Object.fromEntries(
						INTERVALS.map((interval) => [
							interval,
							{
								min_days: MIN_INTERVAL_DAYS[interval],
								max_days: MAX_INTERVAL_DAYS[interval],
							},
						]),
					),
				}),
		},
	];
}
