import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	customerPath,
	getCustomerRef,
	refineCustomerFailure,
	type CustomerRef,
	type CustomerSubpath,
} from '../../helpers/customer';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { customerLocator } from '../common.descriptions';

/** By ID or by external ID, as the Customer locator chose. */
export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/customers/{id}' },
	{ method: 'GET', path: '/v1/customers/external/{external_id}' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	[customerLocator('The customer to get')],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): CustomerRef {
	return getCustomerRef(this, itemIndex);
}

/** GET of the customer, or of a path below it (e.g. /state). */
export async function getCustomer(
	client: PolarClient,
	customer: CustomerRef,
	itemIndex: number,
	suffix: CustomerSubpath = '',
) {
	return await client.request<IDataObject>(
		{
			method: 'GET',
			path: customerPath(customer, suffix),
			repeatable: true,
			refine: refineCustomerFailure(customer),
		},
		itemIndex,
	);
}

export async function send(client: PolarClient, customer: CustomerRef, itemIndex: number) {
	return await getCustomer(client, customer, itemIndex);
}
