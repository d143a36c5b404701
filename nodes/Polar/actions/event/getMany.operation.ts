import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';
import { metadataField } from '../../helpers/metadata';
import { InputError, asText, requireUuid } from '../../helpers/validation';
import { getManyOperation, metadataQuery } from '../common.getMany';
import {
	customerIdFilter,
	customerQuery,
	externalCustomerIdFilter,
	sourceFilter,
} from './filters';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'event',
	path: '/v1/events/',
	filters: [
		customerIdFilter,
		{
			displayName: 'Depth',
			name: 'depth',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 5, numberPrecision: 0 },
			default: 0,
			description:
				'Only events this deep below the roots (or below Parent ID): 0 for root events only, up to 5',
		},
		{
			displayName: 'End Timestamp',
			name: 'endTimestamp',
			type: 'dateTime',
			default: '',
			description: 'Only events before this time',
		},
		externalCustomerIdFilter,
		metadataField('Only events whose metadata has all of these values', false),
		{
			displayName: 'Meter ID',
			name: 'meterId',
			type: 'string',
			default: '',
			description: 'Only events this meter counts (its filter)',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. api_call',
			description: 'Only events with this name',
		},
		{
			displayName: 'Parent ID',
			name: 'parentId',
			type: 'string',
			default: '',
			description:
				'With Depth: the event (Polar’s ID) whose descendants to list, instead of the roots',
		},
		sourceFilter,
		{
			displayName: 'Start Timestamp',
			name: 'startTimestamp',
			type: 'dateTime',
			default: '',
			description: 'Only events after this time',
		},
	],
	toQuery(filters: IDataObject, zone: string) {
		const qs: IDataObject = customerQuery(filters);
		const name = asText(filters.name, 'Filters → Name');
		if (name) qs.name = name;
		if (filters.meterId) qs.meter_id = requireUuid(filters.meterId, 'Filters → Meter ID', '');
		const start = readDateTime(filters.startTimestamp, 'Filters → Start Timestamp', zone);
		if (start) qs.start_timestamp = start;
		const end = readDateTime(filters.endTimestamp, 'Filters → End Timestamp', zone);
		if (end) qs.end_timestamp = end;
		if (filters.parentId) qs.parent_id = requireUuid(filters.parentId, 'Filters → Parent ID', '');
		if (filters.depth !== undefined && filters.depth !== '') {
			const depth = Number(filters.depth);
			if (!Number.isInteger(depth) || depth < 0 || depth > 5) {
				throw new InputError('Filters → Depth', `is ${String(filters.depth)}; Polar takes 0 to 5`);
			}
			qs.depth = depth;
		}
		return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
	},
});
