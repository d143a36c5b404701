import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { productsField, readProducts, refineProductsAndDiscount } from '../../helpers/checkout';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { checkoutLinkFields, readCheckoutLinkFields } from './fields';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/checkout-links/' }];

const properties: INodeProperties[] = [
	productsField(
		'The products a buyer of the link can choose from; the first is preselected. Each From list or By ID.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: checkoutLinkFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['checkoutLink'], operation: ['create'] } },
	properties,
);

export interface CreateLinkInput {
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CreateLinkInput {
	const products = readProducts(this.getNodeParameter('products', itemIndex, {}));
	const fields = readCheckoutLinkFields(
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
	);
	// Polar requires the payment processor, and Stripe is the only one it has.
	return { body: { payment_processor: 'stripe', products, ...fields } };
}

export function describeDone(input: CreateLinkInput): string {
	const { label, products } = input.body;
	return `checkout link ${label ? `"${String(label)}" ` : ''}for products ${(products as string[]).join(', ')}`;
}

export async function send(client: PolarClient, input: CreateLinkInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			...endpoints[0],
			body: input.body,
			// A repeat would make a second link, live until someone deletes it.
			repeatable: false,
			effect: 'created the checkout link (look for a duplicate in Polar’s dashboard)',
			refine: refineProductsAndDiscount(input.body.products as string[]),
		},
		itemIndex,
	);
}
