import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readDateWindow } from '../../helpers/dates';
import { metadataField } from '../../helpers/metadata';
import { asText, InputError, requireUuid } from '../../helpers/validation';
import { getManyOperation, metadataQuery, type GetManyInput } from '../common.getMany';
import { ORDER_STATUS_OPTIONS } from './fields';

const uuidFilter = (displayName: string, name: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
	description: `Only orders of this ${what} (Polar’s ID, a UUID)`,
});

/** Polar's list query for the filters; the IDs checked before sending. */
function toQuery(filters: IDataObject, zone: string): IDataObject {
	const qs: IDataObject = {};
	const ids: Array<[string, string, string]> = [
		['checkoutId', 'checkout_id', 'Checkout ID'],
		['customerId', 'customer_id', 'Customer ID'],
		['discountId', 'discount_id', 'Discount ID'],
		['productId', 'product_id', 'Product ID'],
		['subscriptionId', 'subscription_id', 'Subscription ID'],
	];
	for (const [ours, polar, label] of ids) {
		const text = asText(filters[ours], `Filters → ${label}`);
		if (text) qs[polar] = requireUuid(text, `Filters → ${label}`, 'Copy the ID from Polar.');
	}
	const externalId = asText(filters.externalCustomerId, 'Filters → External Customer ID');
	if (externalId) qs.external_customer_id = externalId;
	if (filters.billingType) qs.product_billing_type = filters.billingType;
	const statuses = (filters.status as string[] | undefined) ?? [];
	if (statuses.length > 0) qs.status = statuses;
	Object.assign(qs, readDateWindow(filters, 'Created', zone));
	return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
}

const list = getManyOperation({
	resource: 'order',
	path: '/v1/orders/',
	filters: [
		{
			displayName: 'Billing Type',
			name: 'billingType',
			type: 'options',
			default: 'recurring',
			options: [
				{ name: 'One-Time', value: 'one_time', description: 'Only one-time purchases' },
				{
					name: 'Recurring',
					value: 'recurring',
					description: 'Only subscription creations and renewals',
				},
			],
			description: 'Only orders of subscriptions, or only one-time purchases',
		},
		uuidFilter('Checkout ID', 'checkoutId', 'checkout'),
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
		uuidFilter('Customer ID', 'customerId', 'customer'),
		uuidFilter('Discount ID', 'discountId', 'discount'),
		{
			displayName: 'External Customer ID',
			name: 'externalCustomerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. usr_1337',
			description: 'Only orders of the customer with this ID from your own system',
		},
		metadataField('Only orders whose metadata has all of these values', false),
		uuidFilter('Product ID', 'productId', 'product'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			options: ORDER_STATUS_OPTIONS,
			description: 'Only orders in one of these statuses',
		},
		uuidFilter('Subscription ID', 'subscriptionId', 'subscription'),
	],
	toQuery,
});

/** Polar's OrderSortProperty, each way. */
const SORTS: Array<[string, string]> = [
	['Newest First', '-created_at'],
	['Oldest First', 'created_at'],
	['Amount, Highest First', '-amount'],
	['Amount, Lowest First', 'amount'],
	['Net Amount, Highest First', '-net_amount'],
	['Net Amount, Lowest First', 'net_amount'],
	['Customer, A to Z', 'customer'],
	['Customer, Z to A', '-customer'],
	['Product, A to Z', 'product'],
	['Product, Z to A', '-product'],
	['Status, A to Z', 'status'],
	['Status, Z to A', '-status'],
	['Invoice Number, Ascending', 'invoice_number'],
	['Invoice Number, Descending', '-invoice_number'],
	['Discount, A to Z', 'discount'],
	['Discount, Z to A', '-discount'],
	['Subscription, Ascending', 'subscription'],
	['Subscription, Descending', '-subscription'],
];

const sortField: INodeProperties = {
	displayName: 'Sort By',
	name: 'sortBy',
	type: 'options',
	default: '-created_at',
	options: SORTS.map(([name, value]) => ({ name, value })),
	description: 'The order of the results, as Polar sorts them',
};

export const { endpoints, send } = list;

export const description: INodeProperties[] = [
	...list.description,
	...updateDisplayOptions({ show: { resource: ['order'], operation: ['getAll'] } }, [sortField]),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): GetManyInput {
	const input = list.prepare.call(this, itemIndex);
	const sortBy = this.getNodeParameter('sortBy', itemIndex, '-created_at') as string;
	if (!SORTS.some(([, value]) => value === sortBy)) {
		throw new InputError('Sort By', `"${String(sortBy)}" is not one of Polar’s sort orders`);
	}
	// Polar's default; left out so the request stays as short as Polar's own examples.
	if (sortBy !== '-created_at') input.qs.sorting = [sortBy];
	return input;
}
