import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { ALREADY_DONE } from '../../helpers/alreadyDone';
import { fitsCurrency, formatMinorUnits, readAmount, toMinorUnits } from '../../helpers/currency';
import {
	characterCount,
	MAX_METADATA_PAIRS,
	MAX_METADATA_VALUE,
	metadataField,
	readMetadata,
} from '../../helpers/metadata';
import { asText, InputError } from '../../helpers/validation';
import { listItems } from '../../transport/pagination';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { refineOrderRead, refineRefund, RefundNotSent } from './errors';
import { orderLocator, readOrderId } from '../../helpers/order';

/**
 * With an Idempotency Key, the order's refunds are read first (a refund with the key is returned,
 * nothing sent); then the order: its currency, and what is left to refund.
 */
export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/refunds/' },
	{ method: 'GET', path: '/v1/orders/{id}' },
	{ method: 'POST', path: '/v1/refunds/' },
];

/**
 * The refund's metadata key holding the Idempotency Key. Polar's refund list has no metadata
 * filter (refund/endpoints.py list: id, organization, order, subscription, customer, external
 * customer, succeeded), so the order's refunds are read and matched here.
 */
export const IDEMPOTENCY_METADATA_KEY = 'idempotency_key';

/** What a refund found by its Idempotency Key says in the item's output. */
export const FOUND_BY_KEY = 'by an earlier refund with this Idempotency Key: nothing was sent';

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
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. ticket-4711',
		description: `What makes this refund one request, e.g. the support ticket’s ID. Stored on the refund (metadata "${IDEMPOTENCY_METADATA_KEY}"); when the order already has a refund with it, that refund is returned and none is sent. Without it, running the item again refunds again.`,
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
	/** The Idempotency Key, or '' without one. */
	key: string;
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
	const key = readIdempotencyKey(this.getNodeParameter('idempotencyKey', itemIndex, ''), body);
	return { orderId, amount, body, key };
}

/** The key, checked as Polar checks a metadata value, and added to the body's metadata. */
function readIdempotencyKey(value: unknown, body: IDataObject): string {
	const key = asText(value, 'Idempotency Key');
	if (!key) return '';
	if (characterCount(key) > MAX_METADATA_VALUE) {
		throw new InputError(
			'Idempotency Key',
			`is ${characterCount(key)} characters long; Polar stores at most ${MAX_METADATA_VALUE}`,
		);
	}
	const metadata = (body.metadata ?? {}) as IDataObject;
	if (IDEMPOTENCY_METADATA_KEY in metadata) {
		throw new InputError(
			'Metadata key',
			`"${IDEMPOTENCY_METADATA_KEY}" holds the Idempotency Key`,
			'Remove it from Metadata, or use another key.',
		);
	}
	if (Object.keys(metadata).length >= MAX_METADATA_PAIRS) {
		throw new InputError(
			'Metadata',
			`has ${MAX_METADATA_PAIRS} pairs, and the Idempotency Key needs one more; Polar stores at most ${MAX_METADATA_PAIRS}`,
		);
	}
	body.metadata = { ...metadata, [IDEMPOTENCY_METADATA_KEY]: key };
	return key;
}

/**
 * The order's refund made with this key, newest first; one that failed or was canceled returned
 * no money, so it does not count (refund.py RefundStatus).
 */
async function refundWithKey(
	client: PolarClient,
	input: CreateRefundInput,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const refunds = await listItems(
		client,
		{ method: 'GET', path: '/v1/refunds/', qs: { order_id: input.orderId }, repeatable: true },
		undefined,
		itemIndex,
	);
	return refunds.find(
		(refund) =>
			(refund.metadata as IDataObject | undefined)?.[IDEMPOTENCY_METADATA_KEY] === input.key &&
			refund.status !== 'failed' &&
			refund.status !== 'canceled',
	);
}

export function describeDone(input: CreateRefundInput): string {
	return `refunded order ${input.orderId}`;
}

/** Each run's refunds with a key, by order and key: items of one run with the same key wait for the first. */
const underway = new WeakMap<PolarClient, Map<string, Promise<IDataObject>>>();

export async function send(client: PolarClient, input: CreateRefundInput, itemIndex: number) {
	if (!input.key) return await refundOrder(client, input, itemIndex);
	const run = underway.get(client) ?? new Map<string, Promise<IDataObject>>();
	underway.set(client, run);
	const id = JSON.stringify([input.orderId, input.key]);
	const earlier = run.get(id);
	// Set before any wait, so that a later item of the run waits for this one.
	const refund = (async () => {
		const made = await earlier?.catch(() => undefined);
		return made
			? { ...made, [ALREADY_DONE]: FOUND_BY_KEY }
			: await refundOnce(client, input, itemIndex);
	})();
	run.set(id, refund);
	return await refund;
}

/** The order's refund with the key, or a new one. */
async function refundOnce(client: PolarClient, input: CreateRefundInput, itemIndex: number) {
	const found = await refundWithKey(client, input, itemIndex);
	if (found) return { ...found, [ALREADY_DONE]: FOUND_BY_KEY };
	return await refundOrder(client, input, itemIndex).catch(async (error: unknown) => {
		// The answer was lost: with the key, Polar's list tells whether the refund was made.
		const lost = (error as { context?: IDataObject }).context?.mayHaveActed === true;
		const made = lost ? await refundWithKey(client, input, itemIndex) : undefined;
		return made ?? (await Promise.reject(error));
	});
}

async function refundOrder(client: PolarClient, input: CreateRefundInput, itemIndex: number) {
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
			// Worded as Polar's refusal of an amount (RefundedAlready): one message for one fact.
			const fully = order.status === 'refunded';
			throw new RefundNotSent(
				`Order ${input.orderId} ${fully ? 'is already fully refunded' : 'has nothing left to refund'}`,
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
