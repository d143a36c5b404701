/** When and how long to wait before trying a request again. Pure functions, so tests need no clock. */

export interface RetryPolicy {
	/** Retries after the first attempt; 0 turns retrying off. */
	maxRetries: number;
	/** The longest single wait; a longer Retry-After fails the item at once instead. */
	maxWaitMs: number;
}

/** Statuses that say "try again later": the rate limit and a server or gateway in trouble. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
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

/** Retry-After as Polar (and RFC 9110) send it: delay in seconds, or an HTTP date. */
export function parseRetryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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
