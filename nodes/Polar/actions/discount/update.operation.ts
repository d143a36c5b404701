import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { discountLocator, readDiscountId } from '../../helpers/discount';
import { InputError } from '../../helpers/validation';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { refineDiscountWrite } from './errors';
import {
	discountFields,
	readAmounts,
	readDiscountFields,
	readMonths,
	toBasisPoints,
} from './fields';

export const endpoints: Endpoint[] = [{ method: 'PATCH', path: '/v1/discounts/{id}' }];

const properties: INodeProperties[] = [
	discountLocator('The discount to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added change. Type and duration stay as created; once redeemed, so do amounts, percentage and months.',
		options: [
			{
				...discountFields.amounts,
				description: `${discountFields.amounts.description}. Only for a fixed-amount discount; replaces its amounts.`,
			},
			discountFields.code,
			{
				...discountFields.durationInMonths,
				description: `${discountFields.durationInMonths.description}. Only for a repeating discount.`,
			},
			discountFields.endsAt,
			discountFields.maxRedemptions,
			discountFields.maxRedemptionsPerCustomer,
			{
				...discountFields.metadata,
				description: 'Your own data on the discount. Replaces the discount’s metadata.',
			},
			discountFields.name,
			{
				...discountFields.percentage,
				description: `${discountFields.percentage.description}. Only for a percentage discount.`,
			},
			{
				...discountFields.products,
				description:
					'Replaces the products the discount applies to; added without any products, it applies to all',
			},
			discountFields.startsAt,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['discount'], operation: ['update'] } },
	properties,
);

export interface UpdateDiscountInput {
	id: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateDiscountInput {
	const id = readDiscountId(
		this.getNodeParameter('discount', itemIndex) as INodeParameterResourceLocator | string,
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = readDiscountFields(fields, this.getTimezone());
	if (fields.percentage !== undefined) body.basis_points = toBasisPoints(fields.percentage);
	if (fields.amounts !== undefined) body.amounts = readAmounts(fields.amounts);
	if (fields.durationInMonths !== undefined)
		body.duration_in_months = readMonths(fields.durationInMonths);
	if (Object.keys(body).length === 0)
		throw new InputError('Update Fields', 'are empty: add the fields to change');
	return { id, body };
}

export function describeDone(input: UpdateDiscountInput): string {
	return `updated discount ${input.id}`;
}

export async function send(client: PolarClient, input: UpdateDiscountInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'PATCH',
			path: `/v1/discounts/${apiPath`${input.id}`}`,
			body: input.body,
			// Setting the same fields twice leaves the discount as once.
			repeatable: true,
			refine: refineDiscountWrite(input.id),
		},
		itemIndex,
	);
}
