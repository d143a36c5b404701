import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { discountLocator, readDiscountId, refineDiscountFailure } from '../../helpers/discount';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'DELETE', path: '/v1/discounts/{id}' }];

export const description = updateDisplayOptions(
	{ show: { resource: ['discount'], operation: ['delete'] } },
	[discountLocator('The discount to delete')],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readDiscountId(
		this.getNodeParameter('discount', itemIndex) as INodeParameterResourceLocator | string,
	);
}

export function describeDone(id: string): string {
	return `deleted discount ${id}`;
}

export async function send(client: PolarClient, id: string, itemIndex: number) {
	await client.request(
		{
			method: 'DELETE',
			path: `/v1/discounts/${apiPath`${id}`}`,
			noContent: true,
			// A repeat of a delete that went through would answer 404, hiding that it worked.
			repeatable: false,
			effect: 'deleted the discount',
			refine: refineDiscountFailure(id),
		},
		itemIndex,
	);
	return { deleted: true, id };
}
