import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { orderLocator, readOrderId, refineOrderFailure } from '../../helpers/order';
import type { RefineFailure } from '../../transport/errors';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import {
	deliver,
	documentFields,
	gaveUp,
	readDocumentInput,
	type DocumentInput,
} from './documents';

/** The receipt's link: Polar answers 202 while it renders the PDF, then the link. */
export const endpoints: Endpoint[] = [{ method: 'GET', path: '/v1/orders/{id}/receipt' }];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getReceipt'] } },
	[orderLocator('The order whose receipt to get'), ...documentFields('receipt')],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): DocumentInput {
	const locator = this.getNodeParameter('order', itemIndex) as INodeParameterResourceLocator;
	return readDocumentInput(this, itemIndex, readOrderId(locator));
}

/** 404 ReceiptNotAllocated: the order is not paid yet (service.py get_order_receipt). */
function refineReceipt(id: string): RefineFailure {
	const notFound = refineOrderFailure(id);
	return (failure, response) =>
		response.status === 404 &&
		(response.body as { error?: unknown } | null)?.error === 'ReceiptNotAllocated'
			? {
					...failure,
					message: `Order "${id}" has no receipt yet`,
					description:
						'Polar gives an order a receipt once it is paid. Check the order’s status with Order → Get.',
				}
			: notFound(failure, response);
}

export async function send(client: PolarClient, input: DocumentInput, itemIndex: number) {
	const receipt = await client.poll<{ url: string }>(
		{
			method: 'GET',
			path: apiPath`/v1/orders/${input.id}/receipt`,
			repeatable: true,
			pending: (status) => status === 202,
			refine: refineReceipt(input.id),
		},
		input.wait,
		gaveUp('receipt', input.id),
		itemIndex,
	);
	return await deliver(client, input, 'receipt', receipt.url, itemIndex);
}
