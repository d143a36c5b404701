import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkRange, INTERVAL_OPTIONS, type TimeInterval } from '../../helpers/dateRange';
import { readIdList } from '../../helpers/idList';
import { TIMEZONES } from '../../helpers/timezones';
import { InputError } from '../../helpers/validation';

/**
 * Polar's metrics by slug, with the names its dashboard shows them by (server/polar/metrics/
 * metrics.py display_name), in Polar's order.
 */
const METRICS: Array<[string, string]> = [
	['active_subscriptions', 'Active Subscriptions'],
	['committed_subscriptions', 'Committed Subscriptions'],
	['monthly_recurring_revenue', 'Monthly Recurring Revenue'],
	['trial_monthly_recurring_revenue', 'Trialing MRR Including Cancelations'],
	['committed_monthly_recurring_revenue', 'Committed Monthly Recurring Revenue'],
	['trial_committed_monthly_recurring_revenue', 'Trialing Monthly Recurring Revenue'],
	['average_revenue_per_user', 'Average Revenue Per User'],
	['checkouts', 'Checkouts'],
	['succeeded_checkouts', 'Succeeded Checkouts'],
	['churned_subscriptions', 'Churned Subscriptions'],
	['churn_rate', 'Churn Rate'],
	['seats_total', 'Seat Count'],
	['seats_claimed', 'Claimed Seats'],
	['seats_pending', 'Pending Seats'],
	['seat_customers', 'Seat Customers'],
	['new_seat_customers', 'New Seat Customers'],
	['churned_seat_customers', 'Churned Seat Customers'],
	['orders', 'Orders'],
	['revenue', 'Revenue'],
	['net_revenue', 'Net Revenue'],
	['cumulative_revenue', 'Cumulative Revenue'],
	['net_cumulative_revenue', 'Net Cumulative Revenue'],
	['costs', 'Costs'],
	['cumulative_costs', 'Cumulative Costs'],
	['average_order_value', 'Average Order Value'],
	['net_average_order_value', 'Net Average Order Value'],
	['cost_per_user', 'Cost Per User'],
	['active_user_by_event', 'Active Users (By Event)'],
	['one_time_products', 'One-Time Products'],
	['one_time_products_revenue', 'One-Time Products Revenue'],
	['one_time_products_net_revenue', 'One-Time Products Net Revenue'],
	['new_subscriptions', 'New Subscriptions'],
	['new_subscriptions_revenue', 'New Subscriptions Revenue'],
	['new_subscriptions_net_revenue', 'New Subscriptions Net Revenue'],
	['renewed_subscriptions', 'Renewed Subscriptions'],
	['renewed_subscriptions_revenue', 'Renewed Subscriptions Revenue'],
	['renewed_subscriptions_net_revenue', 'Renewed Subscriptions Net Revenue'],
	['canceled_subscriptions', 'Canceled Subscriptions'],
	['canceled_subscriptions_customer_service', 'Canceled Subscriptions - Customer Service'],
	['canceled_subscriptions_low_quality', 'Canceled Subscriptions - Low Quality'],
	['canceled_subscriptions_missing_features', 'Canceled Subscriptions - Missing Features'],
	['canceled_subscriptions_switched_service', 'Canceled Subscriptions - Switched Service'],
	['canceled_subscriptions_too_complex', 'Canceled Subscriptions - Too Complex'],
	['canceled_subscriptions_too_expensive', 'Canceled Subscriptions - Too Expensive'],
	['canceled_subscriptions_unused', 'Canceled Subscriptions - Unused'],
	['canceled_subscriptions_other', 'Canceled Subscriptions - Other'],
	['annual_recurring_revenue', 'Annual Recurring Revenue'],
	['committed_annual_recurring_revenue', 'Committed Annual Recurring Revenue'],
	['checkouts_conversion', 'Checkouts Conversion Rate'],
	['ltv', 'Lifetime Value'],
	['gross_margin', 'Gross Margin'],
	['gross_margin_percentage', 'Gross Margin %'],
	['cashflow', 'Cashflow'],
	['average_seats_per_customer', 'Average Seats Per Customer'],
	['seat_utilization_rate', 'Seat Utilization Rate'],
];
const METRIC_SLUGS = METRICS.map(([slug]) => slug);

/** The fields Get and Export share: the range, its periods, the metrics and the filters. */
export function metricQueryFields(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'The first day, in the Timezone. Only the date counts: a time, or an offset, is ignored.',
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'The last day, included, in the Timezone. Only the date counts.',
		},
		{
			displayName: 'Interval',
			name: 'interval',
			type: 'options',
			default: 'day',
			required: true,
			options: INTERVAL_OPTIONS,
			description: `The length of each period: ${what}. A week, month or year period starts at its beginning, before the Start Date if need be.`,
		},
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'options',
			options: TIMEZONES,
			default: 'UTC',
			description: 'Where days, weeks, months and years begin',
		},
		{
			displayName: 'Metrics',
			name: 'metrics',
			type: 'multiOptions',
			options: METRICS.map(([value, name]) => ({ name, value })),
			default: [],
			description:
				'The metrics to get (Polar then computes only those). None chosen: all of them. Amounts are in the currency’s smallest unit (cents for USD).',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Billing Type',
					name: 'billingType',
					type: 'multiOptions',
					default: [],
					options: [
						{
							name: 'One-Time',
							value: 'one_time',
							description: 'One-time purchases',
						},
						{
							name: 'Recurring',
							value: 'recurring',
							description: 'Subscriptions: their creations and renewals',
						},
					],
					description: 'Only the data of products billed this way',
				},
				{
					displayName: 'Customer IDs',
					name: 'customerIds',
					type: 'string',
					default: '',
					placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
					description: 'Only these customers’ data: Polar’s customer IDs, separated by commas',
				},
				{
					displayName: 'Product IDs',
					name: 'productIds',
					type: 'string',
					default: '',
					placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
					description: 'Only these products’ data: Polar’s product IDs, separated by commas',
				},
			],
		},
	];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A date field's day: the date as written in ISO text (n8n's picker gives 2025-05-01T00:00:00),
 * a Luxon DateTime's own date (an expression such as $today.minus({ days: 1 })), or a JS Date's
 * date in the Timezone.
 */
export function readDate(value: unknown, field: string, timezone: string): string {
	if (typeof value === 'object' && value !== null && 'toISODate' in value) {
		value = (value as { toISODate(): string | null }).toISODate() ?? '';
	} else if (value instanceof Date) {
		value = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(value);
	}
	const text = typeof value === 'string' ? value.trim() : '';
	const match = DATE.exec(text);
	const [, year, month, day] = match ?? [];
	const valid =
		match !== null &&
		new Date(Date.UTC(+year, +month - 1, +day)).toISOString().startsWith(match[0]);
	if (!valid) {
		throw new InputError(
			field,
			text ? `"${text}" is not a date` : 'is empty',
			'Use YYYY-MM-DD, e.g. 2025-05-01, or pick a date.',
		);
	}
	return match[0];
}

/** The query of GET /v1/metrics/ and /v1/metrics/export, checked as Polar would. */
export function readMetricQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const timezone = context.getNodeParameter('timezone', itemIndex, 'UTC') as string;
	if (!TIMEZONES.some((zone) => zone.value === timezone)) {
		throw new InputError('Timezone', `"${timezone}" is not a time zone Polar knows`);
	}
	const interval = context.getNodeParameter('interval', itemIndex) as TimeInterval;
	if (!INTERVAL_OPTIONS.some((option) => option.value === interval)) {
		throw new InputError('Interval', `"${String(interval)}" is not hour, day, week, month or year`);
	}
	const startDate = readDate(
		context.getNodeParameter('startDate', itemIndex),
		'Start Date',
		timezone,
	);
	const endDate = readDate(context.getNodeParameter('endDate', itemIndex), 'End Date', timezone);
	// Polar answers zeros before 2023 rather than refusing (endpoints.py checks is_under_limits only).
	checkRange(Date.parse(startDate), Date.parse(endDate), interval, {
		start: 'Start Date',
		end: 'End Date',
		interval: 'Interval',
		refusesBefore2023: false,
	});
	const qs: IDataObject = { start_date: startDate, end_date: endDate, interval, timezone };
	const metrics = context.getNodeParameter('metrics', itemIndex, []) as unknown;
	const slugs = Array.isArray(metrics) ? metrics.map(String) : [];
	const unknown = slugs.find((slug) => !METRIC_SLUGS.includes(slug));
	if (unknown !== undefined)
		throw new InputError('Metrics', `"${unknown}" is not a metric Polar has`);
	if (slugs.length > 0) qs.metrics = slugs;
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const products = readIdList(filters.productIds, 'Filters → Product IDs', true);
	if (products) qs.product_id = products;
	const customers = readIdList(filters.customerIds, 'Filters → Customer IDs', true);
	if (customers) qs.customer_id = customers;
	const billing = (filters.billingType as string[] | undefined) ?? [];
	const odd = billing.find((type) => type !== 'one_time' && type !== 'recurring');
	if (odd !== undefined) {
		throw new InputError('Filters → Billing Type', `"${odd}" is not one_time or recurring`);
	}
	if (billing.length > 0) qs.billing_type = billing;
	return qs;
}
