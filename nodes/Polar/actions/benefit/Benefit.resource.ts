import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Benefit', value: 'benefit' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['benefit'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a benefit', action: 'Get a benefit' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List benefits, filtered by type, description, ID or metadata',
				action: 'Get many benefits',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
