import { InputError } from './validation';

/** Polar's quantities intervals (TimeInterval). */
export type TimeInterval = 'hour' | 'day' | 'week' | 'month' | 'year';

// server/polar/kit/time_queries.py: no data before 2023, and the longest range per interval.
const EARLIEST = Date.UTC(2023, 0, 1);
const MAX_DAYS: Record<TimeInterval, number> = {
	hour: 7,
	day: 366,
	week: 7 * 53,
	month: 365 * 4,
	year: 365 * 10,
};
const DAY = 86_400_000;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** The wall-clock time in `zone` as if it were UTC, to measure the zone's offset. */
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

/** The instant a wall-clock time (given as if UTC) stands for in `zone`. */
function inZone(wall: number, zone: string): number {
	const first = wall - (wallAsUtc(wall, zone) - wall);
	return wall - (wallAsUtc(first, zone) - first);
}

/**
 * A date-time field's value as an instant: ISO text (with an offset, or read in `zone`
 * without one, as n8n's date picker gives it) or a date object from an expression ($now).
 */
export function readDateTime(value: unknown, field: string, zone: string): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'object' && value !== null && 'toMillis' in value) {
		return (value as { toMillis(): number }).toMillis();
	}
	const text = typeof value === 'string' ? value.trim() : '';
	const match = DATE_TIME.exec(text);
	if (!match) {
		throw new InputError(
			field,
			text ? `"${text}" is not a date and time` : 'is empty',
			'Use ISO 8601, e.g. 2025-05-01T00:00:00Z, or pick a date.',
		);
	}
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
	const wall = Date.UTC(
		+year,
		+month - 1,
		+day,
		+hour,
		+minute,
		+second,
		+fraction.padEnd(3, '0').slice(0, 3),
	);
	const instant = offset ? Date.parse(text.replace(' ', 'T')) : inZone(wall, zone);
	if (Number.isNaN(instant) || new Date(wall).getUTCDate() !== +day) {
		throw new InputError(field, `"${text}" is not a date and time`);
	}
	return instant;
}

/** Polar's TimeInterval, shortest first, with the longest range Polar takes for each. */
export const INTERVAL_OPTIONS = [
	{ name: 'Hour', value: 'hour', description: 'At most 7 days' },
	{ name: 'Day', value: 'day', description: 'At most 366 days' },
	{ name: 'Week', value: 'week', description: 'Weeks start on Monday; at most 53 weeks' },
	{ name: 'Month', value: 'month', description: 'At most 4 years' },
	{ name: 'Year', value: 'year', description: 'At most 10 years' },
];

/** The fields a range is read from, to name the one at fault. */
export interface RangeFields {
	start: string;
	end: string;
	interval: string;
	/** Whether Polar refuses a start before 2023 (quantities do; metrics answer zeros). */
	refusesBefore2023: boolean;
}

const QUANTITIES: RangeFields = {
	start: 'Start',
	end: 'End',
	interval: 'Interval',
	refusesBefore2023: true,
};

/** Checks a range as Polar would (time_queries.py is_under_limits), so a range it refuses is not sent. */
export function checkRange(
	start: number,
	end: number,
	interval: TimeInterval,
	fields: RangeFields = QUANTITIES,
): void {
	if (fields.refusesBefore2023 && start < EARLIEST) {
		throw new InputError(fields.start, 'is before 2023-01-01, where Polar’s data begins');
	}
	if (start > end) throw new InputError(fields.end, `is before ${fields.start}`);
	const days = Math.floor(end / DAY) - Math.floor(start / DAY);
	if (days > MAX_DAYS[interval]) {
		throw new InputError(
			fields.interval,
			`${interval} covers at most ${MAX_DAYS[interval]} days, and ${fields.start} to ${fields.end} spans ${days}`,
			'Choose a longer interval or a shorter range.',
		);
	}
}

/** An instant as Polar's timestamps read: ISO 8601 in UTC. */
export const isoUtc = (instant: number): string => new Date(instant).toISOString();
