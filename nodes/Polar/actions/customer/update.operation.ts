import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	customerPath,
	nameCustomer,
	getCustomerRef,
	type CustomerRef,
} from '../../helpers/customer';
import { InputError } from '../../helpers/validation';
import type { PolarClient, PolarRequest } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { customerLocator } from '../common.descriptions';
import { refineCustomerWrite } from './errors';
import { customerFields, readCustomerFields } from './fields';

/** By ID or by external ID, as the Customer locator chose. */
export const endpoints: Endpoint[] = [
	{ method: 'PATCH', path: '/v1/customers/{id}' },
	{ method: 'PATCH', path: '/v1/customers/external/{external_id}' },
];

const properties: INodeProperties[] = [
	customerLocator('The customer to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			customerFields.billingAddress,
			customerFields.email,
			{
				...customerFields.externalId,
				description:
					'Sets the customer’s ID in your own system, for a customer chosen By ID that has none yet. Once set, it cannot be changed.',
			},
			customerFields.locale,
			{
				...customerFields.metadata,
				description: `${customerFields.metadata.description} Replaces the customer’s metadata.`,
			},
			customerFields.name,
			customerFields.taxId,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	properties,
);

export interface UpdateCustomerInput {
	customer: CustomerRef;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateCustomerInput {
	const customer = getCustomerRef(this, itemIndex);
	const body = readCustomerFields(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	if (Object.keys(body).length === 0)
		throw new InputError('Update Fields', 'are empty: add the fields to change');
	// Polar's update By External ID (CustomerUpdateExternalID) has no external_id.
	if ('externalId' in customer && body.external_id !== undefined) {
		throw new InputError(
			'External ID',
			'cannot be set on a customer chosen by Ext. ID: it has one already',
		);
	}
	return { customer, body };
}

export function describeDone(input: UpdateCustomerInput): string {
	return `updated customer ${nameCustomer(input.customer)}`;
}

/** Polar's update of one customer: the request Update sends, and Create or Update's. */
export function updateRequest(customer: CustomerRef, body: IDataObject): PolarRequest {
	return {
		method: 'PATCH',
		path: customerPath(customer),
		body,
		// Setting the same fields twice leaves the customer as once.
		repeatable: true,
		refine: refineCustomerWrite(customer),
	};
}

export async function send(client: PolarClient, input: UpdateCustomerInput, itemIndex: number) {
	return await client.request<IDataObject>(updateRequest(input.customer, input.body), itemIndex);
}
