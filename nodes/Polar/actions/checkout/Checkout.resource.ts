import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Checkout', value: 'checkout' };

/** By the operation's value, as the router finds them. */
export const operations = { create, get, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkout'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a checkout session: a payment page for one buyer, valid for 24 hours',
				action: 'Create a checkout',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a checkout session',
				action: 'Get a checkout',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List checkout sessions, filtered by customer, product, status or email',
				action: 'Get many checkouts',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
];
