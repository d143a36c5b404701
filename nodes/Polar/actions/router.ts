import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import * as customerSession from './customerSession/CustomerSession.resource';
import { readClientOptions } from '../helpers/options';
import { runConcurrently } from '../helpers/pool';
import { readItem } from '../helpers/validation';
import { PolarClient } from '../transport/PolarClient';

/** An operation that turns one input item into one Polar request and one output item. */
interface ItemOperation<Input> {
	prepare(this: IExecuteFunctions, itemIndex: number): Input;
	send(client: PolarClient, input: Input, itemIndex: number): Promise<IDataObject>;
}

const operations: Record<string, Record<string, ItemOperation<unknown>>> = {
	customerSession: { create: customerSession.create },
};

type ItemError = NodeApiError | NodeOperationError;
type Outcome = { json: IDataObject } | { error: ItemError };

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
function toOutputItem(outcome: Outcome, itemIndex: number): INodeExecutionData {
	if ('json' in outcome) return { json: outcome.json, pairedItem: { item: itemIndex } };
	const { message, description } = outcome.error;
	const httpCode = outcome.error instanceof NodeApiError ? outcome.error.httpCode : null;
	return {
		json: { message, error: { message, description: description ?? null, httpCode } },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs the chosen operation over every input item: every item ends as exactly one output
 * item, its result or (with On Error: Continue) its error, paired with its input.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
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
	const failed = (itemIndex: number, error: unknown) => {
		if (continueOnFail) outcomes[itemIndex] = { error: asItemError(this, error, itemIndex) };
		else if (!firstFailure || itemIndex < firstFailure.itemIndex)
			firstFailure = { itemIndex, error };
	};
	const throwFirstFailure = () => {
		if (firstFailure) throw asItemError(this, firstFailure.error, firstFailure.itemIndex);
	};

	// Every item is read and checked before anything is sent.
	const inputs = items.map((_, itemIndex) => {
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
				outcomes[itemIndex] = {
					json: await operation.send(await client, inputs[itemIndex], itemIndex),
				};
			} catch (error) {
				failed(itemIndex, error);
			}
		},
		() => firstFailure !== undefined,
	);
	throwFirstFailure();

	return [outcomes.map(toOutputItem)];
}
