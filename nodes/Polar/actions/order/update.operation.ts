import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { orderLocator, readOrderId, refineOrderFailure } from '../../helpers/order';
import { asText, InputError } from '../../helpers/validation';
import { apiPath } from '../../transport/path';
import type { PolarClient, PolarRequest } from '../../transport/PolarClient';
import { DEFAULT_DOCUMENT_WAIT_SECONDS, DOCUMENT_WAIT } from '../../transport/wait';
import { billingAddressField, readBillingAddress } from '../customer/fields';
import type { Endpoint } from '../router';

/**
 * Polar's OrderUpdate: the billing name and address an invoice shows, nothing else. Polar's
 * update does not remake an invoice already made (order/service.py update), and a remade one
 * keeps its link (invoice/service.py create_order_invoice uploads to the same key), so Get
 * Invoice could only give the old PDF: when the details of an order with an invoice change,
 * the node asks Polar to make it again and waits until it has.
 */
export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/orders/{id}' },
	{ method: 'PATCH', path: '/v1/orders/{id}' },
	{ method: 'POST', path: '/v1/orders/{id}/invoice' },
];

const properties: INodeProperties[] = [
	orderLocator('The order whose billing details to set'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...billingAddressField,
				description:
					'The address the invoice shows. Once the order has one, its country and state cannot be changed.',
			},
			{
				displayName: 'Billing Name',
				name: 'billingName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme Inc.',
				description: 'The name the invoice shows, e.g. a company name',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	properties,
);

export interface UpdateOrderInput {
	id: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateOrderInput {
	const id = readOrderId(
		this.getNodeParameter('order', itemIndex) as INodeParameterResourceLocator | string,
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const name = asText(fields.billingName, 'Billing Name');
	if (name) body.billing_name = name;
	if (fields.billingAddress !== undefined && (fields.billingAddress as IDataObject).address) {
		body.billing_address = readBillingAddress(fields.billingAddress);
	}
	if (Object.keys(body).length === 0)
		throw new InputError('Update Fields', 'are empty: add the Billing Name or Billing Address');
	return { id, body };
}

/** What invoice/service.py compute_order_checksum covers that this update can change. */
const INVOICE_DETAILS = ['billing_name', 'billing_address', 'tax_id'] as const;

const invoiceDetailsChanged = (before: IDataObject, after: IDataObject) =>
	INVOICE_DETAILS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));

export async function send(client: PolarClient, input: UpdateOrderInput, itemIndex: number) {
	const path = apiPath`/v1/orders/${input.id}`;
	const refine = refineOrderFailure(input.id);
	const get: PolarRequest = { method: 'GET', path, repeatable: true, refine };
	const before = await client.request<IDataObject>(get, itemIndex);
	const after = await client.request<IDataObject>(
		// The same values again change nothing.
		{ method: 'PATCH', path, body: input.body, repeatable: true, refine },
		itemIndex,
	);
	if (before.is_invoice_generated !== true || !invoiceDetailsChanged(before, after)) return after;
	await client.request(
		{
			method: 'POST',
			path: apiPath`/v1/orders/${input.id}/invoice`,
			// Polar queues one job per change and skips it when the invoice already matches.
			repeatable: true,
			noContent: true,
			refine,
		},
		itemIndex,
	);
	// order/service.py generate_invoice stores the new invoice_checksum, which moves the order's
	// modified_at (kit/db/models/base.py: onupdate=utc_now): the sign the new PDF is in place.
	return await client.poll<IDataObject>(
		{
			...get,
			pending: (status, body) =>
				status === 200 && (body as IDataObject).modified_at === after.modified_at,
		},
		{ ...DOCUMENT_WAIT, maxWaitMs: DEFAULT_DOCUMENT_WAIT_SECONDS * 1000 },
		(waitedMs) => ({
			message: `The billing details of order "${input.id}" were updated, but Polar had not made its invoice again after ${Math.round(waitedMs / 1000)} seconds`,
			description:
				'Polar makes invoices in the background, usually within seconds: until it has, Get Invoice gives the previous PDF. Its order.updated webhook says when the order changes again.',
		}),
		itemIndex,
	);
}

export function describeDone(input: UpdateOrderInput): string {
	return `updated the billing details of order ${input.id}`;
}
