import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { keepMessage } from '../transport/errors';
import { pathSegmentProblem } from '../transport/path';

/**
 * Checks on parameter values that run before any request, so bad input fails with the
 * field's name and the item's number instead of a round trip and Polar's wording.
 */

/** Polar's IDs are version-4 UUIDs; its API refuses any other version. */
export const UUID4_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';
const UUID4 = new RegExp(UUID4_PATTERN);

export const isUuid4 = (text: string): boolean => UUID4.test(text);
const MAX_URL_LENGTH = 2083;
/** Half of a character outside the BMP (an emoji, say) without its other half: not text. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A parameter value the node cannot send; readItem turns it into n8n's error for the item. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint?: string,
	) {
		super(`${field} ${problem}`);
	}
}

/** The typed text of a parameter: numbers become text, objects and arrays are refused, blanks trimmed. */
export function asText(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') {
		// It cannot be encoded as UTF-8: in a path it would fail to encode, in a body Polar
		// would refuse or mangle it.
		if (LONE_SURROGATE.test(value)) {
			throw new InputError(
				field,
				'contains a lone surrogate (half of a character such as an emoji, e.g. from text cut short), which cannot be sent',
				'Check the text or the expression that sets it.',
			);
		}
		return value.trim();
	}
	if (typeof value === 'bigint') return String(value);
	if (typeof value === 'number') {
		// 1e21 would become "1e+21", and 12345678901234567890 an ID off by a few: not what was meant.
		if (Number.isSafeInteger(value)) return String(value);
		throw new InputError(
			field,
			`is the number ${String(value)}, which cannot stand for an ID exactly`,
			'Give IDs as text, e.g. {{ String($json.id) }}, or as whole numbers below 2^53.',
		);
	}
	const kind = Array.isArray(value)
		? 'an array'
		: typeof value === 'object'
			? 'an object'
			: typeof value;
	throw new InputError(
		field,
		`resolved to ${kind}, not text`,
		'If it is set by an expression, point it at a single value, e.g. {{ $json.customer.id }} rather than {{ $json.customer }}.',
	);
}

export function requireText(value: unknown, field: string): string {
	const text = asText(value, field);
	if (!text) throw new InputError(field, 'is empty');
	return text;
}

/** A value that becomes one segment of an API path, e.g. an external ID in /customers/external/…. */
export function requirePathSegment(value: unknown, field: string, hint?: string): string {
	const text = requireText(value, field);
	const problem = pathSegmentProblem(text);
	if (problem) throw new InputError(field, problem, hint);
	return text;
}

export function requireUuid(
	value: unknown,
	field: string,
	hint = 'To use the ID from your own system, choose Ext. ID instead.',
): string {
	const text = requireText(value, field);
	if (!isUuid4(text)) {
		throw new InputError(
			field,
			`"${text}" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b)`,
			hint,
		);
	}
	return text;
}

export function requireHttpUrl(value: unknown, field: string): string {
	const text = requireText(value, field);
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new InputError(
			field,
			`"${text}" is not an absolute http(s) URL, e.g. https://example.com/account`,
		);
	}
	// Sent as a URI, as Polar's schema requires: non-ASCII characters percent-encoded.
	const uri = url.href;
	if (uri.length > MAX_URL_LENGTH) {
		throw new InputError(
			field,
			`is ${uri.length} characters long once encoded; Polar accepts at most ${MAX_URL_LENGTH}`,
		);
	}
	return uri;
}

/** The NodeOperationError n8n shows for an item's failure: an InputError names field and item. */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	if (error instanceof InputError) {
		const message = `${error.message} [item ${itemIndex}]`;
		return keepMessage(
			new NodeOperationError(context.getNode(), message, { itemIndex, description: error.hint }),
			message,
		);
	}
	// e.g. an expression that failed to evaluate; n8n's own error passes through unchanged.
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** Runs a parameter reader and turns an InputError into the NodeOperationError n8n shows for the item. */
export function readItem<T>(context: IExecuteFunctions, itemIndex: number, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw itemError(context, error, itemIndex);
	}
}
