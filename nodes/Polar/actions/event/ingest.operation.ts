import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { getCustomerRef } from '../../helpers/customer';
import { metadataField } from '../../helpers/metadata';
import { InputError, requireText, requireUuid } from '../../helpers/validation';
import type { PolarClient } from '../../transport/PolarClient';
import { customerLocator } from '../common.descriptions';
import type { BatchItem, BatchOutcomes, Endpoint } from '../router';
import { generatedExternalId, readEventMetadata, readEventName, readTimestamp } from './fields';
import { ingestEvents, type EventInput } from './ingestBatches';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/events/ingest' }];

const properties: INodeProperties[] = [
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. api_call',
		description: 'The name Polar’s meters filter on, at most 128 characters',
	},
	customerLocator('The customer who used it'),
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-05-01T12:00:00Z',
		description:
			'When it happened (not in the future). Empty: when Polar receives it; a generated Deduplication ID needs it.',
	},
	{
		displayName: 'Deduplication ID',
		name: 'deduplication',
		type: 'options',
		options: [
			{
				name: 'Generate From the Event',
				value: 'generate',
				description:
					'A hash of name, customer, timestamp, metadata and the other fields: the same event is counted once',
			},
			{
				name: 'From a Field',
				value: 'field',
				description: 'Your own unique ID for the event, e.g. a row or request ID',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Polar cannot tell a resent event: a re-run or retry counts it again',
			},
		],
		default: 'generate',
		description:
			'Polar’s external_id: an event whose ID Polar already has is skipped as a duplicate, so re-running the workflow never counts usage twice',
	},
	{
		displayName: 'Event ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.requestId }}',
		description: 'Unique per event in your organization',
		displayOptions: { show: { deduplication: ['field'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Cost (Cents)',
				name: 'costAmount',
				type: 'number',
				typeOptions: { numberPrecision: 12 },
				default: 0,
				description:
					'What the event cost you, in US cents (Polar’s _cost), e.g. an LLM call’s price, for its cost insights',
			},
			{
				displayName: 'External Member ID',
				name: 'externalMemberId',
				type: 'string',
				default: '',
				description:
					'The member of a team customer who did it, by your system’s ID; with the customer by Ext. ID.',
			},
			{
				displayName: 'Member ID',
				name: 'memberId',
				type: 'string',
				default: '',
				description:
					'The member of a team customer who did it, Polar’s member ID; with the customer From list or By ID',
			},
			metadataField(
				'Values Polar’s meters filter and add up; Number values are sent as numbers, so meters can sum them',
			),
			{
				displayName: 'Metadata (JSON)',
				name: 'metadataJson',
				type: 'json',
				default: '{}',
				description:
					'The metadata as one object, e.g. an expression for an object of the item: numbers stay numbers, text stays text; may hold _cost and _llm',
			},
			{
				displayName: 'Parent ID',
				name: 'parentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.traceId }}',
				description: 'The parent event: its Polar ID or its Deduplication ID (external ID)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['ingest'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): EventInput {
	const customer = getCustomerRef(this, itemIndex, 'body');
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const event: IDataObject = {
		name: readEventName(this.getNodeParameter('eventName', itemIndex)),
	};
	if ('id' in customer) event.customer_id = customer.id;
	else event.external_customer_id = customer.externalId;
	// Polar takes member_id with customer_id (EventCreateCustomer), external_member_id with
	// external_customer_id (EventCreateExternalCustomer).
	if (fields.memberId) {
		if (!('id' in customer)) {
			throw new InputError(
				'Member ID',
				'needs the customer From list or By ID; with Ext. ID, use External Member ID',
			);
		}
		event.member_id = requireUuid(
			fields.memberId,
			'Member ID',
			'Use External Member ID for your system’s ID.',
		);
	}
	if (fields.externalMemberId) {
		if ('id' in customer) {
			throw new InputError(
				'External Member ID',
				'needs the customer by Ext. ID; with a Polar customer ID, use Member ID',
			);
		}
		event.external_member_id = requireText(fields.externalMemberId, 'External Member ID');
	}
	const timestamp = readTimestamp(this.getNodeParameter('timestamp', itemIndex, ''), 'Timestamp');
	if (timestamp) event.timestamp = timestamp;
	if (fields.parentId) event.parent_id = requireText(fields.parentId, 'Parent ID');
	const metadata = readEventMetadata(fields);
	if (Object.keys(metadata).length > 0) event.metadata = metadata;

	const deduplication = this.getNodeParameter('deduplication', itemIndex, 'generate') as string;
	if (deduplication === 'field') {
		event.external_id = requireText(this.getNodeParameter('externalId', itemIndex), 'Event ID');
	} else if (deduplication === 'generate') {
		if (!timestamp) {
			throw new InputError(
				'Timestamp',
				'is empty, and a generated Deduplication ID needs it: without it, a later identical event would count as a duplicate',
				'Set Timestamp to when the event happened (e.g. {{ $json.createdAt }}), take the Deduplication ID from a field, or choose None.',
			);
		}
		event.external_id = generatedExternalId(event);
	}
	return { event, size: utf8Length(JSON.stringify(event)) };
}

/** UTF-8 bytes of a string, as the request body will count them. */
function utf8Length(text: string): number {
	let bytes = 0;
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
	}
	return bytes;
}

export function describeDone(input: EventInput): string {
	return `event "${String(input.event.name)}" sent`;
}

export async function sendBatch(
	client: PolarClient,
	items: Array<BatchItem<EventInput>>,
	outcomes: BatchOutcomes,
): Promise<void> {
	await ingestEvents(client, items, outcomes);
}
