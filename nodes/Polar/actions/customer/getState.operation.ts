import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import {
	customerPath,
	readCustomerRef,
	refineCustomerFailure,
	type CustomerRef,
} from '../../helpers/customer';
import type { PolarClient } from '../../transport/PolarClient';
import { customerLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getState'] } },
	[customerLocator('The customer whose active subscriptions, granted benefits and meters to get')],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): CustomerRef {
	return readCustomerRef(
		this.getNodeParameter('customer', itemIndex) as INodeParameterResourceLocator,
	);
}

export async function send(client: PolarClient, customer: CustomerRef, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'GET',
			path: customerPath(customer, '/state'),
			repeatable: true,
			refine: refineCustomerFailure(customer),
		},
		itemIndex,
	);
}
