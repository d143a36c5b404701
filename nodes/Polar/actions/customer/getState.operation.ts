import { updateDisplayOptions } from 'n8n-workflow';

import type { CustomerRef } from '../../helpers/customer';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { customerLocator } from '../common.descriptions';
import { getCustomer } from './get.operation';

export { prepare } from './get.operation';

/** By ID or by external ID, as the Customer locator chose. */
export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/customers/{id}/state' },
	{ method: 'GET', path: '/v1/customers/external/{external_id}/state' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getState'] } },
	[customerLocator('The customer whose active subscriptions, granted benefits and meters to get')],
);

export async function send(client: PolarClient, customer: CustomerRef, itemIndex: number) {
	return await getCustomer(client, customer, itemIndex, '/state');
}
