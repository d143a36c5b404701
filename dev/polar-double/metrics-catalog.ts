// Polar's metrics, as server/polar/metrics/metrics.py (polarsource/polar c6c3645e)
// defines them: slug, display name, type, and how the totals combine the periods
// (get_cumulative: cumulative_sum, cumulative_last, or a ratio of sums), in the order of
// METRICS (METRICS_POSTGRES, METRICS_TINYBIRD, METRICS_POST_COMPUTE, lines 930-1000), which is
// the order of the response's keys and of the export's columns.

export type MetricType = 'scalar' | 'currency' | 'currency_sub_cent' | 'percentage';

export type Period = Record<string, number> & { timestamp?: never };

/** How get_cumulative makes the total of a metric from its periods. */
type Total = 'sum' | 'last' | ((periods: readonly Partial<Period>[]) => number);

export interface MetricDefinition {
	slug: string;
	displayName: string;
	type: MetricType;
	total: Total;
	/** A MetaMetric's dependencies, computed for it even when not asked for. */
	dependencies?: string[];
	/** Python prints its values as floats (0.0): a ratio, or Tinybird's Float64 costs. */
	float?: boolean;
}

const sumOf = (periods: readonly Partial<Period>[], slug: string) =>
	periods.reduce((sum, period) => sum + (period[slug] ?? 0), 0);
const lastOf = (periods: readonly Partial<Period>[], slug: string) =>
	periods.length ? (periods[periods.length - 1][slug] ?? 0) : 0;
const ratio = (numerator: string, denominator: string) => (periods: readonly Partial<Period>[]) => {
	const total = sumOf(periods, denominator);
	return total > 0 ? sumOf(periods, numerator) / total : 0;
};

const metric = (
	slug: string,
	displayName: string,
	type: MetricType,
	total: Total,
	extra: Partial<MetricDefinition> = {},
): MetricDefinition => ({ slug, displayName, type, total, ...extra });

const CANCELLATION_REASONS: Array<[string, string]> = [
	['customer_service', 'Customer Service'],
	['low_quality', 'Low Quality'],
	['missing_features', 'Missing Features'],
	['switched_service', 'Switched Service'],
	['too_complex', 'Too Complex'],
	['too_expensive', 'Too Expensive'],
	['unused', 'Unused'],
	['other', 'Other'],
];
export const CANCELLATION_REASON_SLUGS = CANCELLATION_REASONS.map(([reason]) => reason);

export const METRICS: MetricDefinition[] = [
	// METRICS_POSTGRES
	metric('active_subscriptions', 'Active Subscriptions', 'scalar', 'last'),
	metric('committed_subscriptions', 'Committed Subscriptions', 'scalar', 'last'),
	metric('monthly_recurring_revenue', 'Monthly Recurring Revenue', 'currency', 'last'),
	metric(
		'trial_monthly_recurring_revenue',
		'Trialing MRR Including Cancelations',
		'currency',
		'last',
	),
	metric(
		'committed_monthly_recurring_revenue',
		'Committed Monthly Recurring Revenue',
		'currency',
		'last',
	),
	metric(
		'trial_committed_monthly_recurring_revenue',
		'Trialing Monthly Recurring Revenue',
		'currency',
		'last',
	),
	metric('average_revenue_per_user', 'Average Revenue Per User', 'currency', 'last'),
	metric('checkouts', 'Checkouts', 'scalar', 'sum'),
	metric('succeeded_checkouts', 'Succeeded Checkouts', 'scalar', 'sum'),
	metric('churned_subscriptions', 'Churned Subscriptions', 'scalar', 'sum'),
	metric('churn_rate', 'Churn Rate', 'percentage', 'last', { float: true }),
	metric('seats_total', 'Seat Count', 'scalar', 'last'),
	metric('seats_claimed', 'Claimed Seats', 'scalar', 'last'),
	metric('seats_pending', 'Pending Seats', 'scalar', 'last'),
	metric('seat_customers', 'Active Customers', 'scalar', 'last'),
	metric('new_seat_customers', 'New Customers', 'scalar', 'sum'),
	metric('churned_seat_customers', 'Churned Customers', 'scalar', 'sum'),
	// METRICS_TINYBIRD
	metric('orders', 'Orders', 'scalar', 'sum'),
	metric('revenue', 'Revenue', 'currency', 'sum'),
	metric('net_revenue', 'Net Revenue', 'currency', 'sum'),
	metric('cumulative_revenue', 'Cumulative Revenue', 'currency', 'last'),
	metric('net_cumulative_revenue', 'Net Cumulative Revenue', 'currency', 'last'),
	metric('costs', 'Costs', 'currency_sub_cent', 'sum', { float: true }),
	metric('cumulative_costs', 'Cumulative Costs', 'currency_sub_cent', 'last', { float: true }),
	metric('average_order_value', 'Average Order Value', 'currency', ratio('revenue', 'orders')),
	metric(
		'net_average_order_value',
		'Net Average Order Value',
		'currency',
		ratio('net_revenue', 'orders'),
	),
	metric('cost_per_user', 'Cost Per User', 'currency_sub_cent', (periods) => {
		const users = lastOf(periods, 'active_subscriptions');
		return users > 0 ? sumOf(periods, 'costs') / users : 0;
	}),
	metric('active_user_by_event', 'Active User (By event)', 'scalar', (periods) =>
		Math.trunc(lastOf(periods, 'active_subscriptions')),
	),
	metric('one_time_products', 'One-Time Products', 'scalar', 'sum'),
	metric('one_time_products_revenue', 'One-Time Products Revenue', 'currency', 'sum'),
	metric('one_time_products_net_revenue', 'One-Time Products Net Revenue', 'currency', 'sum'),
	metric('new_subscriptions', 'New Subscriptions', 'scalar', 'sum'),
	metric('new_subscriptions_revenue', 'New Subscriptions Revenue', 'currency', 'sum'),
	metric('new_subscriptions_net_revenue', 'New Subscriptions Net Revenue', 'currency', 'sum'),
	metric('renewed_subscriptions', 'Renewed Subscriptions', 'scalar', 'sum'),
	metric('renewed_subscriptions_revenue', 'Renewed Subscriptions Revenue', 'currency', 'sum'),
	metric(
		'renewed_subscriptions_net_revenue',
		'Renewed Subscriptions Net Revenue',
		'currency',
		'sum',
	),
	metric('canceled_subscriptions', 'Canceled Subscriptions', 'scalar', 'sum'),
	...CANCELLATION_REASONS.map(([reason, label]) =>
		metric(
			`canceled_subscriptions_${reason}`,
			`Canceled Subscriptions - ${label}`,
			'scalar',
			'sum',
		),
	),
	// METRICS_POST_COMPUTE
	metric('annual_recurring_revenue', 'Annual Recurring Revenue', 'currency', 'last', {
		dependencies: ['monthly_recurring_revenue'],
	}),
	metric(
		'committed_annual_recurring_revenue',
		'Committed Annual Recurring Revenue',
		'currency',
		'last',
		{ dependencies: ['committed_monthly_recurring_revenue'] },
	),
	metric(
		'checkouts_conversion',
		'Checkouts Conversion Rate',
		'percentage',
		ratio('succeeded_checkouts', 'checkouts'),
		{ dependencies: ['checkouts', 'succeeded_checkouts'], float: true },
	),
	metric('ltv', 'Lifetime Value', 'currency', (periods) => Math.trunc(lastOf(periods, 'ltv')), {
		dependencies: ['average_revenue_per_user', 'cost_per_user', 'churn_rate'],
	}),
	metric('gross_margin', 'Gross Margin', 'currency', 'last', {
		dependencies: ['cumulative_revenue', 'cumulative_costs'],
		float: true,
	}),
	metric('gross_margin_percentage', 'Gross Margin %', 'percentage', 'last', {
		dependencies: ['cumulative_revenue', 'cumulative_costs'],
		float: true,
	}),
	metric('cashflow', 'Cashflow', 'currency', 'sum', {
		dependencies: ['revenue', 'costs'],
		float: true,
	}),
	metric('average_seats_per_customer', 'Average Seats per Customer', 'scalar', 'last', {
		dependencies: ['seats_total', 'seat_customers'],
		float: true,
	}),
	metric('seat_utilization_rate', 'Seat Utilization Rate', 'percentage', 'last', {
		dependencies: ['seats_claimed', 'seats_total'],
		float: true,
	}),
];

export const METRIC_SLUGS = METRICS.map((m) => m.slug);

/** get_cumulative of `definition` over the periods (as filtered to the metrics resolved). */
export function totalOf(definition: MetricDefinition, periods: readonly Partial<Period>[]): number {
	const { total, slug } = definition;
	if (total === 'sum') return sumOf(periods, slug);
	if (total === 'last') return lastOf(periods, slug);
	return total(periods);
}
