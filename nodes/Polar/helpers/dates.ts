import type { IDataObject } from 'n8n-workflow';

import { asText, InputError } from './validation';

/**
 * A date and time for Polar (ISO 8601 with an offset, as its date filters require), from n8n's
 * Date & Time field or an expression; empty: undefined. A time without an offset is read in
 * the n8n instance's time zone, as n8n's date fields mean it.
 */
export function readDateTime(value: unknown, field: string): string | undefined {
	if (value instanceof Date) return value.toISOString();
	const text = asText(value, field);
	if (!text) return undefined;
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) {
		throw new InputError(field, `"${text}" is not a date and time, e.g. 2025-01-31T00:00:00Z`);
	}
	return new Date(ms).toISOString();
}

/**
 * A filter's time window, e.g. Created After / Created Before, as Polar's `created_after` and
 * `created_before`; the end must come after the start.
 */
export function readDateWindow(
	filters: IDataObject,
	word: 'Created' | 'Started',
): Record<string, string> {
	const key = word.toLowerCase();
	const qs: Record<string, string> = {};
	const after = readDateTime(filters[`${key}After`], `Filters → ${word} After`);
	if (after) qs[`${key}_after`] = after;
	const before = readDateTime(filters[`${key}Before`], `Filters → ${word} Before`);
	if (before) qs[`${key}_before`] = before;
	if (after && before && after >= before) {
		throw new InputError(`Filters → ${word} Before`, `is not after ${word} After`);
	}
	return qs;
}
