import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';
import { characterCount, readMetadata, readMetadataJson } from '../../helpers/metadata';
import { InputError, requireText } from '../../helpers/validation';

/**
 * An event's fields as Polar's ingestion takes them (EventCreateCustomer and
 * EventCreateExternalCustomer in server/polar/event/schemas.py), checked before sending.
 */

export const MAX_EVENT_NAME = 128;

/** `_cost.amount`: cents, a Decimal of at most 17 digits, 12 of them after the point. */
const MAX_COST_CENTS = 100_000;
const COST_DECIMALS = 12;

/**
 * The event's time in UTC, to every digit of the second given (Polar keeps microseconds: two
 * events a few microseconds apart stay two); without a zone, in the workflow's time zone. Polar
 * refuses one in the future ("Timestamp must be in the past.", event/schemas.py is_past_timestamp).
 */
export function readTimestamp(
	value: unknown,
	field: string,
	zone: string,
	now = Date.now(),
): string | undefined {
	const timestamp = readDateTime(value, field, zone);
	if (timestamp !== undefined && Date.parse(timestamp) > now) {
		throw new InputError(
			field,
			`${timestamp} is in the future; Polar refuses events that have not happened yet`,
			'Check the time zone of the value, or leave Timestamp empty for the time Polar receives the event.',
		);
	}
	return timestamp;
}

/** `_cost` as Polar's CostMetadata: { amount (cents), currency: "usd" }. */
export function readCostAmount(value: unknown, field: string): IDataObject {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount)) {
		throw new InputError(field, `${JSON.stringify(value)} is not a number of cents, e.g. 12.5`);
	}
	if (Math.abs(amount) >= MAX_COST_CENTS) {
		throw new InputError(
			field,
			`is ${amount} cents; Polar takes less than ${MAX_COST_CENTS} (at most 5 digits before the point)`,
		);
	}
	// Polar keeps 12 decimals and refuses more, which float arithmetic easily gives (0.1 + 0.2).
	return { amount: Number(amount.toFixed(COST_DECIMALS)), currency: 'usd' };
}

/** `_cost` in Metadata (JSON): an object { amount, currency: "usd" }. */
function readCostObject(value: unknown, field: string): IDataObject {
	const cost = (value ?? {}) as IDataObject;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new InputError(field, 'is not an object { "amount": …, "currency": "usd" }');
	}
	if (cost.currency !== 'usd') {
		throw new InputError(
			field,
			`has currency ${JSON.stringify(cost.currency)}; Polar takes only "usd"`,
		);
	}
	return readCostAmount(cost.amount, `${field} amount`);
}

/** `_llm` in Metadata (JSON): Polar's LLMMetadata, checked by Polar itself. */
function readLlmObject(value: unknown, field: string): IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new InputError(field, 'is not an object { "vendor", "model", "input_tokens", … }');
	}
	return value as IDataObject;
}

/** Metadata as one JSON object: values keep their JSON type; `_cost` and `_llm` as Polar takes them. */
export function readEventMetadataJson(value: unknown, field: string): IDataObject {
	return readMetadataJson(value, field, { _cost: readCostObject, _llm: readLlmObject });
}

/**
 * The event's metadata: typed entries, a JSON object (for many items mapped at once) and a cost,
 * merged; a key set twice is refused.
 */
export function readEventMetadata(fields: IDataObject): IDataObject {
	const parts: IDataObject[] = [];
	const entries = (fields.metadata as IDataObject | undefined)?.entries;
	if (Array.isArray(entries) && entries.length > 0) parts.push(readMetadata(fields.metadata));
	if (fields.metadataJson !== undefined) {
		parts.push(readEventMetadataJson(fields.metadataJson, 'Metadata (JSON)'));
	}
	if (fields.costAmount !== undefined && fields.costAmount !== '') {
		parts.push({ _cost: readCostAmount(fields.costAmount, 'Cost (Cents)') });
	}
	const metadata = new Map<string, unknown>();
	for (const part of parts) {
		for (const [key, value] of Object.entries(part)) {
			if (metadata.has(key)) {
				throw new InputError(
					'Metadata',
					`key "${key}" is set twice (by two of Metadata, Metadata (JSON) and Cost)`,
				);
			}
			metadata.set(key, value);
		}
	}
	return Object.fromEntries(metadata) as IDataObject;
}

export function readEventName(value: unknown, field = 'Event Name'): string {
	const name = requireText(value, field);
	const length = characterCount(name);
	if (length > MAX_EVENT_NAME) {
		throw new InputError(
			field,
			`is ${length} characters long; Polar accepts at most ${MAX_EVENT_NAME}`,
		);
	}
	return name;
}

/** How the event's external_id is set: generated from the event, the event's own ID, or none. */
export type Deduplication = 'generate' | 'field' | 'none';

/**
 * Sets the event's external_id as Deduplication says; `ownId` reads the event's own ID. A
 * generated ID needs the timestamp (`timestampField` names where it comes from).
 */
export function addExternalId(
	event: IDataObject,
	deduplication: Deduplication,
	ownId: () => string,
	timestampField: string,
	timestampHint: string,
): void {
	if (deduplication === 'field') {
		event.external_id = ownId();
	} else if (deduplication === 'generate') {
		if (!event.timestamp) {
			throw new InputError(
				timestampField,
				'is empty, and a generated Deduplication ID needs it: without it, a later identical event would count as a duplicate',
				timestampHint,
			);
		}
		event.external_id = generatedExternalId(event);
	}
}

/** JSON with every object's keys sorted, so equal events give equal text. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const keys = Object.keys(value).sort();
		return `{${keys
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * The generated Deduplication ID (README, "Exactly once"): the SHA-256, in hex, of the event as
 * sent without external_id, as JSON with sorted keys: name, customer, member, timestamp (UTC, to
 * every digit given), parent and metadata (cost included). The same event always gets the same
 * ID, so Polar counts it once; events that differ in any of these get different IDs.
 */
export function generatedExternalId(event: IDataObject): string {
	return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
