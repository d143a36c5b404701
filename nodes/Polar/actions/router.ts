import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import * as customer from './customer/Customer.resource';
import * as customerSession from './customerSession/CustomerSession.resource';
import { readClientOptions } from '../helpers/options';
import { runConcurrently } from '../helpers/pool';
import { readItem } from '../helpers/validation';
import { PolarClient } from '../transport/PolarClient';

/**
 * An operation: reads and checks one input item (throwing an InputError that names the field),
 * then sends what it read to Polar and returns the item's result: one object, or a list that
 * becomes one output item each (Get Many).
 */
export interface ItemOperation<Input> {
	prepare(this: IExecuteFunctions, itemIndex: number): Input;
	send(client: PolarClient, input: Input, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** For operations that change Polar: what an item did, for a stopped run's error. */
	describeDone?(input: Input): string;
}

/** Every resource's operations: adding one is a file beside its resource and a line there. */
const resources: Record<string, Record<string, ItemOperation<unknown>>> = {
	customer: customer.operations,
	customerSession: customerSession.operations,
};

type ItemError = NodeApiError | NodeOperationError;
type ItemOutcome = { json: IDataObject } | { error: ItemError };
type Outcome = ItemOutcome | { list: IDataObject[] };

function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * A failed item as n8n's "Continue" settings expect it on every version: json of exactly
 * `message` and `error`, the keys n8n 1.x and 2.x before 2.36 accept before they send an item
 * to the error output (and merge in the input item's fields). `error` keeps the description and
 * the HTTP status for the next node. (An item's `error` property would make n8n replace the json
 * with the message alone.)
 */
function toOutputItem(outcome: ItemOutcome, itemIndex: number): INodeExecutionData {
	if ('json' in outcome) return { json: outcome.json, pairedItem: { item: itemIndex } };
	const { message, description } = outcome.error;
	const httpCode = outcome.error instanceof NodeApiError ? outcome.error.httpCode : null;
	return {
		json: { message, error: { message, description: description ?? null, httpCode } },
		pairedItem: { item: itemIndex },
	};
}

function mayHaveActed(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.mayHaveActed === true;
}

/**
 * A stopped run outputs nothing, so its error must say what Polar already did for other items
 * (requests in flight when the failure came), lest it happen unseen.
 */
function describeDoneBeforeStop(
	outcomes: Outcome[],
	describe: (itemIndex: number) => string,
	maybeDone: number[],
): string {
	const done = outcomes.flatMap((outcome, i) => ('error' in outcome ? [] : [i]));
	const lines: string[] = [];
	if (done.length) {
		lines.push(
			`Before the node stopped, Polar completed ${done.map((i) => `item ${i} (${describe(i)})`).join(', ')}.`,
		);
	}
	if (maybeDone.length) {
		lines.push(
			`Polar may also have completed ${maybeDone.map((i) => `item ${i} (${describe(i)})`).join(', ')}: the answer was lost.`,
		);
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
	const failed = (itemIndex: number, error: unknown) => {
		if (continueOnFail) outcomes[itemIndex] = { error: asItemError(this, error, itemIndex) };
		else if (!firstFailure || itemIndex < firstFailure.itemIndex)
			firstFailure = { itemIndex, error };
	};
	const throwFirstFailure = () => {
		if (!firstFailure) return;
		const error = asItemError(this, firstFailure.error, firstFailure.itemIndex);
		const { describeDone } = operation;
		const done = describeDone
			? describeDoneBeforeStop(outcomes, (i) => describeDone(inputs[i]), maybeDone)
			: '';
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

	// Requests run a few at a time (Max Concurrent Requests); outcomes keep the input's order.
	const options = readClientOptions(this);
	let client: Promise<PolarClient> | undefined;
	await runConcurrently(
		items.length,
		options.concurrency,
		async (itemIndex) => {
			if (outcomes[itemIndex]) return;
			try {
				client ??= PolarClient.create(this, options);
				const result = await operation.send(await client, inputs[itemIndex], itemIndex);
				outcomes[itemIndex] = Array.isArray(result) ? { list: result } : { json: result };
			} catch (error) {
				if (!continueOnFail && mayHaveActed(error)) maybeDone.push(itemIndex);
				failed(itemIndex, error);
			}
		},
		() => firstFailure !== undefined,
	);
	throwFirstFailure();

	return [
		outcomes.flatMap((outcome, itemIndex) =>
			'list' in outcome
				? outcome.list.map((json) => toOutputItem({ json }, itemIndex))
				: [toOutputItem(outcome, itemIndex)],
		),
	];
}
