import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { asText } from '../../helpers/validation';
import { listItems } from '../../transport/pagination';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { paginationDescription, readLimit } from '../common.descriptions';
import { metadataField, readMetadata } from '../../helpers/metadata';
import { requireEmail } from './fields';

export const endpoints: Endpoint[] = [{ method: 'GET', path: '/v1/customers/' }];

const properties: INodeProperties[] = [
	...paginationDescription,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				default: '',
				description: 'Only the customer with exactly this email address',
			},
			metadataField('Only customers whose metadata has all of these values', false),
			{
				displayName: 'Search',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. nathan',
				description: 'Only customers whose name, email or external ID contains this text',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getAll'] } },
	properties,
);

export interface GetManyInput {
	qs: IDataObject;
	max: number | undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetManyInput {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.email) qs.email = requireEmail(filters.email, 'Filters → Email');
	const query = asText(filters.query, 'Filters → Search');
	if (query) qs.query = query;
	// Polar takes metadata filters in OpenAPI's deepObject style: metadata[key]=value.
	if (filters.metadata !== undefined) {
		for (const [key, value] of Object.entries(
			readMetadata(filters.metadata, 'Filters → Metadata'),
		)) {
			qs[`metadata[${key}]`] = value;
		}
	}
	return { qs, max: readLimit(this, itemIndex) };
}

export async function send(client: PolarClient, input: GetManyInput, itemIndex: number) {
	return await listItems(
		client,
		{ ...endpoints[0], qs: input.qs, repeatable: true },
		input.max,
		itemIndex,
	);
}
