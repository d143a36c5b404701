import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as redeliver from './redeliver.operation';

/** The Resource option: Polar's attempts to send webhook events, as its dashboard lists them. */
export const resource = { name: 'Webhook Delivery', value: 'webhookDelivery' };

/** By the operation's value, as the router finds them. */
export const operations = { getAll: getMany, redeliver };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookDelivery'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List Polar’s attempts to send webhook events, e.g. the failed ones to a workflow’s endpoint',
				action: 'Get many webhook deliveries',
			},
			{
				name: 'Redeliver',
				value: 'redeliver',
				description: 'Send a webhook event again to its endpoint, e.g. one a workflow missed',
				action: 'Redeliver a webhook event',
			},
		],
		default: 'getAll',
	},
	...getMany.description,
	...redeliver.description,
];
