import type { IDataObject } from 'n8n-workflow';

import { metadataField } from '../../helpers/metadata';
import { asText } from '../../helpers/validation';
import { getManyOperation, metadataQuery } from '../common.getMany';
import { requireEmail } from './fields';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'customer',
	path: '/v1/customers/',
	filters: [
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
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		if (filters.email) qs.email = requireEmail(filters.email, 'Filters → Email');
		const query = asText(filters.query, 'Filters → Search');
		if (query) qs.query = query;
		return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
	},
});
