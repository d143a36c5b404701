import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import * as customerSession from './customerSession/CustomerSession.resource';
import { readClientOptions } from '../helpers/options';
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

function toOutputItem(outcome: Outcome, itemIndex: number): INodeExecutionData {
	if ('json' in outcome) return { json: outcome.json, pairedItem: { item: itemIndex } };
	const { error } = outcome;
	return {
		json: { error: error.message, description: error.description ?? null },
		error,
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs the chosen operation over every input item. All items are read and checked first,
 * so bad input stops the node before anything is sent; then every item ends as exactly one
 * output item, its result or (with On Error: Continue) its error, paired with its input.
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
	const continueOnFail = this.continueOnFail();
	const fail = (error: unknown, itemIndex: number): Outcome => {
		if (!continueOnFail) throw error;
		return { error: asItemError(this, error, itemIndex) };
	};

	const inputs = items.map((_, itemIndex) => {
		try {
			return { input: readItem(this, itemIndex, () => operation.prepare.call(this, itemIndex)) };
		} catch (error) {
			return fail(error, itemIndex);
		}
	});

	const outcomes: Outcome[] = [];
	let client: PolarClient | undefined;
	for (const [itemIndex, prepared] of inputs.entries()) {
		if (!('input' in prepared)) {
			outcomes.push(prepared);
			continue;
		}
		try {
			client ??= await PolarClient.create(this, readClientOptions(this));
			outcomes.push({ json: await operation.send(client, prepared.input, itemIndex) });
		} catch (error) {
			outcomes.push(fail(error, itemIndex));
		}
	}

	return [outcomes.map(toOutputItem)];
}
