// Calendar arithmetic in a named time zone, as Postgres does it after Polar's quantities query
// sets `SET LOCAL TIME ZONE` (server/polar/meter/service.py get_quantities): generate_series
// steps by '1 <interval>' in local wall time (an hour is 3600 s), and date_trunc cuts local time.

export type TimeInterval = 'year' | 'month' | 'week' | 'day' | 'hour';

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at `instant` (ms) in `zone`. */
function wallAt(instant: number, zone: string): Wall {
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, format);
	}
	const parts = Object.fromEntries(
		format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
	);
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

const asUtc = (wall: Wall) =>
	Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** The instant a wall-clock time in `zone` stands for (the earlier one where DST repeats it). */
function instantOf(wall: Wall, zone: string): number {
	const guess = asUtc(wall);
	const first = guess - (asUtc(wallAt(guess, zone)) - guess);
	return guess - (asUtc(wallAt(first, zone)) - first);
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `instant` plus one interval, as timestamptz + interval '1 …' in `zone`. */
export function addInterval(instant: number, interval: TimeInterval, zone: string): number {
	if (interval === 'hour') return instant + 3600_000;
	const wall = wallAt(instant, zone);
	const millis = instant % 1000;
	if (interval === 'day' || interval === 'week') {
		const days = interval === 'day' ? 1 : 7;
		const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
		const moved = {
			...wall,
			year: next.getUTCFullYear(),
			month: next.getUTCMonth() + 1,
			day: next.getUTCDate(),
		};
		return instantOf(moved, zone) + millis;
	}
	const months = wall.month - 1 + (interval === 'month' ? 1 : 12);
	const year = wall.year + Math.floor(months / 12);
	const month = (months % 12) + 1;
	// Postgres keeps the day of the month, cut to the month's last day.
	const day = Math.min(wall.day, daysIn(year, month));
	return instantOf({ ...wall, year, month, day }, zone) + millis;
}

/** date_trunc(interval, instant) in `zone`, as a key: equal keys, same bucket. */
export function truncate(instant: number, interval: TimeInterval, zone: string): string {
	const wall = wallAt(instant, zone);
	let { year, month, day } = wall;
	if (interval === 'week') {
		// Postgres weeks start on Monday.
		const date = new Date(Date.UTC(year, month - 1, day));
		date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
		[year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
	}
	if (interval === 'year') month = 1;
	if (interval === 'year' || interval === 'month') day = 1;
	const hour = interval === 'hour' ? wall.hour : 0;
	return `${year}-${month}-${day}T${hour}`;
}

/** The instant of midnight starting the calendar day `date` (YYYY-MM-DD) in `zone`. */
export function midnightOf(date: string, zone: string): number {
	const [year, month, day] = date.split('-').map(Number);
	return instantOf({ year, month, day, hour: 0, minute: 0, second: 0 }, zone);
}
