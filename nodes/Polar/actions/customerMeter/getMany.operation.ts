import type { IDataObject } from 'n8n-workflow';

import { customerListFilters, readCustomerLists, readIdList } from '../../helpers/idList';
import { getManyOperation } from '../common.getMany';

/** Polar's CustomerMeterSortProperty, one criterion. */
const CUSTOMER_METER_SORTS = [
	{ name: 'Balance (Highest First)', value: '-balance' },
	{ name: 'Balance (Lowest First)', value: 'balance' },
	{ name: 'Consumed Units (Highest First)', value: '-consumed_units' },
	{ name: 'Consumed Units (Lowest First)', value: 'consumed_units' },
	{ name: 'Created (Newest First)', value: '-created_at' },
	{ name: 'Created (Oldest First)', value: 'created_at' },
	{ name: 'Credited Units (Highest First)', value: '-credited_units' },
	{ name: 'Credited Units (Lowest First)', value: 'credited_units' },
	{ name: 'Customer ID (Ascending)', value: 'customer_id' },
	{ name: 'Customer ID (Descending)', value: '-customer_id' },
	{ name: 'Customer Name (A to Z)', value: 'customer_name' },
	{ name: 'Customer Name (Z to A)', value: '-customer_name' },
	{ name: 'Meter ID (Ascending)', value: 'meter_id' },
	{ name: 'Meter ID (Descending)', value: '-meter_id' },
	{ name: 'Meter Name (A to Z)', value: 'meter_name' },
	{ name: 'Meter Name (Z to A)', value: '-meter_name' },
	{ name: 'Updated (Newest First)', value: '-modified_at' },
	{ name: 'Updated (Oldest First)', value: 'modified_at' },
];

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'customerMeter',
	path: '/v1/customer-meters/',
	filters: [
		...customerListFilters('Only these customers’ meters'),
		{
			displayName: 'Meter IDs',
			name: 'meterIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
			description:
				'Only these meters (Polar’s meter IDs, separated by commas). Archived meters are listed only when named here.',
		},
		{
			displayName: 'Sort By',
			name: 'sorting',
			type: 'options',
			options: CUSTOMER_METER_SORTS,
			default: '-modified_at',
			description: 'The order of the results (without this filter, most recently updated first)',
		},
	],
	toQuery(filters: IDataObject) {
		const qs = readCustomerLists(filters, 'Filters');
		const meters = readIdList(filters.meterIds, 'Filters → Meter IDs', true);
		if (meters) qs.meter_id = meters;
		if (filters.sorting) qs.sorting = filters.sorting;
		return qs;
	},
});
