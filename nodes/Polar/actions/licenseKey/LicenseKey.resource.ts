import type { INodeProperties } from 'n8n-workflow';

import * as activate from './activate.operation';
import * as deactivate from './deactivate.operation';
import * as get from './get.operation';
import * as getActivation from './getActivation.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as validate from './validate.operation';

/** The Resource option. */
export const resource = { name: 'License Key', value: 'licenseKey' };

/** By the operation's value, as the router finds them. */
export const operations = {
	activate,
	deactivate,
	get,
	getActivation,
	getAll: getMany,
	update,
	validate,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['licenseKey'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				description: 'Activate a license key for a device or installation',
				action: 'Activate a license key',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description: 'Remove an activation of a license key, freeing its slot',
				action: 'Deactivate a license key',
			},
			{ name: 'Get', value: 'get', description: 'Get a license key', action: 'Get a license key' },
			{
				name: 'Get Activation',
				value: 'getActivation',
				description: 'Get one activation of a license key',
				action: 'Get a license key activation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List license keys, filtered by benefit or status',
				action: 'Get many license keys',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a license key’s status, limits, usage or expiry',
				action: 'Update a license key',
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
	...activate.description,
	...deactivate.description,
	...get.description,
	...getActivation.description,
	...getMany.description,
	...update.description,
	...validate.description,
];
