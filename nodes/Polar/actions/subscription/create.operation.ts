import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { getCustomerRef, nameCustomer, type CustomerRef } from '../../helpers/customer';
import { metadataField, readMetadata } from '../../helpers/metadata';
import { productLocator, readProductId } from '../../helpers/product';
import { validationEntries, validationField, type RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import { customerLocator } from '../common.descriptions';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/subscriptions/' }];

const properties: INodeProperties[] = [
	customerLocator('The customer to subscribe; they must already exist in Polar'),
	productLocator(
		'The recurring product to subscribe to. It must be free: for a paid product the customer goes through a checkout.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [metadataField('Data to keep with the subscription')],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['create'] } },
	properties,
);

export interface CreateInput {
	customer: CustomerRef;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CreateInput {
	const customer = getCustomerRef(this, itemIndex, 'body');
	const productId = readProductId(
		this.getNodeParameter('product', itemIndex) as INodeParameterResourceLocator | string,
	);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		product_id: productId,
		...('id' in customer
			? { customer_id: customer.id }
			: { external_customer_id: customer.externalId }),
	};
	if (fields.metadata !== undefined) body.metadata = readMetadata(fields.metadata, 'Metadata');
	return { customer, body };
}

export function describeDone(input: CreateInput): string {
	return `subscription to product ${String(input.body.product_id)} for the customer with ${nameCustomer(input.customer)}`;
}

/** Polar's 422 answers name the product or the customer it refused (service.create). */
function refine(input: CreateInput): RefineFailure {
	return (failure, response) => {
		if (response.status !== 422) return failure;
		const entries = validationEntries(response.body);
		const product = entries.find((e) => validationField(e) === 'product_id');
		const customer = entries.find((e) => e.msg === 'Customer does not exist.');
		if (customer) {
			return {
				...failure,
				message: `No Polar customer with ${nameCustomer(input.customer)}`,
				description:
					'Create the customer first (Customer → Create), or check the ID and the credential’s environment and organization.',
			};
		}
		if (product?.msg?.startsWith('Product is not free')) {
			return {
				...failure,
				message: 'Polar creates subscriptions only to free products; this product has a price',
				description:
					'For a paid product, send the customer to a checkout (Polar creates the subscription when they pay).',
			};
		}
		if (product?.msg) {
			return {
				...failure,
				message: `Polar did not create the subscription: ${product.msg}`,
				description: 'Choose a recurring product of this organization that is free and on sale.',
			};
		}
		return failure;
	};
}

export async function send(client: PolarClient, input: CreateInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			...endpoints[0],
			body: input.body,
			// A repeat after a lost answer would subscribe the customer a second time.
			repeatable: false,
			effect: 'created the subscription',
			refine: refine(input),
		},
		itemIndex,
	);
}
