/** When and how long to wait before trying a request again. Pure functions, so tests need no clock. */

export interface RetryPolicy {
	/** Retries after the first attempt; 0 turns retrying off. */
	maxRetries: number;
	/** The longest single wait; a longer Retry-After fails the item at once instead. */
	maxWaitMs: number;
}

/**
 * Answers that say Polar did not act: the rate limit (rejected requests are not counted or
 * processed) and "unavailable", which gateways send when no server took the request.
 */
const NOT_ACTED_STATUSES = new Set([429, 503]);
/** Server or gateway failures that may come after Polar acted on the request. */
const MAYBE_ACTED_STATUSES = new Set([500, 502, 504]);

/**
 * Whether a status is worth another try. A request that is not safe to repeat (a create) is
 * retried only when Polar cannot have acted on it, so nothing is ever done twice unseen.
 */
export function isRetryableStatus(status: number, repeatable: boolean): boolean {
	return NOT_ACTED_STATUSES.has(status) || (repeatable && MAYBE_ACTED_STATUSES.has(status));
}

/** A failure after which the request may or may not have been carried out by Polar. */
export function isAmbiguousStatus(status: number): boolean {
	return MAYBE_ACTED_STATUSES.has(status);
}

const INITIAL_DELAY_MS = 500;
const BACKOFF_FACTOR = 2;

/**
 * Exponential back-off with "equal jitter": half the delay is fixed, half random, so clients
 * that failed together spread out without any of them retrying at once.
 */
export function backoffDelayMs(
	retryNumber: number,
	maxWaitMs: number,
	random = Math.random,
): number {
	const exponential = Math.min(maxWaitMs, INITIAL_DELAY_MS * BACKOFF_FACTOR ** retryNumber);
	return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** The most that requests released together by a shared wait are spread over. */
const MAX_SPREAD_MS = 1000;

/**
 * Extra delay for one of many requests that waited out the same Retry-After: up to a tenth of
 * the wait (at most 1 s), so they do not all arrive in the same instant.
 */
export function spreadDelayMs(waitMs: number, random = Math.random): number {
	return Math.round(random() * Math.min(MAX_SPREAD_MS, waitMs / 10));
}

/**
 * Retry-After as Polar (and RFC 9110) send it: delay in seconds, or an HTTP date. Anything
 * else, and a wait that is already over, is unusable: the caller backs off as usual.
 */
export function parseRetryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const ms = Math.ceil(Number(text) * 1000);
		return ms > 0 ? ms : undefined;
	}
	// An HTTP date names a weekday and a month; Date.parse alone would also read "-1" as a date.
	if (!/^[A-Za-z]{3},/.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) || date <= now ? undefined : date - now;
}

/**
 * How long to wait before retry number `retryNumber` (0-based), or undefined to give up.
 * A server's Retry-After is a floor: retrying sooner only earns another 429.
 */
export function nextRetryDelayMs(
	policy: RetryPolicy,
	retryNumber: number,
	retryAfterMs: number | undefined,
	random = Math.random,
): number | undefined {
	if (retryNumber >= policy.maxRetries) return undefined;
	if (retryAfterMs !== undefined) {
		return retryAfterMs <= policy.maxWaitMs ? retryAfterMs : undefined;
	}
	return backoffDelayMs(retryNumber, policy.maxWaitMs, random);
}
