import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requirePathSegment } from '../../helpers/validation';
import { validationEntries, validationField, type RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { createRequest } from './create.operation';
import { customerFields, readCustomerFields, requireEmail } from './fields';
import { updateRequest } from './update.operation';

/**
 * Create or Update: the customer with this external ID (or email) is updated, or created when
 * Polar holds none. Both keys are unique in an organization, so a create that meets Polar's
 * "already exists" (another run created the customer since the look-up) updates that one instead.
 */
export const endpoints: Endpoint[] = [
	{ method: 'PATCH', path: '/v1/customers/external/{external_id}' },
	{ method: 'GET', path: '/v1/customers/' },
	{ method: 'PATCH', path: '/v1/customers/{id}' },
	{ method: 'POST', path: '/v1/customers/' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: [
			{
				name: 'External ID',
				value: 'externalId',
				description: 'The customer’s ID in your own system',
			},
			{ name: 'Email', value: 'email', description: 'The customer’s email address' },
		],
		default: 'externalId',
		description: 'Which of the customer’s unique keys finds the customer to update',
	},
	{
		...customerFields.externalId,
		required: true,
		description:
			'The customer’s ID in your own system: the customer with it is updated, or created with it',
		displayOptions: { show: { matchBy: ['externalId'] } },
	},
	{
		...customerFields.email,
		required: true,
		description:
			'The customer’s email address, unique within the organization. Matching by email: the customer to update, or to create. Matching by external ID: set on the customer, and needed to create one.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			customerFields.billingAddress,
			{
				...customerFields.externalId,
				description:
					'The customer’s ID in your own system: given to a new customer, or to one found that has none yet. Once set, it cannot be changed.',
				displayOptions: { show: { '/matchBy': ['email'] } },
			},
			customerFields.locale,
			{
				...customerFields.metadata,
				description: `${customerFields.metadata.description} Replaces the metadata of a customer found.`,
			},
			customerFields.name,
			customerFields.taxId,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['upsert'] } },
	properties,
);

export interface UpsertCustomerInput {
	/** The key that finds the customer, as Polar names it. */
	match: { field: 'external_id' | 'email'; value: string };
	/** The fields to set on a customer found (without the key it was found by). */
	update: IDataObject;
	/** The body of the create when none is found: the key and the same fields. */
	create: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpsertCustomerInput {
	const matchBy = this.getNodeParameter('matchBy', itemIndex, 'externalId') as string;
	const fields = readCustomerFields({
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		email: requireEmail(this.getNodeParameter('email', itemIndex, ''), 'Email'),
	});
	// Polar creates an individual customer with an email (a team is made with Create).
	if (matchBy === 'email') {
		const { email, ...update } = fields;
		return {
			match: { field: 'email', value: email as string },
			update,
			create: { type: 'individual', ...fields },
		};
	}
	const externalId = requirePathSegment(
		this.getNodeParameter('externalId', itemIndex, ''),
		'External ID',
		'Match by email instead.',
	);
	// Polar's update By External ID (CustomerUpdateExternalID) has no external_id.
	delete fields.external_id;
	return {
		match: { field: 'external_id', value: externalId },
		update: fields,
		create: { type: 'individual', external_id: externalId, ...fields },
	};
}

export function describeDone(input: UpsertCustomerInput): string {
	const key = input.match.field === 'email' ? 'email' : 'external ID';
	return `created or updated customer with ${key} "${input.match.value}"`;
}

/** Updates the customer with the key, or undefined when Polar holds none. */
async function updateMatch(
	client: PolarClient,
	input: UpsertCustomerInput,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const { field, value } = input.match;
	if (field === 'external_id')
		return await client.find<IDataObject>(
			updateRequest({ externalId: value }, input.update),
			itemIndex,
		);
	// Polar's email filter is exact and ignores case, as its uniqueness does.
	const found = await client.request<{ items?: IDataObject[] }>(
		{ method: 'GET', path: '/v1/customers/', qs: { email: value, limit: 1 }, repeatable: true },
		itemIndex,
	);
	const customer = found.items?.[0];
	if (!customer) return undefined;
	return await client.request<IDataObject>(
		updateRequest({ id: String(customer.id) }, input.update),
		itemIndex,
	);
}

/** Notes Polar's 422 saying a customer with the key already exists, keeping the create's wording. */
function noteTaken(field: string, taken: { key: boolean }): RefineFailure {
	const refine = createRequest({}).refine!;
	return (failure, response) => {
		if (
			response.status === 422 &&
			validationEntries(response.body).some(
				(entry) => validationField(entry) === field && /already exists/i.test(entry.msg ?? ''),
			)
		)
			taken.key = true;
		return refine(failure, response);
	};
}

/**
 * The customer, with whether this item created it: `{ created, customer }`, Polar's object kept
 * as Polar returned it.
 */
export async function send(
	client: PolarClient,
	input: UpsertCustomerInput,
	itemIndex: number,
): Promise<IDataObject> {
	const found = await updateMatch(client, input, itemIndex);
	if (found) return { created: false, customer: found };
	const taken = { key: false };
	const create = client.request<IDataObject>(
		{
			...createRequest(input.create),
			// Safe to repeat, unlike Create's: the key is unique, so a repeat after a create that
			// went through meets "already exists" and updates that customer instead of making a
			// second one (it then says created: false).
			repeatable: true,
			refine: noteTaken(input.match.field, taken),
		},
		itemIndex,
	);
	return await create.then(
		(customer): IDataObject => ({ created: true, customer }),
		async (error: unknown) => {
			// Created by someone else since the look-up: update that customer instead.
			const raced = taken.key ? await updateMatch(client, input, itemIndex) : undefined;
			return raced ? { created: false, customer: raced } : await Promise.reject(error);
		},
	);
}
