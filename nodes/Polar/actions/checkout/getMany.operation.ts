import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { buyerFirst } from '../../helpers/checkout';
import { readCustomerRef } from '../../helpers/customer';
import { productLocator, readProductId } from '../../helpers/product';
import { asText } from '../../helpers/validation';
import type { PolarClient } from '../../transport/PolarClient';
import { customerLocator } from '../common.descriptions';
import { getManyOperation, type GetManyInput } from '../common.getMany';

/** Polar's CheckoutStatus. */
export const CHECKOUT_STATUSES = [
	{ name: 'Confirmed', value: 'confirmed', description: 'The buyer pressed Pay; payment pending' },
	{ name: 'Expired', value: 'expired', description: 'Not completed in time' },
	{ name: 'Failed', value: 'failed', description: 'Failed for technical reasons' },
	{ name: 'Open', value: 'open', description: 'Waiting for the buyer' },
	{ name: 'Succeeded', value: 'succeeded', description: 'Paid' },
];

const list = getManyOperation({
	resource: 'checkout',
	path: '/v1/checkouts/',
	filters: [
		{
			...customerLocator(
				'Only checkouts of this customer: From list and By ID take Polar’s customer ID, Ext. ID your own system’s ID for them',
			),
			required: false,
		},
		{ ...productLocator('Only checkouts whose selected product is this one'), required: false },
		{
			displayName: 'Search Email',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. @example.com',
			description: 'Only checkouts whose buyer’s email contains this text',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: CHECKOUT_STATUSES,
			default: 'open',
			description: 'Only checkouts in this state',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		if (filters.customer !== undefined) {
			const customer = readCustomerRef(
				filters.customer as INodeParameterResourceLocator | string,
				'Filters → Customer',
			);
			if ('id' in customer) qs.customer_id = customer.id;
			else qs.external_customer_id = customer.externalId;
		}
		if (filters.product !== undefined) {
			qs.product_id = readProductId(
				filters.product as INodeParameterResourceLocator | string,
				'Filters → Product',
			);
		}
		const query = asText(filters.query, 'Filters → Search Email');
		if (query) qs.query = query;
		if (filters.status) qs.status = filters.status;
		return qs;
	},
});

export const { endpoints, description, prepare } = list;

export async function send(client: PolarClient, input: GetManyInput, itemIndex: number) {
	return (await list.send(client, input, itemIndex)).map(buyerFirst);
}
