import type { IDataObject } from 'n8n-workflow';

import { readDateWindow } from '../../helpers/dates';
import { asText, requireUuid } from '../../helpers/validation';
import { exportOperation } from '../common.export';
import { STATUSES } from './getMany.operation';

/** Polar's SubscriptionExportColumn, as its export.py heads them. */
const COLUMNS: Array<[string, string]> = [
	['Amount', 'amount'],
	['Billing Country', 'billing_country'],
	['Billing Interval', 'recurring_interval'],
	['Billing Name', 'billing_name'],
	['Cancellation Reason', 'cancellation_reason'],
	['Canceled At', 'canceled_at'],
	['Cancels At Period End', 'cancel_at_period_end'],
	['Currency', 'currency'],
	['Current Period End', 'current_period_end'],
	['Current Period Start', 'current_period_start'],
	['Customer Name', 'customer_name'],
	['Discount', 'discount'],
	['Email', 'email'],
	['Ended At', 'ended_at'],
	['Ends At', 'ends_at'],
	['Net Amount', 'net_amount'],
	['Product', 'product'],
	['Seats', 'seats'],
	['Started At', 'started_at'],
	['Status', 'status'],
	['Trial End', 'trial_end'],
	['Trial Start', 'trial_start'],
];

function toQuery(filters: IDataObject, zone: string): IDataObject {
	const qs: IDataObject = {};
	const product = asText(filters.productId, 'Filters → Product ID');
	if (product)
		qs.product_id = requireUuid(product, 'Filters → Product ID', 'Copy the ID from Polar.');
	const statuses = (filters.status as string[] | undefined) ?? [];
	if (statuses.length > 0) qs.status = statuses;
	if (typeof filters.cancelAtPeriodEnd === 'boolean')
		qs.cancel_at_period_end = filters.cancelAtPeriodEnd;
	Object.assign(qs, readDateWindow(filters, 'Started', zone));
	const columns = (filters.columns as string[] | undefined) ?? [];
	if (columns.length > 0) qs.columns = columns;
	const timezone = asText(filters.timezone, 'Filters → Time Zone');
	if (timezone) qs.timezone = timezone;
	return qs;
}

/** Subscriptions as Polar's CSV export writes them (polar-subscriptions[-after][-before].csv). */
export const { endpoints, description, prepare, send } = exportOperation({
	resource: 'subscription',
	path: '/v1/subscriptions/export',
	fileName: 'polar-subscriptions.csv',
	filters: [
		{
			displayName: 'Cancels at Period End',
			name: 'cancelAtPeriodEnd',
			type: 'boolean',
			default: true,
			description:
				'Whether to include only subscriptions set to cancel at the period end (on) or only those that are not (off). Without this filter, both.',
		},
		{
			displayName: 'Columns',
			name: 'columns',
			type: 'multiOptions',
			default: [],
			options: COLUMNS.map(([name, value]) => ({ name, value })),
			description:
				'The columns of the CSV, in the order given. Without this filter, Polar’s default: Email, Started At, Product, Amount, Currency, Status and Billing Interval.',
		},
		{
			displayName: 'Product ID',
			name: 'productId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
			description: 'Only subscriptions to this product (Polar’s ID, a UUID)',
		},
		{
			displayName: 'Started After',
			name: 'startedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only subscriptions that started after this time',
		},
		{
			displayName: 'Started Before',
			name: 'startedBefore',
			type: 'dateTime',
			default: '',
			description: 'Only subscriptions that started before this time',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			options: STATUSES,
			description: 'Only subscriptions in one of these statuses',
		},
		{
			displayName: 'Time Zone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/Paris',
			description: 'The IANA time zone of the dates in the CSV. Without this filter, UTC.',
		},
	],
	toQuery,
});
