import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { orderLocator, readOrderId, refineOrderFailure } from '../../helpers/order';
import type { RefineFailure } from '../../transport/errors';
import { apiPath } from '../../transport/path';
import type { PolarClient, PolarRequest } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import {
	deliver,
	documentFields,
	gaveUp,
	readDocumentInput,
	type DocumentInput,
} from './documents';

/**
 * The invoice's link: as it is if Polar made it already; otherwise asks Polar to make it (202)
 * and checks until it exists (404 InvoiceDoesNotExist until then).
 */
export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/orders/{id}/invoice' },
	{ method: 'POST', path: '/v1/orders/{id}/invoice' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getInvoice'] } },
	[orderLocator('The order whose invoice to get'), ...documentFields('invoice')],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): DocumentInput {
	const locator = this.getNodeParameter('order', itemIndex) as INodeParameterResourceLocator;
	return readDocumentInput(this, itemIndex, readOrderId(locator));
}

const bodyOf = (body: unknown) => (body ?? {}) as IDataObject;

/** Polar's refusals to make an invoice (service.py trigger_invoice_generation), and what to do. */
function refineInvoiceRefusal(id: string): RefineFailure {
	const notFound = refineOrderFailure(id);
	return (failure, response) => {
		const { error, detail } = bodyOf(response.body);
		if (response.status === 422 && error === 'MissingInvoiceBillingDetails') {
			return {
				...failure,
				message: `Order "${id}" has no billing name or address, which Polar needs for an invoice`,
				description:
					'Add them with Order → Update Billing Details (Billing Name and Billing Address), then get the invoice again.',
			};
		}
		if (response.status === 409 && error === 'OrderNotEligibleForInvoice') {
			const status = /current status: ([a-z_]+)/.exec(String(detail))?.[1];
			return {
				...failure,
				message: `Order "${id}" cannot have an invoice${status ? `: it is ${status}` : ''}`,
				description:
					'Polar makes invoices for pending and paid orders, not for draft or void ones. If the billing name or address is missing too, add them with Order → Update Billing Details.',
			};
		}
		return notFound(failure, response);
	};
}

export async function send(client: PolarClient, input: DocumentInput, itemIndex: number) {
	const path = apiPath`/v1/orders/${input.id}/invoice`;
	const get: PolarRequest = {
		method: 'GET',
		path,
		repeatable: true,
		pending: (status, body) => status === 404 && bodyOf(body).error === 'InvoiceDoesNotExist',
		refine: refineOrderFailure(input.id),
	};
	let invoice = await client.check<{ url: string }>(get, itemIndex);
	if (!invoice) {
		await client.request(
			{
				method: 'POST',
				path,
				// Polar keeps one invoice per order: a repeat finds it made or queued, and Polar
				// skips making it again while the billing details are unchanged.
				repeatable: true,
				noContent: true,
				refine: refineInvoiceRefusal(input.id),
			},
			itemIndex,
		);
		invoice = await client.poll<{ url: string }>(
			get,
			input.wait,
			gaveUp('invoice', input.id),
			itemIndex,
		);
	}
	return await deliver(client, input, 'invoice', invoice.url, itemIndex);
}
