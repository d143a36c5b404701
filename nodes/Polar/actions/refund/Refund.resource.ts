import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Refund', value: 'refund' };

/** By the operation's value, as the router finds them. */
export const operations = { create, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Refund an order, in part or in whole',
				action: 'Create a refund',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List refunds, filtered by order, subscription, customer or outcome',
				action: 'Get many refunds',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
];
