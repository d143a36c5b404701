import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { fitsCurrency, formatMinorUnits, readAmount, toMinorUnits } from '../../helpers/currency';
import { metadataField, readMetadata } from '../../helpers/metadata';
import { asText } from '../../helpers/validation';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { refineOrderRead, refineRefund, RefundNotSent } from './errors';
import { orderLocator, readOrderId } from '../../helpers/order';

/** The order is read first: its currency, and what is left to refund. */
export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/orders/{id}' },
	{ method: 'POST', path: '/v1/refunds/' },
];

/** Polar's ManualRefundReason: dispute_prevention is Polar's own. */
const REASONS = [
	{ name: 'Customer Request', value: 'customer_request' },
	{ name: 'Duplicate', value: 'duplicate' },
	{ name: 'Fraudulent', value: 'fraudulent' },
	{ name: 'Other', value: 'other' },
	{ name: 'Satisfaction Guarantee', value: 'satisfaction_guarantee' },
	{ name: 'Service Disruption', value: 'service_disruption' },
];

const properties: INodeProperties[] = [
	orderLocator('The paid order to refund'),
	{
		displayName: 'Refund',
		name: 'refundAmount',
		type: 'options',
		options: [
			{
				name: 'An Amount',
				value: 'amount',
				description: 'Part of the order, or all of it, in the order’s currency',
			},
			{
				name: 'Whole Refundable Amount',
				value: 'whole',
				description: 'Everything not refunded yet, as Polar reports it on the order',
			},
		],
		default: 'amount',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		placeholder: 'e.g. 12.50',
		description:
			'In the order’s currency, before tax, as you would write it: 12.50 for 12.50 USD, 3000 for 3000 JPY. Polar refunds the tax on it in proportion.',
		displayOptions: { show: { refundAmount: ['amount'] } },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		options: REASONS,
		default: 'customer_request',
		description: 'Why the order is refunded, as Polar records it',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Internal Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'A note about the refund for your team; the customer does not see it',
			},
			metadataField('Your own data on the refund'),
			{
				displayName: 'Revoke Benefits',
				name: 'revokeBenefits',
				type: 'boolean',
				default: false,
				description:
					'Whether to also revoke the benefits the order granted (e.g. a license key or a download). Only for one-time purchases: Polar refuses it for a subscription’s order, whose benefits end with the subscription.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['refund'], operation: ['create'] } },
	properties,
);

export interface CreateRefundInput {
	orderId: string;
	/** In the order's currency's units, as typed; undefined for the whole refundable amount. */
	amount: number | undefined;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CreateRefundInput {
	const orderId = readOrderId(
		this.getNodeParameter('order', itemIndex) as INodeParameterResourceLocator | string,
	);
	const whole = this.getNodeParameter('refundAmount', itemIndex, 'amount') === 'whole';
	// Checked as far as it can be before the order's currency is known.
	const amount = whole
		? undefined
		: readAmount(this.getNodeParameter('amount', itemIndex), 'Amount');
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		order_id: orderId,
		reason: this.getNodeParameter('reason', itemIndex) as string,
	};
	const comment = asText(fields.comment, 'Internal Comment');
	if (comment) body.comment = comment;
	if (fields.revokeBenefits === true) body.revoke_benefits = true;
	if (fields.metadata !== undefined) body.metadata = readMetadata(fields.metadata);
	return { orderId, amount, body };
}

export function describeDone(input: CreateRefundInput): string {
	return `refunded order ${input.orderId}`;
}

export async function send(client: PolarClient, input: CreateRefundInput, itemIndex: number) {
	const order = await client.request<IDataObject>(
		{
			method: 'GET',
			path: `/v1/orders/${apiPath`${input.orderId}`}`,
			repeatable: true,
			refine: refineOrderRead(input.orderId),
		},
		itemIndex,
	);
	const currency = String(order.currency);
	let amount: number;
	if (input.amount === undefined) {
		// Polar's Order.refundable_amount: the net amount with the customer's balance, less refunds.
		amount = Number(order.refundable_amount);
		if (!(amount > 0)) {
			throw new RefundNotSent(
				`Order ${input.orderId} has nothing left to refund`,
				`Its status is ${String(order.status)}, with ${formatMinorUnits(Number(order.refunded_amount), currency)} refunded already. The node sent no refund.`,
			);
		}
	} else {
		const code = currency.toUpperCase();
		if (!fitsCurrency(input.amount, currency)) {
			throw new RefundNotSent(
				`Amount is ${input.amount} ${code}, but ${code} has no smaller unit: give whole ${code}`,
				`Order ${input.orderId} is in ${code}: give the amount in it. The node sent no refund.`,
			);
		}
		amount = toMinorUnits(input.amount, currency, 'Amount');
	}
	return await client.request<IDataObject>(
		{
			method: 'POST',
			path: '/v1/refunds/',
			body: { ...input.body, amount },
			// A second refund would pay the customer again (or fail on what is left to refund).
			repeatable: false,
			effect: `refunded ${formatMinorUnits(amount, currency)} on order ${input.orderId} (Refund → Get Many with the order’s ID shows whether it did)`,
			refine: refineRefund(order, amount),
		},
		itemIndex,
	);
}
