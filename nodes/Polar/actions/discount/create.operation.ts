import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { refineDiscountWrite } from './errors';
import {
	discountFields,
	DURATIONS,
	readAmounts,
	readDiscountFields,
	readMonths,
	toBasisPoints,
} from './fields';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/discounts/' }];

const properties: INodeProperties[] = [
	{ ...discountFields.name, required: true },
	{
		displayName: 'Type',
		name: 'discountType',
		type: 'options',
		options: [
			{ name: 'Fixed Amount', value: 'fixed', description: 'An amount off, per currency' },
			{ name: 'Percentage', value: 'percentage', description: 'A percent off' },
		],
		default: 'percentage',
	},
	{
		...discountFields.percentage,
		required: true,
		displayOptions: { show: { discountType: ['percentage'] } },
	},
	{ ...discountFields.amounts, displayOptions: { show: { discountType: ['fixed'] } } },
	{
		displayName: 'Duration',
		name: 'duration',
		type: 'options',
		options: DURATIONS,
		default: 'once',
		description: 'For subscriptions, which invoices the discount applies to',
	},
	{
		...discountFields.durationInMonths,
		required: true,
		displayOptions: { show: { duration: ['repeating'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			discountFields.code,
			discountFields.endsAt,
			discountFields.maxRedemptions,
			discountFields.maxRedemptionsPerCustomer,
			discountFields.metadata,
			discountFields.products,
			discountFields.startsAt,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['discount'], operation: ['create'] } },
	properties,
);

export interface CreateDiscountInput {
	body: IDataObject;
}

/** Exactly the variant of Polar's DiscountCreate chosen: fixed or percentage, with or without months. */
export function prepare(this: IExecuteFunctions, itemIndex: number): CreateDiscountInput {
	const type = this.getNodeParameter('discountType', itemIndex) as 'fixed' | 'percentage';
	const duration = this.getNodeParameter('duration', itemIndex) as string;
	const body: IDataObject = {
		...readDiscountFields(
			{ name: this.getNodeParameter('name', itemIndex, '') },
			this.getTimezone(),
		),
		type,
		duration,
	};
	if (duration === 'repeating') {
		body.duration_in_months = readMonths(this.getNodeParameter('durationInMonths', itemIndex));
	}
	if (type === 'percentage') {
		body.basis_points = toBasisPoints(this.getNodeParameter('percentage', itemIndex));
	} else {
		body.amounts = readAmounts(this.getNodeParameter('amounts', itemIndex, {}));
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { body: { ...body, ...readDiscountFields(fields, this.getTimezone()) } };
}

export function describeDone(input: CreateDiscountInput): string {
	const { name, code } = input.body;
	return `created discount "${String(name)}"${code ? ` (code ${String(code)})` : ''}`;
}

export async function send(client: PolarClient, input: CreateDiscountInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			...endpoints[0],
			body: input.body,
			// A repeat would make a second discount (or fail on its code, then taken).
			repeatable: false,
			effect: 'created the discount (Get Many with its name shows whether it did)',
			refine: refineDiscountWrite(),
		},
		itemIndex,
	);
}
