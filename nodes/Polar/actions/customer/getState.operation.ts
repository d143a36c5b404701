import { updateDisplayOptions } from 'n8n-workflow';

import type { CustomerRef } from '../../helpers/customer';
import type { PolarClient } from '../../transport/PolarClient';
import { customerLocator } from '../common.descriptions';
import { getCustomer } from './get.operation';

export { prepare } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getState'] } },
	[customerLocator('The customer whose active subscriptions, granted benefits and meters to get')],
);

export async function send(client: PolarClient, customer: CustomerRef, itemIndex: number) {
	return await getCustomer(client, customer, itemIndex, '/state');
}
