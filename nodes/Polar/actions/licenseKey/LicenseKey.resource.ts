import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as validate from './validate.operation';

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany, validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['licenseKey'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a license key', action: 'Get a license key' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List license keys, filtered by benefit or status',
				action: 'Get many license keys',
			},
			{
				name: 'Validate',
				value: 'validate',
				description: 'Check a key a customer entered, optionally counting a use',
				action: 'Validate a license key',
			},
		],
		default: 'validate',
	},
	...get.description,
	...getMany.description,
	...validate.description,
];
