import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { checkoutLinkIdField, readCheckoutLinkId, refineMissingCheckoutLink } from './fields';

export const endpoints: Endpoint[] = [{ method: 'DELETE', path: '/v1/checkout-links/{id}' }];

export const description = updateDisplayOptions(
	{ show: { resource: ['checkoutLink'], operation: ['delete'] } },
	[checkoutLinkIdField('The checkout link to delete; its URL stops working')],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readCheckoutLinkId(this.getNodeParameter('checkoutLinkId', itemIndex));
}

export function describeDone(id: string): string {
	return `deleted checkout link ${id}`;
}

export async function send(client: PolarClient, id: string, itemIndex: number) {
	await client.request(
		{
			method: 'DELETE',
			path: apiPath`/v1/checkout-links/${id}`,
			noContent: true,
			// A repeat of a delete that went through would answer "not found", hiding that it worked.
			repeatable: false,
			effect: 'deleted the checkout link',
			refine: refineMissingCheckoutLink(id),
		},
		itemIndex,
	);
	return { deleted: true, id };
}
