import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Product', value: 'product' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a product', action: 'Get a product' },
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List products, filtered by name, billing, archived state, benefit or metadata',
				action: 'Get many products',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
