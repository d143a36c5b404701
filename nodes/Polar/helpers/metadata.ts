import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError, requireText } from './validation';

/**
 * Metadata as Polar types it (its MetadataField): up to 50 keys of 1 to 40 characters, each
 * value a string of 1 to 500 characters, a number or a boolean. Polar counts characters as
 * Python does, in code points: an emoji is one. Numbers are sent as JSON numbers, since
 * Polar's meters aggregate numbers only. Shared by every resource that takes metadata.
 */

export const MAX_METADATA_PAIRS = 50;
export const MAX_METADATA_KEY = 40;
export const MAX_METADATA_VALUE = 500;

export type MetadataValue = string | number | boolean;
type MetadataType = 'string' | 'number' | 'boolean';

/** A decimal number as people type one: 42, -3, 9.99, 1e6 (not 0x10, not Infinity). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Characters as Polar counts them: code points, so an emoji is one. */
export const characterCount = (text: string): number => [...text].length;

/** The Metadata parameter: one entry per key, its value typed String, Number or Boolean. */
export function metadataField(description: string, typed = true): INodeProperties {
	const key: INodeProperties = {
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		placeholder: 'e.g. plan',
	};
	const type: INodeProperties = {
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Boolean', value: 'boolean', description: 'Sent as true or false' },
			{
				name: 'Number',
				value: 'number',
				description: 'Sent as a number, e.g. 42 or 9.99: what Polar’s meters can add up',
			},
			{ name: 'String', value: 'string', description: 'Sent as text, e.g. "pro" or "42"' },
		],
		default: 'string',
		description: 'How Polar stores the value',
	};
	const value: INodeProperties = {
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		placeholder: 'e.g. pro',
		description: typed
			? 'Text of at most 500 characters; for Number, a number such as 42 or 9.99; for Boolean, true or false'
			: undefined,
	};
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: typed ? 'Add Metadata' : 'Add Metadata Filter',
		default: {},
		description,
		options: [
			{ name: 'entries', displayName: 'Entry', values: typed ? [key, type, value] : [key, value] },
		],
	};
}

function readString(value: unknown, field: string): string {
	const text =
		typeof value === 'number' || typeof value === 'boolean'
			? String(value)
			: requireText(value, field);
	if (!text) throw new InputError(field, 'is empty');
	const length = characterCount(text);
	if (length > MAX_METADATA_VALUE) {
		throw new InputError(
			field,
			`is ${length} characters long; Polar accepts at most ${MAX_METADATA_VALUE}`,
		);
	}
	return text;
}

function readNumber(value: unknown, field: string): number {
	const number =
		typeof value === 'number'
			? value
			: DECIMAL.test(requireText(value, field))
				? Number(requireText(value, field))
				: NaN;
	if (!Number.isFinite(number)) {
		throw new InputError(
			field,
			`${JSON.stringify(value)} is not a number (Type is Number), e.g. 42 or 9.99`,
			'Choose the type String to store it as text.',
		);
	}
	return number;
}

function readBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	const text = requireText(value, field).toLowerCase();
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InputError(
		field,
		`${JSON.stringify(value)} is not true or false (Type is Boolean)`,
		'Choose the type String to store it as text.',
	);
}

const readers: Record<MetadataType, (value: unknown, field: string) => MetadataValue> = {
	string: readString,
	number: readNumber,
	boolean: readBoolean,
};

/**
 * The metadata object of the Metadata parameter, within Polar's limits. Keys are data, not
 * property names: "constructor" or "__proto__" are kept as keys and reach Polar.
 */
export function readMetadata(value: unknown, field = 'Metadata'): IDataObject {
	const entries = ((value as IDataObject | undefined)?.entries ?? []) as IDataObject[];
	if (entries.length === 0) {
		// An empty Metadata field would send {} and erase what the object has.
		throw new InputError(field, 'has no entries: add a key and value, or remove the field');
	}
	if (entries.length > MAX_METADATA_PAIRS) {
		throw new InputError(
			field,
			`has ${entries.length} pairs; Polar stores at most ${MAX_METADATA_PAIRS}`,
		);
	}
	const pairs = new Map<string, MetadataValue>();
	for (const entry of entries) {
		const key = requireText(entry.key, `${field} key`);
		const length = characterCount(key);
		if (length > MAX_METADATA_KEY) {
			throw new InputError(
				`${field} key`,
				`"${key}" is ${length} characters long; Polar accepts at most ${MAX_METADATA_KEY}`,
			);
		}
		if (pairs.has(key)) throw new InputError(`${field} key`, `"${key}" is set twice`);
		const type = String(entry.type ?? 'string') as MetadataType;
		const read = Object.hasOwn(readers, type) ? readers[type] : undefined;
		if (!read)
			throw new InputError(
				`${field} type of "${key}"`,
				`"${type}" is not String, Number or Boolean`,
			);
		pairs.set(key, read(entry.value, `${field} value of "${key}"`));
	}
	// Object.fromEntries defines each key as the object's own: "__proto__" stays a key.
	return Object.fromEntries(pairs);
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/**
 * Metadata given as one JSON object (e.g. {{ $json.usage }}, or its text), for many items mapped
 * at once: each value keeps its JSON type, so 42 is a number and "42" text. Nested objects and
 * arrays are refused, but for the keys in `structured`, passed to `readStructured`.
 */
export function readMetadataJson(
	value: unknown,
	field: string,
	readStructured: Record<string, (value: unknown, field: string) => IDataObject> = {},
): IDataObject {
	let object = value;
	if (typeof value === 'string') {
		if (!value.trim()) return {};
		object = parseJson(value);
		if (object === NOT_JSON) {
			throw new InputError(field, 'is not valid JSON: give an object, e.g. {"tokens": 42}');
		}
	}
	if (object === null || object === undefined) return {};
	if (typeof object !== 'object' || Array.isArray(object)) {
		throw new InputError(
			field,
			`is ${Array.isArray(object) ? 'an array' : typeof object}, not an object`,
		);
	}
	const entries = Object.entries(object as IDataObject);
	if (entries.length > MAX_METADATA_PAIRS) {
		throw new InputError(
			field,
			`has ${entries.length} keys; Polar stores at most ${MAX_METADATA_PAIRS}`,
		);
	}
	const pairs = new Map<string, unknown>();
	for (const [key, entry] of entries) {
		const length = characterCount(key);
		if (length === 0 || length > MAX_METADATA_KEY) {
			throw new InputError(
				`${field} key`,
				`"${key}" is ${length} characters long; Polar accepts 1 to ${MAX_METADATA_KEY}`,
			);
		}
		const at = `${field} value of "${key}"`;
		if (Object.hasOwn(readStructured, key)) pairs.set(key, readStructured[key](entry, at));
		else if (typeof entry === 'number') pairs.set(key, readNumber(entry, at));
		else if (typeof entry === 'boolean') pairs.set(key, entry);
		else if (typeof entry === 'string') pairs.set(key, readString(entry, at));
		else {
			throw new InputError(
				at,
				`is ${entry === null ? 'null' : Array.isArray(entry) ? 'an array' : typeof entry}; Polar takes text, a number or true/false`,
			);
		}
	}
	return Object.fromEntries(pairs) as IDataObject;
}
