import {
	NodeApiError,
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
} from 'n8n-workflow';

import { resourceList } from './resources';
import { readClientOptions } from '../helpers/options';
import { runConcurrently } from '../helpers/pool';
import { itemError, readItem } from '../helpers/validation';
import { isNotSent, PolarClient } from '../transport/PolarClient';
import { WithFile } from './withFile';

/** A Polar endpoint an operation calls, as Polar's OpenAPI spec names it (its path template). */
export interface Endpoint {
	method: IHttpRequestMethods;
	path: string;
}

/** One prepared item of a batch operation. */
export interface BatchItem<Input> {
	itemIndex: number;
	input: Input;
}

/** How a batch operation reports each item's end, as the item loop does for the others. */
export interface BatchOutcomes {
	/** The item's result: one output item. */
	succeeded(itemIndex: number, json: IDataObject): void;
	/** The item's failure: its error output with On Error: Continue; with Stop, the node's error. */
	failed(itemIndex: number, error: unknown): void;
	/** Sent, but in a request Polar refused as a whole: nothing was done for it. */
	refused(itemIndex: number): void;
	/** With On Error: Stop, once an item failed: send nothing more. */
	readonly stopping: boolean;
	readonly continueOnFail: boolean;
}

/**
 * An operation: reads and checks one input item (throwing an InputError that names the field),
 * then sends what it read to Polar and returns the item's result: one object, or a list that
 * becomes one output item each (Get Many). An operation whose Polar endpoint takes many items
 * in one request (event ingestion) has `sendBatch` instead of `send`: it gets every prepared
 * item at once and reports each one's end.
 */
export interface ItemOperation<Input> {
	/** Every endpoint it may call: the tests hold these to Polar's spec and its coverage table. */
	endpoints: readonly Endpoint[];
	prepare(this: IExecuteFunctions, itemIndex: number): Input;
	send?(
		client: PolarClient,
		input: Input,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[] | WithFile>;
	sendBatch?(
		client: PolarClient,
		items: Array<BatchItem<Input>>,
		outcomes: BatchOutcomes,
	): Promise<void>;
	/** For operations that change Polar: what an item did, for a stopped run's error. */
	describeDone?(input: Input): string;
}

/** Every resource's operations, by their values: adding one is a file beside its resource. */
export const resources: Record<string, Record<string, ItemOperation<unknown>>> = Object.fromEntries(
	resourceList.map(({ resource, operations }) => [
		resource.value,
		operations as Record<string, ItemOperation<unknown>>,
	]),
);

type ItemError = NodeApiError | NodeOperationError;
type ItemOutcome = { json: IDataObject; binary?: IBinaryKeyData } | { error: ItemError };
type Outcome = ItemOutcome | { list: IDataObject[] };

function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return itemError(context, error, itemIndex);
}

/**
 * A failed item as n8n's "Continue" settings expect it on every version: json of exactly
 * `message` and `error`, the keys n8n 1.x and 2.x before 2.36 accept before they send an item
 * to the error output (and merge in the input item's fields). `error` keeps the description and
 * the HTTP status for the next node. (An item's `error` property would make n8n replace the json
 * with the message alone.)
 */
function toOutputItem(outcome: ItemOutcome, itemIndex: number): INodeExecutionData {
	if ('json' in outcome) {
		const { json, binary } = outcome;
		return { json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } };
	}
	const { message, description } = outcome.error;
	const httpCode = outcome.error instanceof NodeApiError ? outcome.error.httpCode : null;
	return {
		json: { message, error: { message, description: description ?? null, httpCode } },
		pairedItem: { item: itemIndex },
	};
}

/** The file in n8n's binary data (kept by n8n's binary data mode: memory, disk or S3). */
async function withBinary(context: IExecuteFunctions, result: WithFile): Promise<IBinaryKeyData> {
	const { data, fileName, mimeType } = result.file;
	return { [result.property]: await context.helpers.prepareBinaryData(data, fileName, mimeType) };
}

function mayHaveActed(error: unknown): boolean {
	return (
		(error instanceof NodeApiError || error instanceof NodeOperationError) &&
		error.context.mayHaveActed === true
	);
}

/** e.g. "item 4", "items 4–9, 12". */
export function listItems(indices: number[]): string {
	const sorted = [...indices].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let i = 0; i < sorted.length; ) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		ranges.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
		i = j + 1;
	}
	return `${sorted.length === 1 ? 'item' : 'items'} ${ranges.join(', ')}`;
}

/** The most completed items a stopped run's error describes one by one. */
const MAX_DESCRIBED = 10;

/**
 * A stopped run outputs nothing, so its error must say what Polar already did for other items
 * (requests in flight when the failure came), lest it happen unseen, and which items the node
 * never sent (still waiting for their turn), so that they can be run again.
 */
function describeStop(
	outcomes: Outcome[],
	describe: ((itemIndex: number) => string) | undefined,
	maybeDone: number[],
	notSent: number[],
	refused: number[] = [],
): string {
	const done = outcomes.flatMap((outcome, i) => (outcome && !('error' in outcome) ? [i] : []));
	const lines: string[] = [];
	// A batch may have completed thousands: then their ranges, not each one's description.
	if (describe && done.length > MAX_DESCRIBED) {
		lines.push(`Before the node stopped, Polar completed ${listItems(done)}.`);
	} else if (describe && done.length) {
		lines.push(
			`Before the node stopped, Polar completed ${done.map((i) => `item ${i} (${describe(i)})`).join(', ')}.`,
		);
	}
	if (describe && maybeDone.length > MAX_DESCRIBED) {
		lines.push(`Polar may also have completed ${listItems(maybeDone)}: the answer was lost.`);
	} else if (describe && maybeDone.length) {
		lines.push(
			`Polar may also have completed ${maybeDone.map((i) => `item ${i} (${describe(i)})`).join(', ')}: the answer was lost.`,
		);
	}
	if (refused.length) {
		lines.push(
			`Polar refused ${listItems(refused)} with it, in the same request: nothing was done for them.`,
		);
	}
	if (notSent.length) {
		lines.push(`The node stopped before sending ${listItems(notSent)} to Polar.`);
	}
	return lines.join(' ');
}

/**
 * Runs the chosen operation over every input item: every item ends as exactly one output
 * item, its result or (with On Error: Continue) its error, paired with its input.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	// With On Error: Stop, the first failed item (in input order) fails the node; otherwise
	// each failure becomes that item's output.
	const continueOnFail = this.continueOnFail();
	const outcomes: Outcome[] = new Array(items.length);
	let firstFailure: { itemIndex: number; error: unknown } | undefined;
	// With Stop, items whose failure Polar may have acted on, other than the one reported.
	const maybeDone: number[] = [];
	// With Stop, items of a batch request Polar refused as a whole for another item.
	const refused: number[] = [];
	const failed = (itemIndex: number, error: unknown) => {
		if (continueOnFail) outcomes[itemIndex] = { error: asItemError(this, error, itemIndex) };
		else if (!firstFailure || itemIndex < firstFailure.itemIndex)
			firstFailure = { itemIndex, error };
	};
	// The client, once made: it knows which items it sent, and stops the rest after a failure.
	let polar: PolarClient | undefined;
	const throwFirstFailure = () => {
		if (!firstFailure) return;
		const failedItem = firstFailure.itemIndex;
		const error = asItemError(this, firstFailure.error, failedItem);
		const { describeDone } = operation;
		// Only once something was sent: bad input stops the node before anything is.
		const notSent = items.flatMap((_, i) =>
			polar && i !== failedItem && !outcomes[i] && !maybeDone.includes(i) && !polar.wasSent(i)
				? [i]
				: [],
		);
		const sentAny = items.some((_, i) => polar?.wasSent(i));
		const done = describeStop(
			outcomes,
			describeDone && ((i) => describeDone(inputs[i])),
			maybeDone,
			sentAny ? notSent : [],
			refused.filter((i) => i !== failedItem && !outcomes[i]),
		);
		if (done) error.description = error.description ? `${error.description}\n\n${done}` : done;
		throw error;
	};

	// Every item is read and checked before anything is sent.
	const inputs: unknown[] = items.map((_, itemIndex) => {
		try {
			return readItem(this, itemIndex, () => operation.prepare.call(this, itemIndex));
		} catch (error) {
			failed(itemIndex, error);
			return undefined;
		}
	});
	throwFirstFailure();

	// An item's failure once sent: with Stop, nothing else is sent.
	const failedWhenSent = (itemIndex: number, error: unknown) => {
		// Kept from being sent by the stop below: not a failure of its own (though an earlier
		// attempt, retried, may have been acted on).
		if (isNotSent(error)) {
			if (mayHaveActed(error)) maybeDone.push(itemIndex);
			return;
		}
		if (!continueOnFail && mayHaveActed(error)) maybeDone.push(itemIndex);
		failed(itemIndex, error);
		// With Stop, requests still waiting for their turn are not sent.
		if (!continueOnFail) polar?.stop();
	};

	const options = readClientOptions(this);
	const { sendBatch, send } = operation;
	if (sendBatch) {
		// Every item at once, for an endpoint that takes many in one request.
		const batch = inputs.flatMap((input, itemIndex) =>
			outcomes[itemIndex] ? [] : [{ itemIndex, input }],
		);
		try {
			if (batch.length > 0) polar = await PolarClient.create(this, options);
		} catch (error) {
			// A credential the client refuses fails every item, as in the item loop.
			for (const { itemIndex } of batch) failed(itemIndex, error);
		}
		if (polar) {
			await sendBatch(polar, batch, {
				succeeded: (itemIndex, json) => (outcomes[itemIndex] = { json }),
				failed: failedWhenSent,
				refused: (itemIndex) => refused.push(itemIndex),
				get stopping() {
					return firstFailure !== undefined;
				},
				continueOnFail,
			});
		}
	} else if (send) {
		// Requests run a few at a time (Max Concurrent Requests); outcomes keep the input's order.
		let client: Promise<PolarClient> | undefined;
		await runConcurrently(
			items.length,
			options.concurrency,
			async (itemIndex) => {
				if (outcomes[itemIndex]) return;
				try {
					client ??= PolarClient.create(this, options);
					polar = await client;
					const result = await send(polar, inputs[itemIndex], itemIndex);
					outcomes[itemIndex] = Array.isArray(result)
						? { list: result }
						: result instanceof WithFile
							? { json: result.json, binary: await withBinary(this, result) }
							: { json: result };
				} catch (error) {
					failedWhenSent(itemIndex, error);
				}
			},
			() => firstFailure !== undefined,
		);
	}
	throwFirstFailure();

	return [
		outcomes.flatMap((outcome, itemIndex) =>
			'list' in outcome
				? outcome.list.map((json) => toOutputItem({ json }, itemIndex))
				: [toOutputItem(outcome, itemIndex)],
		),
	];
}
