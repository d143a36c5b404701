import type { IDataObject } from 'n8n-workflow';

import { asText, requireUuid } from '../../helpers/validation';
import { getManyOperation } from '../common.getMany';

const UUID_FILTERS = [
	{ name: 'checkoutId', query: 'checkout_id', label: 'Checkout ID', of: 'checkout' },
	{ name: 'customerId', query: 'customer_id', label: 'Customer ID', of: 'customer' },
	{ name: 'orderId', query: 'order_id', label: 'Order ID', of: 'order' },
];

const uuidFilter = (label: string, name: string, of: string) => ({
	displayName: label,
	name,
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. 0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a01',
	description: `Only payments of this ${of} (Polar’s ${of} ID, a UUID)`,
});

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'payment',
	path: '/v1/payments/',
	filters: [
		uuidFilter('Checkout ID', 'checkoutId', 'checkout'),
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'e.g. nathan@example.com',
			default: '',
			description: 'Only payments by the customer with this email',
		},
		uuidFilter('Customer ID', 'customerId', 'customer'),
		{
			displayName: 'Method',
			name: 'method',
			type: 'string',
			default: '',
			placeholder: 'e.g. card',
			description: 'Only payments made with this payment method, as Polar names it',
		},
		uuidFilter('Order ID', 'orderId', 'order'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: [
				{ name: 'Failed', value: 'failed' },
				{ name: 'Pending', value: 'pending' },
				{ name: 'Succeeded', value: 'succeeded' },
			],
			default: [],
			description: 'Only payments in one of these states',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		for (const filter of UUID_FILTERS) {
			const field = `Filters → ${filter.label}`;
			const value = asText(filters[filter.name], field);
			if (value) {
				qs[filter.query] = requireUuid(value, field, `Copy the ${filter.of}’s ID from Polar.`);
			}
		}
		const email = asText(filters.customerEmail, 'Filters → Customer Email');
		if (email) qs.customer_email = email;
		const method = asText(filters.method, 'Filters → Method');
		if (method) qs.method = method;
		const status = filters.status as string[] | undefined;
		if (status && status.length > 0) qs.status = status;
		return qs;
	},
});
