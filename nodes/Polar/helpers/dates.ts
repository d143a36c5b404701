import type { IDataObject } from 'n8n-workflow';

import { asText, InputError } from './validation';

/**
 * Every date-time field's value, read one way. ISO 8601 with a zone (Z, +02:00) is taken as
 * given; without one it is read in `zone`: the workflow's time zone (`this.getTimezone()`, which
 * is n8n's $now zone: the workflow's Timezone setting, else the instance's GENERIC_TIMEZONE).
 * A date object from an expression ($now, a JS Date) is its own instant.
 */

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const FORMAT_HINT =
	'Use ISO 8601, e.g. 2026-05-01T12:00:00Z; without a zone (Z, +02:00) it is read in the workflow’s time zone.';

/** The wall-clock time in `zone` at `instant` (whole seconds), as if it were UTC. */
function wallAsUtc(instant: number, zone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		})
			.formatToParts(instant)
			.map((part) => [part.type, Number(part.value)]),
	);
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The instant a wall-clock time in whole seconds (given as if UTC) stands for in `zone`. */
function inZone(wall: number, zone: string): number {
	const first = wall - (wallAsUtc(wall, zone) - wall);
	return wall - (wallAsUtc(first, zone) - first);
}

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** ±hh:mm or ±hhmm in minutes east of UTC; Z is 0. */
function offsetMinutes(offset: string): number {
	if (offset.toUpperCase() === 'Z') return 0;
	const digits = offset.replace(':', '');
	const hours = Number(digits.slice(1, 3));
	const minutes = Number(digits.slice(3, 5));
	if (hours > 23 || minutes > 59) return NaN;
	return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** An instant in UTC ISO 8601 with the second's fraction to the digits given, at least 3. */
function isoWithFraction(wholeSeconds: number, fraction: string): string {
	const digits = fraction.replace(/0+$/, '').padEnd(3, '0');
	return new Date(wholeSeconds).toISOString().replace(/\.\d{3}Z$/, `.${digits}Z`);
}

/**
 * A date-time field's value as UTC ISO 8601, keeping every digit of the second's fraction given
 * (2026-05-01T12:00:00.123456Z, not rounded to the millisecond; 3 digits at least, as Date's
 * toISOString has them); empty: undefined.
 */
export function readDateTime(value: unknown, field: string, zone: string): string | undefined {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new InputError(field, 'is an invalid date');
		return value.toISOString();
	}
	if (value !== null && typeof value === 'object' && 'toMillis' in value) {
		// A Luxon DateTime, as {{ $now }} gives: an instant to the millisecond.
		const ms = (value as { toMillis(): number }).toMillis();
		if (Number.isNaN(ms)) throw new InputError(field, 'is an invalid date');
		return new Date(ms).toISOString();
	}
	const text = asText(value, field);
	if (!text) return undefined;
	const match = DATE_TIME.exec(text);
	if (!match) throw new InputError(field, `"${text}" is not a date and time`, FORMAT_HINT);
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	const check = new Date(wall);
	if (
		check.getUTCFullYear() !== +year ||
		check.getUTCMonth() !== +month - 1 ||
		check.getUTCDate() !== +day ||
		check.getUTCHours() !== +hour ||
		check.getUTCMinutes() !== +minute ||
		check.getUTCSeconds() !== +second
	) {
		throw new InputError(field, `"${text}" is not a date and time`, FORMAT_HINT);
	}
	if (!offset && !isTimeZone(zone)) {
		throw new InputError(
			field,
			`has no time zone, and the workflow’s time zone "${zone}" is not one`,
			'Add a zone to the value (e.g. 2026-05-01T12:00:00Z), or set the workflow’s Timezone setting.',
		);
	}
	const instant = offset ? wall - offsetMinutes(offset) * 60_000 : inZone(wall, zone);
	if (Number.isNaN(instant)) {
		throw new InputError(field, `"${text}" has no such time zone offset`, FORMAT_HINT);
	}
	return isoWithFraction(instant, fraction);
}

/** A date-time field that must be set. */
export function requireDateTime(value: unknown, field: string, zone: string): string {
	const iso = readDateTime(value, field, zone);
	if (iso === undefined) throw new InputError(field, 'is empty', FORMAT_HINT);
	return iso;
}

/**
 * A filter's time window, e.g. Created After / Created Before, as Polar's `created_after` and
 * `created_before`; the end must come after the start.
 */
export function readDateWindow(
	filters: IDataObject,
	word: 'Created' | 'Started',
	zone: string,
): Record<string, string> {
	const key = word.toLowerCase();
	const qs: Record<string, string> = {};
	const after = readDateTime(filters[`${key}After`], `Filters → ${word} After`, zone);
	if (after) qs[`${key}_after`] = after;
	const before = readDateTime(filters[`${key}Before`], `Filters → ${word} Before`, zone);
	if (before) qs[`${key}_before`] = before;
	if (after && before && Date.parse(after) >= Date.parse(before)) {
		throw new InputError(`Filters → ${word} Before`, `is not after ${word} After`);
	}
	return qs;
}
