/** Admits a request (0) or says how long Retry-After should be (ms); `reset` forgets all. */
export interface RateLimiter {
	take(now: number): number;
	reset(): void;
}

/** `sliding`: at most `limit` in any window. `fixed`: Polar's own, see FixedWindowLimiter. */
export type RateLimitKind = 'sliding' | 'fixed';

export interface RateLimit {
	limit: number;
	windowMs: number;
	/** Default `sliding`. */
	kind?: RateLimitKind;
}

/**
 * Sliding-window log limiter: at most `limit` admitted requests in any `windowMs`.
 * Timestamps sit in an array consumed from a moving head (amortised O(1) per request, which
 * matters for the 10,000-request benchmark); rejected requests are not logged, as with Polar.
 */
export class SlidingWindowLimiter implements RateLimiter {
	private times: number[] = [];
	private head = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {
		if (!(limit >= 1) || !(windowMs > 0))
			throw new Error('rateLimit needs limit >= 1 and windowMs > 0');
	}

	/** Admits (and logs) the request and returns 0, or returns the ms until a slot frees. */
	take(now: number): number {
		const cutoff = now - this.windowMs;
		while (this.head < this.times.length && this.times[this.head] <= cutoff) this.head++;
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
		if (this.times.length - this.head < this.limit) {
			this.times.push(now);
			return 0;
		}
		return this.times[this.head] + this.windowMs - now;
	}

	reset(): void {
		this.times = [];
		this.head = 0;
	}
}

/**
 * Polar's limiter as its server implements it: a fixed window that opens at the first request
 * after the previous one expired (a counter with a time to live). Past the limit, Retry-After is
 * the whole window, however soon the window really ends; rejected requests are not counted.
 */
export class FixedWindowLimiter implements RateLimiter {
	private opensAt = -Infinity;
	private count = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {
		if (!(limit >= 1) || !(windowMs > 0))
			throw new Error('rateLimit needs limit >= 1 and windowMs > 0');
	}

	take(now: number): number {
		if (now >= this.opensAt + this.windowMs) {
			this.opensAt = now;
			this.count = 0;
		}
		if (this.count >= this.limit) return this.windowMs;
		this.count++;
		return 0;
	}

	reset(): void {
		this.opensAt = -Infinity;
		this.count = 0;
	}
}

export function createLimiter({ limit, windowMs, kind = 'sliding' }: RateLimit): RateLimiter {
	return kind === 'fixed'
		? new FixedWindowLimiter(limit, windowMs)
		: new SlidingWindowLimiter(limit, windowMs);
}

/** Retry-After in whole seconds, rounded up so a client that obeys it is never early. */
export const retryAfterSeconds = (waitMs: number): number => Math.max(1, Math.ceil(waitMs / 1000));
