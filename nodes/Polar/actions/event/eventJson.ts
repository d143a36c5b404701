import type { IDataObject } from 'n8n-workflow';

import { InputError, requireText, requireUuid } from '../../helpers/validation';
import {
	addExternalId,
	readEventMetadataJson,
	readEventName,
	readTimestamp,
	type Deduplication,
} from './fields';

/**
 * An event given as the input item itself (Events From: Each Item's JSON), shaped as Polar's
 * EventCreateCustomer or EventCreateExternalCustomer (server/polar/event/schemas.py), and read
 * without any expression: at thousands of items, n8n 2.x spends milliseconds of CPU on each
 * expression of each item. The checks are those of the fields, naming the item's keys.
 */

const KEYS = new Set([
	'name',
	'customer_id',
	'external_customer_id',
	'member_id',
	'external_member_id',
	'timestamp',
	'external_id',
	'parent_id',
	'metadata',
]);

/** A key the item leaves out: absent, null (as Polar's optional fields allow) or empty text. */
const isUnset = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function refuseUnknownKeys(json: IDataObject): void {
	for (const key of Object.keys(json)) {
		if (KEYS.has(key)) continue;
		if (key === 'organization_id') {
			throw new InputError(
				'organization_id',
				'is set: the node names the organization itself (the credential’s Organization ID with a personal token, none with an organization token)',
				'Remove organization_id from the items.',
			);
		}
		// A typo such as customerId would otherwise be dropped, and the event sent without it.
		throw new InputError(
			`Key "${key}"`,
			`is not a field of Polar’s event; the item may have ${[...KEYS].join(', ')}`,
			'Rename or remove it, e.g. with an Edit Fields (Set) node before this one.',
		);
	}
}

/** customer_id (with member_id) or external_customer_id (with external_member_id): one of them. */
function readCustomer(json: IDataObject, event: IDataObject): void {
	const byId = !isUnset(json.customer_id);
	if (byId === !isUnset(json.external_customer_id)) {
		throw new InputError(
			'customer_id',
			byId
				? 'and external_customer_id are both set; Polar takes one of them'
				: 'and external_customer_id are both missing; the event needs its customer',
			'Give customer_id (Polar’s customer ID) or external_customer_id (your system’s ID).',
		);
	}
	if (byId) {
		event.customer_id = requireUuid(
			json.customer_id,
			'customer_id',
			'Use external_customer_id for your system’s ID.',
		);
		if (!isUnset(json.external_member_id)) {
			throw new InputError(
				'external_member_id',
				'needs external_customer_id; with customer_id, use member_id',
			);
		}
		if (!isUnset(json.member_id)) {
			event.member_id = requireUuid(
				json.member_id,
				'member_id',
				'Use external_member_id, with external_customer_id, for your system’s ID.',
			);
		}
	} else {
		event.external_customer_id = requireText(json.external_customer_id, 'external_customer_id');
		if (!isUnset(json.member_id)) {
			throw new InputError(
				'member_id',
				'needs customer_id; with external_customer_id, use external_member_id',
			);
		}
		if (!isUnset(json.external_member_id)) {
			event.external_member_id = requireText(json.external_member_id, 'external_member_id');
		}
	}
}

/**
 * The event an input item holds, checked as the fields are; external_id as Deduplication says.
 * `zone`: the workflow's time zone, for a timestamp without one.
 */
export function readEventJson(
	json: IDataObject,
	deduplication: Deduplication,
	zone: string,
): IDataObject {
	refuseUnknownKeys(json);
	const event: IDataObject = { name: readEventName(json.name, 'name') };
	readCustomer(json, event);
	const timestamp = readTimestamp(json.timestamp, 'timestamp', zone);
	if (timestamp) event.timestamp = timestamp;
	if (!isUnset(json.parent_id)) event.parent_id = requireText(json.parent_id, 'parent_id');
	const metadata = readEventMetadataJson(json.metadata, 'metadata');
	if (Object.keys(metadata).length > 0) event.metadata = metadata;

	if (deduplication !== 'field' && !isUnset(json.external_id)) {
		// Sending it, or dropping it, would each go against what Deduplication says.
		throw new InputError(
			'external_id',
			`is set, and Deduplication is ${deduplication === 'none' ? 'None' : 'Generate From the Event'}`,
			'Choose Deduplication From a Field to send the item’s external_id, or remove it from the items.',
		);
	}
	addExternalId(
		event,
		deduplication,
		() => requireText(json.external_id, 'external_id'),
		'timestamp',
		'Give each item a timestamp of when the event happened, choose Deduplication From a Field (the item’s external_id), or choose None.',
	);
	return event;
}
