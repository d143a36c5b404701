import {
	backoffDelayMs,
	isRetryableStatus,
	nextRetryDelayMs,
	parseRetryAfterMs,
	spreadDelayMs,
} from '../../nodes/Polar/transport/retry';

describe('retry policy', () => {
	const policy = { maxRetries: 3, maxWaitMs: 60_000 };

	it('retries what Polar cannot have acted on, and the rest only when a repeat is harmless', () => {
		const retried = (repeatable: boolean) =>
			[400, 401, 403, 404, 409, 422, 429, 500, 501, 502, 503, 504].filter((status) =>
				isRetryableStatus(status, repeatable),
			);
		expect(retried(false)).toEqual([429, 503]);
		expect(retried(true)).toEqual([429, 500, 502, 503, 504]);
	});

	it('reads Retry-After in seconds and as an HTTP date', () => {
		const now = Date.parse('2026-11-26T10:00:00Z');
		expect(parseRetryAfterMs('7', now)).toBe(7000);
		expect(parseRetryAfterMs(['2'], now)).toBe(2000);
		expect(parseRetryAfterMs('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfterMs('soon', now)).toBeUndefined();
		expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
	});

	it('treats a Retry-After that is negative, zero or in the past as unusable', () => {
		const now = Date.parse('2026-11-26T10:00:00Z');
		for (const value of ['-1', '0', 'Thu, 26 Nov 2026 09:00:00 GMT', '1e3', 'in 5 s']) {
			expect(parseRetryAfterMs(value, now)).toBeUndefined();
		}
	});

	it('spreads requests released by one wait over a tenth of it, at most a second', () => {
		expect(spreadDelayMs(5000, () => 0)).toBe(0);
		expect(spreadDelayMs(5000, () => 1)).toBe(500);
		expect(spreadDelayMs(60_000, () => 1)).toBe(1000);
	});

	it('backs off exponentially with jitter, within the cap', () => {
		expect(backoffDelayMs(0, 60_000, () => 0)).toBe(250);
		expect(backoffDelayMs(0, 60_000, () => 1)).toBe(500);
		expect(backoffDelayMs(3, 60_000, () => 1)).toBe(4000);
		expect(backoffDelayMs(20, 60_000, () => 1)).toBe(60_000);
		expect(backoffDelayMs(20, 60_000, () => 0)).toBe(30_000);
	});

	it('waits at least as long as Retry-After asks, and gives up when it asks too much', () => {
		expect(nextRetryDelayMs(policy, 0, 5000)).toBe(5000);
		expect(nextRetryDelayMs(policy, 0, 61_000)).toBeUndefined();
	});

	it('stops after the last retry, and never retries when retries are off', () => {
		expect(nextRetryDelayMs(policy, 2, undefined, () => 0)).toBe(1000);
		expect(nextRetryDelayMs(policy, 3, undefined)).toBeUndefined();
		expect(nextRetryDelayMs({ maxRetries: 0, maxWaitMs: 60_000 }, 0, 1000)).toBeUndefined();
	});
});
