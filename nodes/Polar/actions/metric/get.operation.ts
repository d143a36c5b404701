import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { metricQueryFields, readMetricQuery } from './fields';

export const endpoints: Endpoint[] = [{ method: 'GET', path: '/v1/metrics/' }];

const properties: INodeProperties[] = [
	...metricQueryFields('one output item per period'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'periods',
		options: [
			{
				name: 'One Item per Period',
				value: 'periods',
				description:
					'Each period’s metrics with its timestamp, and the whole range’s under "totals" on every item',
			},
			{
				name: 'One Item With the Totals',
				value: 'totals',
				description:
					'The whole range’s metrics only, in one item: for a message or a report row, whatever the number of periods',
			},
		],
		description:
			'Polar’s totals add up counts and amounts (orders, revenue), and take the last period’s value of levels (active subscriptions, MRR)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['metric'], operation: ['get'] } },
	properties,
);

export interface MetricsInput {
	qs: IDataObject;
	totalsOnly: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): MetricsInput {
	const qs = readMetricQuery(this, itemIndex);
	return { qs, totalsOnly: this.getNodeParameter('output', itemIndex, 'periods') === 'totals' };
}

interface MetricsResponse {
	periods: IDataObject[];
	totals: IDataObject;
}

export async function send(client: PolarClient, input: MetricsInput, itemIndex: number) {
	const answer = await client.request<MetricsResponse>(
		{ method: 'GET', path: endpoints[0].path, qs: input.qs, repeatable: true },
		itemIndex,
	);
	const { start_date, end_date, interval, timezone } = input.qs;
	if (input.totalsOnly) return { start_date, end_date, interval, timezone, ...answer.totals };
	return answer.periods.map((period) => ({ ...period, totals: answer.totals }));
}
