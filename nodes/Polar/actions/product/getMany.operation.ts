import type { IDataObject } from 'n8n-workflow';

import { metadataField } from '../../helpers/metadata';
import { asText, requireUuid } from '../../helpers/validation';
import { getManyOperation, metadataQuery } from '../common.getMany';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'product',
	path: '/v1/products/',
	filters: [
		{
			displayName: 'Archived',
			name: 'isArchived',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only archived products (on) or only products still on sale (off). Without this filter, both.',
		},
		{
			displayName: 'Benefit ID',
			name: 'benefitId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
			description: 'Only products that grant this benefit (Polar’s benefit ID, a UUID)',
		},
		{
			displayName: 'Billing',
			name: 'billing',
			type: 'options',
			default: 'recurring',
			options: [
				{ name: 'Recurring', value: 'recurring', description: 'Only subscription products' },
				{ name: 'One-Time', value: 'oneTime', description: 'Only one-time purchases' },
			],
			description: 'Only subscription products, or only one-time purchases',
		},
		metadataField('Only products whose metadata has all of these values', false),
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. Pro',
			description: 'Only products whose name contains this text',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		const query = asText(filters.query, 'Filters → Search');
		if (query) qs.query = query;
		if (typeof filters.isArchived === 'boolean') qs.is_archived = filters.isArchived;
		if (filters.billing !== undefined) qs.is_recurring = filters.billing === 'recurring';
		if (filters.benefitId !== undefined && filters.benefitId !== '') {
			qs.benefit_id = requireUuid(
				asText(filters.benefitId, 'Filters → Benefit ID'),
				'Filters → Benefit ID',
				'Copy the benefit’s ID from Polar’s dashboard.',
			);
		}
		return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
	},
});
