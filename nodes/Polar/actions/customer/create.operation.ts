import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { asText, InputError } from '../../helpers/validation';
import type { PolarClient, PolarRequest } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { refineCustomerWrite } from './errors';
import { customerFields, readCustomerFields, requireEmail } from './fields';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/customers/' }];

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'customerType',
		type: 'options',
		options: [
			{ name: 'Individual', value: 'individual', description: 'A person, with their own email' },
			{ name: 'Team', value: 'team', description: 'A company or group, with an owner member' },
		],
		default: 'individual',
	},
	{
		...customerFields.email,
		required: true,
		displayOptions: { show: { customerType: ['individual'] } },
	},
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'fixedCollection',
		placeholder: 'Add Owner',
		default: { member: { email: '' } },
		description: 'The team’s owner member, who signs in to the team’s portal',
		displayOptions: { show: { customerType: ['team'] } },
		options: [
			{
				name: 'member',
				displayName: 'Owner',
				values: [
					{ ...customerFields.email, description: 'The owner’s email address', required: true },
					{ ...customerFields.externalId, description: 'The owner’s ID in your own system' },
					{ ...customerFields.name, description: 'The owner’s name' },
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			customerFields.billingAddress,
			customerFields.externalId,
			customerFields.locale,
			customerFields.metadata,
			customerFields.name,
			customerFields.taxId,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['create'] } },
	properties,
);

export interface CreateCustomerInput {
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CreateCustomerInput {
	const type = this.getNodeParameter('customerType', itemIndex, 'individual') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { type, ...readCustomerFields(fields) };
	if (type === 'individual') {
		body.email = requireEmail(this.getNodeParameter('email', itemIndex, ''), 'Email');
		return { body };
	}
	const owner = ((this.getNodeParameter('owner', itemIndex, {}) as IDataObject).member ??
		{}) as IDataObject;
	if (!owner.email)
		throw new InputError(
			'Owner',
			'needs an email: a team customer is created with its owner member',
		);
	body.owner = { email: requireEmail(owner.email, 'Owner email') };
	const name = asText(owner.name, 'Owner name');
	if (name) (body.owner as IDataObject).name = name;
	const externalId = asText(owner.externalId, 'Owner external ID');
	if (externalId) (body.owner as IDataObject).external_id = externalId;
	return { body };
}

export function describeDone(input: CreateCustomerInput): string {
	const { email, external_id } = input.body;
	return `customer ${String(external_id ?? email ?? (input.body.owner as IDataObject).email)}`;
}

/** Polar's create: the request Create sends, and Create or Update when no customer matched. */
export function createRequest(body: IDataObject): PolarRequest {
	return {
		...endpoints[0],
		body,
		// A repeat would fail on the email Polar already holds, or create a second customer.
		repeatable: false,
		effect: 'created the customer',
		refine: refineCustomerWrite(),
	};
}

export async function send(client: PolarClient, input: CreateCustomerInput, itemIndex: number) {
	return await client.request<IDataObject>(createRequest(input.body), itemIndex);
}
