import type { INodeProperties } from 'n8n-workflow';

import * as exportCsv from './export.operation';
import * as get from './get.operation';
import * as getLimits from './getLimits.operation';

/** The Resource option. */
export const resource = { name: 'Metric', value: 'metric' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getLimits, export: exportCsv };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['metric'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				description: 'Get the metrics per period as Polar’s CSV file, in binary data',
				action: 'Export metrics',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get revenue, orders, subscriptions, MRR and other metrics per hour, day, week, month or year, with their totals',
				action: 'Get metrics',
			},
			{
				name: 'Get Limits',
				value: 'getLimits',
				description: 'Get the earliest date and the shortest and longest range of each interval',
				action: 'Get metrics limits',
			},
		],
		default: 'get',
	},
	...get.description,
	...exportCsv.description,
];
