import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { checkRange, INTERVAL_OPTIONS as INTERVALS, type TimeInterval } from '../../helpers/dateRange';
import { requireDateTime } from '../../helpers/dates';
import { customerListFilters, readCustomerLists } from '../../helpers/idList';
import { meterLocator, readMeterId, refineMeterFailure } from '../../helpers/meter';
import { metadataField } from '../../helpers/metadata';
import { TIMEZONES } from '../../helpers/timezones';
import { InputError } from '../../helpers/validation';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import { metadataQuery } from '../common.getMany';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'GET', path: '/v1/meters/{id}/quantities' }];

/** Polar's AggregationFunction, for the per-customer step. */
const CUSTOMER_AGGREGATIONS = [
	{ name: 'Average', value: 'avg', description: 'The average of the customers’ quantities' },
	{ name: 'Count', value: 'count', description: 'How many customers have usage' },
	{ name: 'Maximum', value: 'max', description: 'The largest customer’s quantity' },
	{ name: 'Minimum', value: 'min', description: 'The smallest customer’s quantity' },
	{ name: 'Sum', value: 'sum', description: 'The customers’ quantities added up' },
	{ name: 'Unique', value: 'unique', description: 'How many different quantities' },
];

const properties: INodeProperties[] = [
	meterLocator('The meter whose quantities to get'),
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'The first period’s start. Without a time zone offset, it is read in the Timezone (UTC unless set).',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'The last period starts at or before this time',
	},
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		default: 'day',
		required: true,
		options: INTERVALS,
		description: 'The length of each period: one quantity per period',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Customer Aggregation',
				name: 'customerAggregation',
				type: 'options',
				options: CUSTOMER_AGGREGATIONS,
				default: 'sum',
				description:
					'Compute each customer’s quantity first, then combine them with this function. Without it, the meter aggregates all events at once.',
			},
			...customerListFilters('Only these customers’ events', ' (with both fields: either)'),
			metadataField('Only events whose metadata has all of these values', false),
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'options',
				options: TIMEZONES,
				default: 'UTC',
				description:
					'Where days, weeks, months and years begin, and how Start and End read without an offset',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['meter'], operation: ['getQuantities'] } },
	properties,
);

export interface QuantitiesInput {
	meterId: string;
	qs: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): QuantitiesInput {
	const meterId = readMeterId(
		this.getNodeParameter('meter', itemIndex) as INodeParameterResourceLocator | string,
	);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const timezone = (extra.timezone as string | undefined) ?? 'UTC';
	if (!TIMEZONES.some((zone) => zone.value === timezone)) {
		throw new InputError(
			'Additional Fields → Timezone',
			`"${timezone}" is not a time zone Polar knows`,
		);
	}
	const interval = this.getNodeParameter('interval', itemIndex) as TimeInterval;
	if (!INTERVALS.some((option) => option.value === interval)) {
		throw new InputError('Interval', `"${String(interval)}" is not hour, day, week, month or year`);
	}
	// Without an offset, Start and End are read in the Timezone the periods are counted in.
	const start = requireDateTime(this.getNodeParameter('start', itemIndex), 'Start', timezone);
	const end = requireDateTime(this.getNodeParameter('end', itemIndex), 'End', timezone);
	checkRange(Date.parse(start), Date.parse(end), interval);
	const qs: IDataObject = {
		start_timestamp: start,
		end_timestamp: end,
		interval,
		timezone,
	};
	Object.assign(qs, readCustomerLists(extra, 'Additional Fields'));
	if (extra.customerAggregation) qs.customer_aggregation_function = extra.customerAggregation;
	return {
		meterId,
		qs: { ...qs, ...metadataQuery(extra.metadata, 'Additional Fields → Metadata') },
	};
}

export async function send(client: PolarClient, input: QuantitiesInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'GET',
			path: apiPath`/v1/meters/${input.meterId}/quantities`,
			qs: input.qs,
			repeatable: true,
			refine: refineMeterFailure(input.meterId),
		},
		itemIndex,
	);
}
