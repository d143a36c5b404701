import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { orderLocator, readOrderId, refineOrderFailure } from '../../helpers/order';
import { asText, InputError } from '../../helpers/validation';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import { billingAddressField, readBillingAddress } from '../customer/fields';
import type { Endpoint } from '../router';

/** Polar's OrderUpdate: the billing name and address an invoice shows, nothing else. */
export const endpoints: Endpoint[] = [{ method: 'PATCH', path: '/v1/orders/{id}' }];

const properties: INodeProperties[] = [
	orderLocator('The order whose billing details to set'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...billingAddressField,
				description:
					'The address the invoice shows. Once the order has one, its country and state cannot be changed.',
			},
			{
				displayName: 'Billing Name',
				name: 'billingName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme Inc.',
				description: 'The name the invoice shows, e.g. a company name',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	properties,
);

export interface UpdateOrderInput {
	id: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateOrderInput {
	const id = readOrderId(
		this.getNodeParameter('order', itemIndex) as INodeParameterResourceLocator | string,
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const name = asText(fields.billingName, 'Billing Name');
	if (name) body.billing_name = name;
	if (fields.billingAddress !== undefined && (fields.billingAddress as IDataObject).address) {
		body.billing_address = readBillingAddress(fields.billingAddress);
	}
	if (Object.keys(body).length === 0)
		throw new InputError('Update Fields', 'are empty: add the Billing Name or Billing Address');
	return { id, body };
}

export async function send(client: PolarClient, input: UpdateOrderInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'PATCH',
			path: apiPath`/v1/orders/${input.id}`,
			body: input.body,
			// The same values again change nothing.
			repeatable: true,
			refine: refineOrderFailure(input.id),
		},
		itemIndex,
	);
}

export function describeDone(input: UpdateOrderInput): string {
	return `updated the billing details of order ${input.id}`;
}
