import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Customer Meter', value: 'customerMeter' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerMeter'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one customer’s meter: units consumed, credited, and the balance left',
				action: 'Get a customer meter',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List customers’ meters with their balance (credited minus consumed units); filter by customer and meter for the balance one customer has left',
				action: 'Get many customer meters',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getMany.description,
];
