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
