import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { productsField, readProducts, refineProductsAndDiscount } from '../../helpers/checkout';
import { InputError } from '../../helpers/validation';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import {
	checkoutLinkFields,
	checkoutLinkIdField,
	readCheckoutLinkFields,
	readCheckoutLinkId,
	refineMissingCheckoutLink,
} from './fields';

export const endpoints: Endpoint[] = [{ method: 'PATCH', path: '/v1/checkout-links/{id}' }];

const properties: INodeProperties[] = [
	checkoutLinkIdField('The checkout link to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: (
			[
				...checkoutLinkFields,
				{
					...productsField(
						'Replaces the link’s products; the first is preselected. Without a subscription product among them, Polar drops the link’s trial.',
					),
					required: false,
				},
				{
					displayName: 'Remove Discount',
					name: 'removeDiscount',
					type: 'boolean',
					default: false,
					description: 'Whether to take the link’s discount off (leave Discount ID out)',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['checkoutLink'], operation: ['update'] } },
	properties,
);

export interface UpdateLinkInput {
	id: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateLinkInput {
	const id = readCheckoutLinkId(this.getNodeParameter('checkoutLinkId', itemIndex));
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = readCheckoutLinkFields(fields);
	if (fields.products !== undefined) body.products = readProducts(fields.products);
	if (fields.removeDiscount === true) {
		if (body.discount_id !== undefined)
			throw new InputError('Remove Discount', 'and Discount are both set; choose one');
		body.discount_id = null;
	}
	if (Object.keys(body).length === 0)
		throw new InputError('Update Fields', 'are empty: add the fields to change');
	return { id, body };
}

export function describeDone(input: UpdateLinkInput): string {
	return `updated checkout link ${input.id}`;
}

export async function send(client: PolarClient, input: UpdateLinkInput, itemIndex: number) {
	const missing = refineMissingCheckoutLink(input.id);
	const fields = refineProductsAndDiscount((input.body.products as string[] | undefined) ?? []);
	return await client.request<IDataObject>(
		{
			method: 'PATCH',
			path: apiPath`/v1/checkout-links/${input.id}`,
			body: input.body,
			// Setting the same values twice leaves the link as once.
			repeatable: true,
			refine: (failure, response) => fields(missing(failure, response), response),
		},
		itemIndex,
	);
}
