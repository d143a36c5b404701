import type { IDataObject } from 'n8n-workflow';

import { asText } from '../../helpers/validation';
import { getManyOperation } from '../common.getMany';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'discount',
	path: '/v1/discounts/',
	filters: [
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. SUMMER',
			description:
				'Only discounts whose name contains this text (as typed, case included) or whose code does (any case)',
		},
	],
	toQuery(filters: IDataObject) {
		const query = asText(filters.query, 'Filters → Search');
		return query ? { query } : {};
	},
});
