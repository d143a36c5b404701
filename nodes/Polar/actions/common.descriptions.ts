import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, UUID4_PATTERN } from '../helpers/validation';

/**
 * Parameters several operations share, defined once. Each operation places them with its own
 * displayOptions (updateDisplayOptions) and reads them with the helpers beside them.
 */

/** The Customer locator: From List, By ID, By External ID; read with readCustomerRef. */
export function customerLocator(description: string): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customer',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a customer...',
				typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
				hint: 'Polar’s customer ID, a UUID',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar customer ID (a UUID)' },
					},
				],
			},
			{
				// "By External ID" does not fit n8n's mode selector.
				displayName: 'Ext. ID',
				name: 'externalId',
				type: 'string',
				placeholder: 'e.g. usr_1337',
				hint: 'The ID your own system gave the customer in Polar',
			},
		],
	};
}

/** Return All and Limit, for list operations; read with readListLimit. */
export const paginationDescription: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How many results a list operation returns: undefined for all. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new InputError('Limit', `is ${String(limit)}; give a whole number of 1 or more`);
	}
	return limit;
}
