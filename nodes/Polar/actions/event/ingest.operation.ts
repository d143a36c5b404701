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
import { readEventJson } from './eventJson';
import {
	addExternalId,
	readEventMetadata,
	readEventName,
	readTimestamp,
	type Deduplication,
} from './fields';
import { ingestEvents, type EventInput } from './ingestBatches';
import { checkSameEvents, type IngestInput, type SameEvents } from './sameEvents';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/events/ingest' }];

const fromFields = { show: { eventsFrom: ['fields'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Events From',
		name: 'eventsFrom',
		type: 'options',
		options: [
			{
				name: 'Fields Below',
				value: 'fields',
				description: 'Each event from the fields, set by expressions on the item',
			},
			{
				name: 'Each Item’s JSON',
				value: 'json',
				description:
					'Each item is one event as Polar takes it: name, customer_id or external_customer_id, timestamp, metadata, …; no expression per item, so thousands of items go fast',
			},
		],
		default: 'fields',
		description:
			'Each Item’s JSON keys: name, customer_id or external_customer_id, member_id or external_member_id, timestamp, external_id, parent_id, metadata (typed values, _cost)',
	},
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. api_call',
		description: 'The name Polar’s meters filter on, at most 128 characters',
		displayOptions: fromFields,
	},
	{ ...customerLocator('The customer who used it'), displayOptions: fromFields },
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-05-01T12:00:00Z',
		description:
			'When it happened (not in the future), in ISO 8601; without a zone, in the workflow’s time zone. Empty: when Polar receives it; a generated Deduplication ID needs it.',
		displayOptions: fromFields,
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
					'SHA-256 of the event as sent: name, customer, member, timestamp to every digit given, parent and metadata. The same event is counted once.',
			},
			{
				name: 'From a Field',
				value: 'field',
				description:
					'Your own unique ID for the event, e.g. a row or request ID; with Each Item’s JSON, its external_id',
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
		displayName: 'Identical Events',
		name: 'sameEvents',
		type: 'options',
		options: [
			{
				name: 'Count Once, With a Warning',
				value: 'warn',
				description:
					'Polar counts items of this run with the same generated ID as one event; each of them says so in its warning',
			},
			{
				name: 'Error',
				value: 'error',
				description:
					'Items of this run with the same generated ID fail before they are sent; the others are sent',
			},
		],
		default: 'warn',
		description:
			'What to do when items of one run are the same event (every field equal), which could be two uses in the same second or one row given twice',
		displayOptions: { show: { deduplication: ['generate'] } },
	},
	{
		displayName: 'Event ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.requestId }}',
		description: 'Unique per event in your organization',
		displayOptions: { show: { deduplication: ['field'], eventsFrom: ['fields'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fromFields,
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

export function prepare(this: IExecuteFunctions, itemIndex: number): IngestInput {
	const deduplication = this.getNodeParameter(
		'deduplication',
		itemIndex,
		'generate',
	) as Deduplication;
	// Each Item's JSON evaluates no expression per item: n8n 2.x spends milliseconds of CPU on each.
	const event =
		this.getNodeParameter('eventsFrom', itemIndex, 'fields') === 'json'
			? readEventJson(this.getInputData()[itemIndex].json, deduplication, this.getTimezone())
			: readEventFields(this, itemIndex, deduplication);
	const input: IngestInput = { event, size: utf8Length(JSON.stringify(event)) };
	if (deduplication === 'generate') {
		input.sameEvents = this.getNodeParameter('sameEvents', itemIndex, 'warn') as SameEvents;
	}
	return input;
}

/** The event from the fields below (Events From: Fields Below). */
function readEventFields(
	context: IExecuteFunctions,
	itemIndex: number,
	deduplication: Deduplication,
): IDataObject {
	const customer = getCustomerRef(context, itemIndex, 'body');
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const event: IDataObject = {
		name: readEventName(context.getNodeParameter('eventName', itemIndex)),
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
	const timestamp = readTimestamp(
		context.getNodeParameter('timestamp', itemIndex, ''),
		'Timestamp',
		context.getTimezone(),
	);
	if (timestamp) event.timestamp = timestamp;
	if (fields.parentId) event.parent_id = requireText(fields.parentId, 'Parent ID');
	const metadata = readEventMetadata(fields);
	if (Object.keys(metadata).length > 0) event.metadata = metadata;

	addExternalId(
		event,
		deduplication,
		() => requireText(context.getNodeParameter('externalId', itemIndex), 'Event ID'),
		'Timestamp',
		'Set Timestamp to when the event happened (e.g. {{ $json.createdAt }}), take the Deduplication ID from a field, or choose None.',
	);
	return event;
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
	items: Array<BatchItem<IngestInput>>,
	outcomes: BatchOutcomes,
): Promise<void> {
	const checked = checkSameEvents(items, outcomes);
	await ingestEvents(client, checked.toSend, checked.outcomes);
}
