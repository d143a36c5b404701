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
	refineCustomerFailure,
	type CustomerRef,
} from '../../helpers/customer';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { customerLocator } from '../common.descriptions';

/** By ID or by external ID, as the Customer locator chose. */
export const endpoints: Endpoint[] = [
	{ method: 'DELETE', path: '/v1/customers/{id}' },
	{ method: 'DELETE', path: '/v1/customers/external/{external_id}' },
];

const properties: INodeProperties[] = [
	customerLocator('The customer to delete'),
	{
		displayName: 'Options',
		name: 'deleteOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Anonymize',
				name: 'anonymize',
				type: 'boolean',
				default: false,
				description:
					'Whether to also erase the customer’s personal data (name, email, billing details), e.g. for a GDPR request. Orders and invoices are kept.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['delete'] } },
	properties,
);

export interface DeleteCustomerInput {
	customer: CustomerRef;
	anonymize: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): DeleteCustomerInput {
	const options = this.getNodeParameter('deleteOptions', itemIndex, {}) as IDataObject;
	return {
		customer: getCustomerRef(this, itemIndex),
		anonymize: options.anonymize === true,
	};
}

export function describeDone(input: DeleteCustomerInput): string {
	return `deleted customer ${nameCustomer(input.customer)}`;
}

export async function send(client: PolarClient, input: DeleteCustomerInput, itemIndex: number) {
	const { customer } = input;
	await client.request(
		{
			method: 'DELETE',
			path: customerPath(customer),
			qs: input.anonymize ? { anonymize: true } : undefined,
			noContent: true,
			// A repeat of a delete that went through would answer "no such customer".
			repeatable: false,
			effect: 'deleted the customer',
			refine: refineCustomerFailure(customer),
		},
		itemIndex,
	);
	return 'id' in customer
		? { deleted: true, id: customer.id }
		: { deleted: true, external_id: customer.externalId };
}
