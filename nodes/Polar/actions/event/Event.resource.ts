import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as ingest from './ingest.operation';
import * as listNames from './listNames.operation';

/** The Resource option. */
export const resource = { name: 'Event', value: 'event' };

/** By the operation's value, as the router finds them. */
export const operations = { get, getAll: getMany, ingest, listNames };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an event', action: 'Get an event' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List events, filtered by name, customer, meter, time, source or metadata',
				action: 'Get many events',
			},
			{
				name: 'Ingest',
				value: 'ingest',
				description:
					'Send usage events for Polar’s meters: every item in as few requests as fit, each counted once',
				action: 'Ingest events',
			},
			{
				name: 'List Names',
				value: 'listNames',
				description: 'List the event names Polar has seen, with counts and first and last times',
				action: 'List event names',
			},
		],
		default: 'ingest',
	},
	...get.description,
	...getMany.description,
	...ingest.description,
	...listNames.description,
];
