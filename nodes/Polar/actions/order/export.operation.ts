import type { IDataObject } from 'n8n-workflow';

import { readDateWindow } from '../../helpers/dates';
import { asText, requireUuid } from '../../helpers/validation';
import { exportOperation } from '../common.export';
import { ORDER_STATUS_OPTIONS } from './fields';

/** Polar's OrderExportColumn, as its export.py heads them. */
const COLUMNS: Array<[string, string]> = [
	['Billing Country', 'billing_country'],
	['Billing Name', 'billing_name'],
	['Billing Reason', 'billing_reason'],
	['Created At', 'created_at'],
	['Currency', 'currency'],
	['Customer Name', 'customer_name'],
	['Discount', 'discount_amount'],
	['Email', 'email'],
	['Invoice Number', 'invoice_number'],
	['Net Amount', 'net_amount'],
	['Product', 'product'],
	['Refunded Amount', 'refunded_amount'],
	['Status', 'status'],
	['Subtotal', 'subtotal_amount'],
	['Tax', 'tax_amount'],
	['Total', 'total_amount'],
];

function toQuery(filters: IDataObject, zone: string): IDataObject {
	const qs: IDataObject = {};
	const product = asText(filters.productId, 'Filters → Product ID');
	if (product)
		qs.product_id = requireUuid(product, 'Filters → Product ID', 'Copy the ID from Polar.');
	const statuses = (filters.status as string[] | undefined) ?? [];
	if (statuses.length > 0) qs.status = statuses;
	Object.assign(qs, readDateWindow(filters, 'Created', zone));
	const columns = (filters.columns as string[] | undefined) ?? [];
	if (columns.length > 0) qs.columns = columns;
	const timezone = asText(filters.timezone, 'Filters → Time Zone');
	if (timezone) qs.timezone = timezone;
	return qs;
}

/** Orders as Polar's CSV export writes them (polar-orders[-after][-before].csv). */
export const { endpoints, description, prepare, send } = exportOperation({
	resource: 'order',
	path: '/v1/orders/export',
	fileName: 'polar-orders.csv',
	filters: [
		{
			displayName: 'Columns',
			name: 'columns',
			type: 'multiOptions',
			default: [],
			options: COLUMNS.map(([name, value]) => ({ name, value })),
			description:
				'The columns of the CSV, in the order given. Without this filter, Polar’s default: Email, Created At, Product, Net Amount, Currency, Status and Invoice Number.',
		},
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only orders created after this time',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Only orders created before this time',
		},
		{
			displayName: 'Product ID',
			name: 'productId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
			description: 'Only orders of this product (Polar’s ID, a UUID)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			options: ORDER_STATUS_OPTIONS,
			description: 'Only orders in one of these statuses',
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
