import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getQuantities from './getQuantities.operation';

/** The Resource option. */
export const resource = { name: 'Meter', value: 'meter' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany, getQuantities };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['meter'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a meter', action: 'Get a meter' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List meters, filtered by name, archived state or metadata',
				action: 'Get many meters',
			},
			{
				name: 'Get Quantities',
				value: 'getQuantities',
				description:
					'Get a meter’s usage per hour, day, week, month or year, for all customers or some, with the total',
				action: 'Get meter quantities',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...getQuantities.description,
];
