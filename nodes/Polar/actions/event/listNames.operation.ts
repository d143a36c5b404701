import type { IDataObject } from 'n8n-workflow';

import { asText } from '../../helpers/validation';
import { getManyOperation } from '../common.getMany';
import { customerIdFilter, customerQuery, externalCustomerIdFilter, sourceFilter } from './filters';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'event',
	operation: 'listNames',
	path: '/v1/events/names',
	filters: [
		customerIdFilter,
		externalCustomerIdFilter,
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. api',
			description: 'Only names containing this text',
		},
		sourceFilter,
	],
	toQuery(filters: IDataObject) {
		const qs = customerQuery(filters);
		const query = asText(filters.query, 'Filters → Search');
		if (query) qs.query = query;
		return qs;
	},
});
