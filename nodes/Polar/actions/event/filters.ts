import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asText, requireUuid } from '../../helpers/validation';

/** Filters Get Many and List Names share, as Polar's list endpoints take them. */

export const customerIdFilter: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
	description: 'Only events of this customer (Polar’s customer ID)',
};

export const externalCustomerIdFilter: INodeProperties = {
	displayName: 'External Customer ID',
	name: 'externalCustomerId',
	type: 'string',
	default: '',
	placeholder: 'e.g. usr_1337',
	description: 'Only events of the customer with this ID from your system',
};

export const sourceFilter: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{
			name: 'System',
			value: 'system',
			description: 'Events Polar made (orders, benefit grants, …)',
		},
		{ name: 'User', value: 'user', description: 'Events you ingested' },
	],
	default: 'user',
	description: 'Only events from this source',
};

export function customerQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	if (filters.customerId) {
		qs.customer_id = requireUuid(
			filters.customerId,
			'Filters → Customer ID',
			'For your system’s ID, use External Customer ID.',
		);
	}
	const external = asText(filters.externalCustomerId, 'Filters → External Customer ID');
	if (external) qs.external_customer_id = external;
	if (filters.source) qs.source = filters.source;
	return qs;
}
