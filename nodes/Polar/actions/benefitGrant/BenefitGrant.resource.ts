import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Benefit Grant', value: 'benefitGrant' };

/** By the operation's value, as the router finds them. */
export const operations = { getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['benefitGrant'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List benefit grants by customer, benefit or granted state. A license key grant’s properties.license_key_id is the key’s ID for License Key → Get.',
				action: 'Get many benefit grants',
			},
		],
		default: 'getAll',
	},
	...getMany.description,
];
