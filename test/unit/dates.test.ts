import { DateTime } from 'luxon';

import { readDateTime, requireDateTime } from '../../nodes/Polar/helpers/dates';

describe('a date-time field’s value, read one way for every field', () => {
	it.each([
		// Without a zone: the workflow's time zone, across daylight saving time.
		['2026-01-15T12:00:00', 'Europe/Berlin', '2026-01-15T11:00:00.000Z'],
		['2026-07-15T12:00:00', 'Europe/Berlin', '2026-07-15T10:00:00.000Z'],
		['2026-07-15 09:30', 'America/New_York', '2026-07-15T13:30:00.000Z'],
		['2026-07-15', 'Asia/Tokyo', '2026-07-14T15:00:00.000Z'],
		['2026-07-15T12:00:00.250', 'Asia/Kolkata', '2026-07-15T06:30:00.250Z'],
		// With a zone: as given, whatever the workflow's.
		['2026-07-15T12:00:00Z', 'Asia/Tokyo', '2026-07-15T12:00:00.000Z'],
		['2026-07-15T12:00:00+02:00', 'Asia/Tokyo', '2026-07-15T10:00:00.000Z'],
		['2026-07-15T12:00:00-0330', 'UTC', '2026-07-15T15:30:00.000Z'],
		// The second's fraction to every digit given.
		['2026-07-15T12:00:00.123456Z', 'UTC', '2026-07-15T12:00:00.123456Z'],
		['2026-07-15T12:00:00.123789+01:00', 'UTC', '2026-07-15T11:00:00.123789Z'],
		['2026-07-15T12:00:00.100Z', 'UTC', '2026-07-15T12:00:00.100Z'],
		['2026-07-15T12:00:00.123456789', 'Europe/London', '2026-07-15T11:00:00.123456789Z'],
	])('%s in %s is %s', (text, zone, iso) => {
		expect(readDateTime(text, 'Start', zone)).toBe(iso);
	});

	it('takes a date object from an expression as its instant', () => {
		const instant = Date.UTC(2026, 6, 15, 10, 0, 0, 5);
		expect(readDateTime(new Date(instant), 'Start', 'Asia/Tokyo')).toBe('2026-07-15T10:00:00.005Z');
		const luxon = DateTime.fromMillis(instant, { zone: 'America/Chicago' });
		expect(readDateTime(luxon, 'Start', 'Asia/Tokyo')).toBe('2026-07-15T10:00:00.005Z');
	});

	it('empty is undefined, or refused where the field is required', () => {
		expect(readDateTime('', 'Start', 'UTC')).toBeUndefined();
		expect(readDateTime(undefined, 'Start', 'UTC')).toBeUndefined();
		expect(() => requireDateTime(' ', 'Trial End', 'UTC')).toThrow('Trial End is empty');
	});

	it.each([
		['2026-02-30T12:00:00Z', 'no such day'],
		['2026-07-15T24:30:00Z', 'no such hour'],
		['2026-07-15T12:00:00+25:00', 'no such offset'],
		['07/15/2026 12:00', 'not ISO 8601: which zone, and which is the month, is unsaid'],
		['tomorrow', 'not a date'],
	])('refuses %s (%s), naming the field', (text) => {
		expect(() => readDateTime(text, 'Filters → Created After', 'UTC')).toThrow(
			/^Filters → Created After "/,
		);
	});

	it('a time without a zone in a workflow time zone that does not exist is refused, saying so', () => {
		expect(() => readDateTime('2026-07-15T12:00:00', 'Ends At', 'Mars/Olympus')).toThrow(
			'Ends At has no time zone, and the workflow’s time zone "Mars/Olympus" is not one',
		);
		expect(readDateTime('2026-07-15T12:00:00Z', 'Ends At', 'Mars/Olympus')).toBe(
			'2026-07-15T12:00:00.000Z',
		);
	});
});
