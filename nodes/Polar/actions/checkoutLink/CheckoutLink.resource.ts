import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

/** The Resource option. */
export const resource = { name: 'Checkout Link', value: 'checkoutLink' };

/** By the operation's value, as the router finds them. */
export const operations = { create, delete: del, get, getAll: getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkoutLink'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a checkout link: a lasting URL where each visit opens a checkout',
				action: 'Create a checkout link',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a checkout link',
				action: 'Delete a checkout link',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a checkout link',
				action: 'Get a checkout link',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List checkout links, optionally those offering a product',
				action: 'Get many checkout links',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a checkout link',
				action: 'Update a checkout link',
			},
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...update.description,
];
