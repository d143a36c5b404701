import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Payment', value: 'payment' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a payment attempt by ID',
				action: 'Get a payment',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List payment attempts, filtered by order, checkout, customer, method or status',
				action: 'Get many payments',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
