import type { IDataObject } from 'n8n-workflow';

import { readIdList } from '../../helpers/idList';
import { metadataField } from '../../helpers/metadata';
import { asText, InputError } from '../../helpers/validation';
import { getManyOperation, metadataQuery } from '../common.getMany';

/** Polar's BenefitType. */
export const BENEFIT_TYPES = [
	{ name: 'Custom', value: 'custom' },
	{ name: 'Discord', value: 'discord' },
	{ name: 'Feature Flag', value: 'feature_flag' },
	{ name: 'File Downloads', value: 'downloadables' },
	{ name: 'GitHub Repository', value: 'github_repository' },
	{ name: 'License Keys', value: 'license_keys' },
	{ name: 'Meter Credit', value: 'meter_credit' },
	{ name: 'Slack Shared Channel', value: 'slack_shared_channel' },
];

/** Polar's BenefitSortProperty, one criterion. */
const BENEFIT_SORTS = [
	{ name: 'Created (Newest First)', value: '-created_at' },
	{ name: 'Created (Oldest First)', value: 'created_at' },
	{ name: 'Description (A to Z)', value: 'description' },
	{ name: 'Description (Z to A)', value: '-description' },
	{ name: 'Order of Benefit IDs', value: 'user_order' },
	{ name: 'Order of Benefit IDs, Reversed', value: '-user_order' },
	{ name: 'Type (A to Z)', value: 'type' },
	{ name: 'Type (Z to A)', value: '-type' },
];

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'benefit',
	path: '/v1/benefits/',
	filters: [
		{
			displayName: 'Benefit IDs',
			name: 'ids',
			type: 'string',
			default: '',
			placeholder: 'e.g. e5f40716-8f92-43a4-8eb5-d6f708192a35',
			description: 'Only these benefits: Polar’s benefit IDs, separated by commas',
		},
		{
			displayName: 'Exclude Benefit IDs',
			name: 'excludeIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. e5f40716-8f92-43a4-8eb5-d6f708192a35',
			description: 'Leave out these benefits: Polar’s benefit IDs, separated by commas',
		},
		metadataField('Only benefits whose metadata has all of these values', false),
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. license',
			description: 'Only benefits whose description contains this text',
		},
		{
			displayName: 'Sort By',
			name: 'sorting',
			type: 'options',
			options: BENEFIT_SORTS,
			default: '-created_at',
			description: 'The order of the benefits (without this filter, newest first)',
		},
		{
			displayName: 'Types',
			name: 'types',
			type: 'multiOptions',
			options: BENEFIT_TYPES,
			default: [],
			description: 'Only benefits of these types, e.g. License Keys',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		const ids = readIdList(filters.ids, 'Filters → Benefit IDs', true);
		if (ids) qs.id = ids;
		const excluded = readIdList(filters.excludeIds, 'Filters → Exclude Benefit IDs', true);
		if (excluded) qs.exclude_id = excluded;
		const query = asText(filters.query, 'Filters → Search');
		if (query) qs.query = query;
		const types = readIdList(filters.types, 'Filters → Types', false);
		const unknown = types?.find((type) => !BENEFIT_TYPES.some((option) => option.value === type));
		if (unknown)
			throw new InputError('Filters → Types', `"${unknown}" is not a Polar benefit type`);
		if (types) qs.type = types;
		if (filters.sorting) qs.sorting = filters.sorting;
		return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
	},
});
