import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { validationEntries, type FailedResponse } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { BatchItem, BatchOutcomes } from '../router';

/**
 * Event ingestion in as few requests as fit Polar's limits (body size, events). Polar (server/polar/event/
 * service.py ingest) takes a list of events and answers only counts, { inserted, duplicates }; it
 * refuses the whole request with one 422 naming each bad event's index, and any body over
 * API_MAX_REQUEST_BODY_SIZE (10 MiB, server/polar/config.py) with 413 before reading it.
 */

export interface EventInput {
	/** The event as sent. */
	event: IDataObject;
	/** Its JSON's size in bytes. */
	size: number;
}

type Item = BatchItem<EventInput>;

/** Polar's limit, 10 MiB, less a margin for whatever a proxy in front of it may count. */
export const MAX_BATCH_BYTES = 9 * 1024 * 1024;
/**
 * Events a request. Polar writes a request's events, then one meter_events row (7 values) per
 * event and meter counting it, in one INSERT (service.py _create_meter_events, lines
 * 1071-1117); asyncpg takes at most 32,767 values a statement, so a bigger request fails with
 * a 500 and nothing stored: 500 events fit up to 9 meters counting each. Polar's own backfill
 * writes meter_events 500 rows at a time (meter/tasks.py BACKFILL_INSERT_CHUNK_SIZE).
 */
export const MAX_BATCH_EVENTS = 500;
const ENVELOPE_BYTES = '{"events":[]}'.length;

/**
 * Consecutive items, each group at most `maxEvents` and its request body under `maxBytes` (an
 * oversized event alone).
 */
export function packBatches(
	items: Item[],
	maxBytes = MAX_BATCH_BYTES,
	maxEvents = MAX_BATCH_EVENTS,
): Item[][] {
	const batches: Item[][] = [];
	let batch: Item[] = [];
	let bytes = ENVELOPE_BYTES;
	for (const item of items) {
		const added = item.input.size + (batch.length > 0 ? 1 : 0);
		if (batch.length > 0 && (bytes + added > maxBytes || batch.length >= maxEvents)) {
			batches.push(batch);
			batch = [];
			bytes = ENVELOPE_BYTES;
		}
		bytes += item.input.size + (batch.length > 0 ? 1 : 0);
		batch.push(item);
	}
	if (batch.length > 0) batches.push(batch);
	return batches;
}

interface IngestAnswer {
	inserted: number;
	duplicates?: number;
}

/** Node field names for the event's fields Polar may name in a 422. */
const FIELD_NAMES: Record<string, string> = {
	name: 'Event Name',
	customer_id: 'Customer',
	external_customer_id: 'Customer (Ext. ID)',
	member_id: 'Member ID',
	external_member_id: 'External Member ID',
	timestamp: 'Timestamp',
	metadata: 'Metadata',
	parent_id: 'Parent ID',
	external_id: 'Event ID',
	organization_id: 'the credential’s Organization ID',
};

/** The event's field a 422 entry names: past the index, its union member (pydantic) left out. */
function fieldOf(loc: unknown[]): string {
	const known = loc.slice(3).find((part) => typeof part === 'string' && part in FIELD_NAMES);
	return known ? FIELD_NAMES[known as string] : 'The event';
}

/** A 422's entries by the position of the event they are about, in the request sent. */
function entriesByEvent(body: unknown, count: number) {
	const byEvent = new Map<number, Array<{ field: string; msg: string; unionOther: boolean }>>();
	for (const entry of validationEntries(body)) {
		const loc = Array.isArray(entry.loc) ? entry.loc : [];
		const index = loc[2];
		if (loc[0] !== 'body' || loc[1] !== 'events' || typeof index !== 'number') return undefined;
		if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
		const list = byEvent.get(index) ?? [];
		// Pydantic tries both shapes of an event (by customer ID, by external ID), and names the
		// other shape's missing customer field too.
		const unionOther = entry.msg === 'Field required' && /customer_id$/.test(String(loc[4]));
		list.push({ field: fieldOf(loc), msg: entry.msg ?? 'invalid', unionOther });
		byEvent.set(index, list);
	}
	if (byEvent.size === 0) return undefined;
	const problems = new Map<number, Array<{ field: string; msg: string }>>();
	for (const [index, list] of byEvent) {
		const telling = list.filter((problem) => !problem.unionOther);
		problems.set(index, telling.length > 0 ? telling : list);
	}
	return problems;
}

/** The error of one event Polar refused, naming the field and the item. */
function refusedEvent(
	node: INode,
	item: Item,
	problems: Array<{ field: string; msg: string }>,
	response: FailedResponse,
	continueOnFail: boolean,
): NodeApiError {
	const said = problems.map(({ field, msg }) => `${field}: ${msg}`).join('; ');
	const message = `Polar refused the event: ${said} [item ${item.itemIndex}]`;
	const error = new NodeApiError(node, (response.body ?? {}) as JsonObject, {
		message,
		description: continueOnFail
			? 'Polar refuses a whole request for one bad event; the node sent the other events again without it.'
			: 'Polar refuses a whole request for one bad event, so none of that request’s events were ingested.',
		httpCode: '422',
		itemIndex: item.itemIndex,
	});
	error.message = message;
	return error;
}

/**
 * What each item of an answered request became; Polar answers only counts. After a lost answer,
 * the repeat's duplicates (but for repeats within the request) are the events the lost attempt
 * stored: this run's, counted as inserted (`afterLostAnswer` in the output).
 */
function results(batch: Item[], answer: IngestAnswer, afterLostAnswer: boolean): IDataObject[] {
	// Certain without Polar's word: an event without external_id is never a duplicate (NULLs do
	// not conflict), and a repeat of an external_id earlier in the same request always is.
	const seen = new Set<string>();
	const known: Array<string | undefined> = batch.map(({ input }) => {
		const id = input.event.external_id as string | undefined;
		if (id === undefined) return 'ingested';
		if (seen.has(id)) return 'duplicate';
		seen.add(id);
		return undefined;
	});
	const repeats = known.filter((status) => status === 'duplicate').length;
	const duplicates = afterLostAnswer ? repeats : (answer.duplicates ?? 0);
	const inserted = afterLostAnswer ? batch.length - repeats : answer.inserted;
	const unknown = known.filter((status) => status === undefined).length;
	const unknownDuplicates = duplicates - repeats;
	const rest =
		unknownDuplicates <= 0
			? 'ingested'
			: unknownDuplicates >= unknown
				? 'duplicate'
				: 'ingested or duplicate';
	const request = {
		events: batch.length,
		inserted,
		duplicates,
		...(afterLostAnswer ? { afterLostAnswer: true } : {}),
	};
	return batch.map(({ input }, i) => ({ status: known[i] ?? rest, ...input.event, request }));
}

/**
 * Sends one batch; a 413 splits it in two, a 422 fails the events it names and (with On Error:
 * Continue) sends the others again, once: Polar acted on none of them.
 */
async function sendBatch(
	client: PolarClient,
	batch: Item[],
	outcomes: BatchOutcomes,
	organizationId: string | undefined,
) {
	if (batch.length === 0 || outcomes.stopping) return;
	const indices = batch.map(({ itemIndex }) => itemIndex);
	const answered: { response?: FailedResponse } = {};
	const retried = { afterLostAnswer: false };
	let answer: IngestAnswer;
	try {
		answer = await client.request<IngestAnswer>(
			{
				method: 'POST',
				path: '/v1/events/ingest',
				body: {
					events: batch.map(({ input }) =>
						organizationId ? { ...input.event, organization_id: organizationId } : input.event,
					),
				},
				// Polar skips an event whose external_id it has: resending such a batch counts nothing
				// twice. One event without would be counted again.
				repeatable: batch.every(({ input }) => input.event.external_id !== undefined),
				effect: `ingested these ${batch.length} events (without a Deduplication ID, sending them again could count them twice)`,
				items: indices,
				retried,
				refine: (failure, response) => {
					answered.response = response;
					return failure;
				},
			},
			indices[0],
		);
	} catch (error) {
		const { response } = answered;
		if (response?.status === 413 && batch.length > 1) {
			const half = Math.ceil(batch.length / 2);
			await sendBatch(client, batch.slice(0, half), outcomes, organizationId);
			await sendBatch(client, batch.slice(half), outcomes, organizationId);
			return;
		}
		const byEvent =
			response?.status === 422 ? entriesByEvent(response.body, batch.length) : undefined;
		if (
			response &&
			byEvent &&
			(error instanceof NodeApiError || error instanceof NodeOperationError)
		) {
			for (const [index, problems] of byEvent) {
				const item = batch[index];
				outcomes.failed(
					item.itemIndex,
					refusedEvent(error.node, item, problems, response, outcomes.continueOnFail),
				);
			}
			const rest = batch.filter((_, index) => !byEvent.has(index));
			if (outcomes.continueOnFail) await sendBatch(client, rest, outcomes, organizationId);
			else for (const { itemIndex } of rest) outcomes.refused(itemIndex);
			return;
		}
		for (const itemIndex of indices) outcomes.failed(itemIndex, error);
		return;
	}
	results(batch, answer, retried.afterLostAnswer).forEach((json, i) =>
		outcomes.succeeded(indices[i], json),
	);
}

/**
 * Every item's event, batched, one request after the other. Each event names its organization
 * with a user's token, and none with an organization's (service.py
 * _get_organization_validation_function); a user's token without one fails every item unsent.
 */
export async function ingestEvents(client: PolarClient, items: Item[], outcomes: BatchOutcomes) {
	if (client.missingOrganization()) {
		for (const { itemIndex } of items)
			outcomes.failed(itemIndex, client.missingOrganization(itemIndex));
		return;
	}
	const organizationId = client.organizationFor();
	for (const batch of packBatches(items)) {
		await sendBatch(client, batch, outcomes, organizationId);
	}
}
