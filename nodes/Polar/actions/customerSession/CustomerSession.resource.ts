import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

/** The Resource option. */
export const resource = { name: 'Customer Session', value: 'customerSession' };

/** By the operation's value, as the router finds them. */
export const operations = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerSession'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a signed-in link to the customer portal for one customer',
				action: 'Create a customer portal session',
			},
		],
		default: 'create',
	},
	...create.description,
];
