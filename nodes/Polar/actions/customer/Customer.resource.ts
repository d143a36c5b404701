import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as exportCustomers from './export.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getState from './getState.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** The Resource option. */
export const resource = { name: 'Customer', value: 'customer' };

/** By the operation's value, as the router finds them. */
export const operations = {
	create,
	delete: del,
	export: exportCustomers,
	get,
	getAll: getMany,
	getState,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customer',
				action: 'Create a customer',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a customer',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a customer',
				action: 'Delete a customer',
			},
			{
				name: 'Export',
				value: 'export',
				description: 'Export every customer as a CSV file, as Polar writes it',
				action: 'Export customers',
			},
			{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List customers, filtered by email, search text or metadata',
				action: 'Get many customers',
			},
			{
				name: 'Get State',
				value: 'getState',
				description: 'Get a customer’s active subscriptions, granted benefits and meters',
				action: 'Get a customer state',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a customer',
				action: 'Update a customer',
			},
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...exportCustomers.description,
	...get.description,
	...getMany.description,
	...getState.description,
	...update.description,
	...upsert.description,
];
