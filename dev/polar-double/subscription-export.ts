// GET /v1/subscriptions/export as Polar's server writes it (polarsource/polar c6c3645e,
// server/polar/subscription/endpoints.py 162-226; export.py: SubscriptionExportColumn, the
// headers, the default columns, _row, get_filename, generate_csv over service.list 423-525):
// product, status, cancel-at-period-end and started-at filters (started_* exclusive), Polar's
// list order (most recently started first), the columns asked for in order.
// net_amount is a column of Polar's model outside the API's schema (the amount net of inclusive
// tax); the double charges no tax, so it equals the amount.

import { csvResponse, pythonFloat, pythonIso, type CsvValue } from './csv';
import { queryValues } from './orders';
import { polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';
import type { RecordedRequest } from './server';
import type { SubscriptionStore } from './subscriptions';

type Json = Record<string, unknown>;

const date = (value: unknown) => (value ? pythonIso(String(value)) : null);
const customerOf = (s: Json) => s.customer as Json;

/** export.py SUBSCRIPTION_EXPORT_HEADERS and _row. */
export const SUBSCRIPTION_EXPORT_COLUMNS: Record<string, [string, (s: Json) => CsvValue]> = {
	email: ['Email', (s) => customerOf(s).email as string | null],
	started_at: ['Started At', (s) => date(s.started_at)],
	product: ['Product', (s) => (s.product as Json).name as string],
	amount: ['Amount', (s) => pythonFloat(Number(s.amount) / 100)],
	currency: ['Currency', (s) => s.currency as string],
	status: ['Status', (s) => s.status as string],
	recurring_interval: [
		'Billing Interval',
		(s) =>
			Number(s.recurring_interval_count) === 1
				? String(s.recurring_interval)
				: `${s.recurring_interval_count} ${s.recurring_interval}s`,
	],
	customer_name: ['Customer Name', (s) => customerOf(s).name as string | null],
	billing_name: ['Billing Name', (s) => customerOf(s).billing_name as string | null],
	billing_country: [
		'Billing Country',
		(s) => ((customerOf(s).billing_address as Json | null)?.country as string | undefined) ?? null,
	],
	net_amount: ['Net Amount', (s) => pythonFloat(Number(s.amount) / 100)],
	discount: [
		'Discount',
		(s) => {
			const discount = s.discount as Json | null;
			return discount ? ((discount.code as string | null) ?? (discount.name as string)) : null;
		},
	],
	seats: ['Seats', (s) => s.seats as number | null],
	current_period_start: ['Current Period Start', (s) => date(s.current_period_start)],
	current_period_end: ['Current Period End', (s) => date(s.current_period_end)],
	cancel_at_period_end: [
		'Cancels At Period End',
		(s) => (s.cancel_at_period_end ? 'true' : 'false'),
	],
	canceled_at: ['Canceled At', (s) => date(s.canceled_at)],
	ends_at: ['Ends At', (s) => date(s.ends_at)],
	ended_at: ['Ended At', (s) => date(s.ended_at)],
	cancellation_reason: [
		'Cancellation Reason',
		(s) => s.customer_cancellation_reason as string | null,
	],
	trial_start: ['Trial Start', (s) => date(s.trial_start)],
	trial_end: ['Trial End', (s) => date(s.trial_end)],
};

export const SUBSCRIPTION_EXPORT_DEFAULT_COLUMNS = [
	'email',
	'started_at',
	'product',
	'amount',
	'currency',
	'status',
	'recurring_interval',
];

function exportSubscriptions(store: SubscriptionStore, request: RecordedRequest): CannedResponse {
	const columns = queryValues(request, 'columns') ?? SUBSCRIPTION_EXPORT_DEFAULT_COLUMNS;
	const timezone = request.query.timezone ?? 'UTC';
	if (timezone !== 'UTC') {
		// The double renders dates in UTC only; Polar accepts any IANA zone.
		return polarErrors.validation([
			{
				loc: ['query', 'timezone'],
				msg: 'The double renders UTC only',
				type: 'value_error',
				input: timezone,
			},
		]);
	}
	const anyOf = (name: string, value: unknown) => {
		const wanted = queryValues(request, name);
		return wanted === undefined || wanted.includes(String(value));
	};
	const flag = request.query.cancel_at_period_end;
	const time = (value: unknown) => new Date(String(value)).getTime();
	const after = request.query.started_after;
	const before = request.query.started_before;
	const rows = store.subscriptions
		.filter(
			(s) =>
				s.started_at !== null &&
				anyOf('product_id', s.product_id) &&
				anyOf('status', s.status) &&
				(flag === undefined || s.cancel_at_period_end === (flag === 'true')) &&
				(!after || time(s.started_at) > time(after)) &&
				(!before || time(s.started_at) < time(before)),
		)
		.sort((a, b) => time(b.started_at) - time(a.started_at));
	let fileName = 'polar-subscriptions';
	for (const bound of [after, before]) {
		if (bound) fileName += `-${new Date(bound).toISOString().slice(0, 10)}`;
	}
	return csvResponse(`${fileName}.csv`, [
		columns.map((column) => SUBSCRIPTION_EXPORT_COLUMNS[column][0]),
		...rows.map((s) => columns.map((column) => SUBSCRIPTION_EXPORT_COLUMNS[column][1](s))),
	]);
}

/** GET /v1/subscriptions/export; listed before /v1/subscriptions/{id}, which would take it for an ID. */
export function subscriptionExportRoute(store: SubscriptionStore): Route {
	return {
		method: 'GET',
		template: '/v1/subscriptions/export',
		scopes: ['subscriptions:read', 'subscriptions:write'],
		answer: (request) => exportSubscriptions(store, request),
	};
}
