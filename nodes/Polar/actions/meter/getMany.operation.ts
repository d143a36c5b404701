import type { IDataObject } from 'n8n-workflow';

import { metadataField } from '../../helpers/metadata';
import { asText } from '../../helpers/validation';
import { getManyOperation, metadataQuery } from '../common.getMany';

/** Polar's MeterSortProperty, one criterion. */
const METER_SORTS = [
	{ name: 'Created (Newest First)', value: '-created_at' },
	{ name: 'Created (Oldest First)', value: 'created_at' },
	{ name: 'Name (A to Z)', value: 'name' },
	{ name: 'Name (Z to A)', value: '-name' },
];

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'meter',
	path: '/v1/meters/',
	filters: [
		{
			displayName: 'Archived',
			name: 'isArchived',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only archived meters (on) or only meters still counting (off). Without this filter, both.',
		},
		metadataField('Only meters whose metadata has all of these values', false),
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. API calls',
			description: 'Only meters whose name contains this text',
		},
		{
			displayName: 'Sort By',
			name: 'sorting',
			type: 'options',
			options: METER_SORTS,
			default: 'name',
			description: 'The order of the meters (without this filter, by name)',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		const query = asText(filters.query, 'Filters → Search');
		if (query) qs.query = query;
		if (typeof filters.isArchived === 'boolean') qs.is_archived = filters.isArchived;
		if (filters.sorting) qs.sorting = filters.sorting;
		return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
	},
});
