import type { IDataObject } from 'n8n-workflow';

import { asText, requireUuid } from '../../helpers/validation';
import { getManyOperation } from '../common.getMany';

const UUID_FILTERS = [
	{ name: 'customerId', query: 'customer_id', label: 'Customer ID', of: 'customer' },
	{ name: 'orderId', query: 'order_id', label: 'Order ID', of: 'order' },
	{
		name: 'subscriptionId',
		query: 'subscription_id',
		label: 'Subscription ID',
		of: 'subscription',
	},
];

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'refund',
	path: '/v1/refunds/',
	filters: [
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
			description: 'Only refunds to this customer (Polar’s customer ID, a UUID)',
		},
		{
			displayName: 'External Customer ID',
			name: 'externalCustomerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. usr_1337',
			description: 'Only refunds to the customer with this ID from your own system',
		},
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a01',
			description: 'Only refunds of this order (Polar’s order ID, a UUID)',
		},
		{
			displayName: 'Subscription ID',
			name: 'subscriptionId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8a9fae0b-c23b-4e0f-b28d-0e1f2a3b4c09',
			description: 'Only refunds of this subscription’s orders (Polar’s subscription ID, a UUID)',
		},
		{
			displayName: 'Succeeded',
			name: 'succeeded',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only refunds that went through (on) or only those pending, failed or canceled (off). Without this filter, all.',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		for (const filter of UUID_FILTERS) {
			const field = `Filters → ${filter.label}`;
			const value = asText(filters[filter.name], field);
			if (value) {
				qs[filter.query] = requireUuid(
					value,
					field,
					`Copy the ${filter.of}’s ID from Polar’s dashboard.`,
				);
			}
		}
		const external = asText(filters.externalCustomerId, 'Filters → External Customer ID');
		if (external) qs.external_customer_id = external;
		if (typeof filters.succeeded === 'boolean') qs.succeeded = filters.succeeded;
		return qs;
	},
});
