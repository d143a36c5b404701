import type { IDataObject } from 'n8n-workflow';

import { buyerFirst } from '../../helpers/checkout';
import type { PolarClient } from '../../transport/PolarClient';
import { getOperation } from '../common.get';
import { checkoutIdField, readCheckoutId, refineMissingCheckout } from './checkoutId';

const get = getOperation({
	resource: 'checkout',
	path: '/v1/checkouts/{id}',
	locator: checkoutIdField('The checkout to get'),
	readId: readCheckoutId,
	refine: refineMissingCheckout,
});

export const { endpoints, description, prepare } = get;

export async function send(client: PolarClient, id: string, itemIndex: number) {
	return buyerFirst((await get.send(client, id, itemIndex)) as IDataObject);
}
