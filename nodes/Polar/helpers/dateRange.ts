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
