import { InputError } from '../../helpers/validation';
import type { BatchItem, BatchOutcomes } from '../router';
import type { EventInput } from './ingestBatches';

/**
 * Items of one run whose generated Deduplication IDs are equal are the same event to Polar,
 * which keeps the first and skips the others as duplicates (external_id is unique per
 * organization, server/polar/event/service.py ingest). Two rows with every field equal (two
 * calls in the same second, timestamps to the second) may still be two uses: the node cannot
 * tell, so it says so on those items, or fails them when the user chose so.
 */

/** What to do with items of one run that get the same generated Deduplication ID. */
export type SameEvents = 'warn' | 'error';

export interface IngestInput extends EventInput {
	/** Set when the Deduplication ID is generated. */
	sameEvents?: SameEvents;
}

type Item = BatchItem<IngestInput>;

const TELL_APART =
	'If they are distinct events, give them a field that tells them apart (a timestamp to the millisecond or finer, a request ID in the metadata), or take the Deduplication ID from a field.';

/** e.g. "2, 5 and 7". */
const listed = (indices: number[]) =>
	`${indices.slice(0, -1).join(', ')} and ${indices[indices.length - 1]}`;

/** Each item whose generated ID another item of the run has, with every item that has it. */
function sameIdGroups(items: Item[]): Map<number, number[]> {
	const byId = new Map<string, number[]>();
	for (const { itemIndex, input } of items) {
		if (!input.sameEvents || typeof input.event.external_id !== 'string') continue;
		const group = byId.get(input.event.external_id) ?? [];
		group.push(itemIndex);
		byId.set(input.event.external_id, group);
	}
	const groups = new Map<number, number[]>();
	for (const group of byId.values()) {
		if (group.length > 1) for (const itemIndex of group) groups.set(itemIndex, group);
	}
	return groups;
}

/**
 * The items to send, and outcomes that add each warning: an item set to fail on the same event
 * fails here, before anything is sent; one set to warn is sent, and its output says which items
 * Polar counts as one event.
 */
export function checkSameEvents(
	items: Item[],
	outcomes: BatchOutcomes,
): { toSend: Item[]; outcomes: BatchOutcomes } {
	const groups = sameIdGroups(items);
	if (groups.size === 0) return { toSend: items, outcomes };
	const warnings = new Map<number, string>();
	const toSend: Item[] = [];
	for (const item of items) {
		const group = groups.get(item.itemIndex);
		if (!group) {
			toSend.push(item);
		} else if (item.input.sameEvents === 'error') {
			outcomes.failed(
				item.itemIndex,
				new InputError(
					'Deduplication ID',
					`is the same for items ${listed(group)}: they are the same event (name, customer, timestamp, metadata and the rest), which Polar would count once`,
					`${TELL_APART} If they are one event given twice, remove the repeats, or set Identical Events to Count Once.`,
				),
			);
		} else {
			warnings.set(
				item.itemIndex,
				`Items ${listed(group)} are the same event (name, customer, timestamp, metadata and the rest), so they have the same generated Deduplication ID and Polar counts them once. ${TELL_APART}`,
			);
			toSend.push(item);
		}
	}
	return {
		toSend,
		outcomes: {
			succeeded: (itemIndex, json) => {
				const warning = warnings.get(itemIndex);
				outcomes.succeeded(itemIndex, warning ? { ...json, warning } : json);
			},
			failed: (itemIndex, error) => outcomes.failed(itemIndex, error),
			refused: (itemIndex) => outcomes.refused(itemIndex),
			get stopping() {
				return outcomes.stopping;
			},
			continueOnFail: outcomes.continueOnFail,
		},
	};
}
