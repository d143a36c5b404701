import type { IDataObject } from 'n8n-workflow';

/**
 * An error as the harness reports it. n8n keeps errors in run data either as the thrown
 * instance (task data) or as a spread copy without its prototype (`resultData.error`), so
 * tests must never rely on `instanceof`: assert on these fields instead.
 */
export interface NormalisedError {
	/** `NodeOperationError`, `NodeApiError`, `WorkflowHasIssuesError`, ... */
	name: string;
	message: string;
	description?: string | null;
	/** `context.itemIndex` (where n8n's node errors keep it) or a top-level `itemIndex`. */
	itemIndex?: number;
	/** HTTP status as n8n records it on `NodeApiError` (a string, e.g. `'404'`). */
	httpCode?: string | null;
	/** The error's `context` object (itemIndex, runIndex, parameter, ...). */
	context?: IDataObject;
	/** Name of the node the error belongs to, when n8n recorded it. */
	nodeName?: string;
	/** The error object exactly as found in the run data. */
	raw: unknown;
}

function asRecord(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function optionalString(value: unknown): string | null | undefined {
	if (value === null) return null;
	if (value === undefined) return undefined;
	return typeof value === 'string' ? value : String(value);
}

/** Turns an error found in n8n run data (instance or plain object) into a `NormalisedError`. */
export function normaliseError(error: unknown): NormalisedError {
	const record = asRecord(error);
	const context = asRecord(record.context);
	const node = asRecord(record.node);

	let name = typeof record.name === 'string' ? record.name : undefined;
	if (name === undefined && error instanceof Error) name = error.constructor.name;

	const rawItemIndex = context.itemIndex ?? record.itemIndex;
	const normalised: NormalisedError = {
		name: name ?? 'Error',
		message: typeof record.message === 'string' ? record.message : String(error),
		raw: error,
	};

	const description = optionalString(record.description);
	if (description !== undefined) normalised.description = description;
	if (typeof rawItemIndex === 'number') normalised.itemIndex = rawItemIndex;
	const httpCode = optionalString(record.httpCode);
	if (httpCode !== undefined) normalised.httpCode = httpCode;
	if (Object.keys(context).length > 0) normalised.context = context as IDataObject;
	if (typeof node.name === 'string') normalised.nodeName = node.name;

	return normalised;
}
