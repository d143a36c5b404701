import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

/** The Resource option. */
export const resource = { name: 'Discount', value: 'discount' };

/** By the operation's value, as the router finds them. */
export const operations = { create, delete: del, get, getAll: getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['discount'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a percentage or fixed-amount discount',
				action: 'Create a discount',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a discount',
				action: 'Delete a discount',
			},
			{ name: 'Get', value: 'get', description: 'Get a discount', action: 'Get a discount' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List discounts, searched by name or code',
				action: 'Get many discounts',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a discount',
				action: 'Update a discount',
			},
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...update.description,
];
