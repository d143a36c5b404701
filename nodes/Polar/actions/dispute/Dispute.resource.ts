import type { INodeProperties } from 'n8n-workflow';

import * as accept from './accept.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** The Resource option. */
export const resource = { name: 'Dispute', value: 'dispute' };

/** By the operation's value, as the router finds them. */
export const operations = { accept, get, getAll: getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dispute'] } },
		options: [
			{
				name: 'Accept',
				value: 'accept',
				description:
					'Concede a chargeback: final, the dispute is lost and the customer keeps the money',
				action: 'Accept a dispute',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a dispute by ID',
				action: 'Get a dispute',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List disputes, filtered by order or status',
				action: 'Get many disputes',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...accept.description,
];
