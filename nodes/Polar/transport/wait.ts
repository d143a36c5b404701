/**
 * How long to wait between checks for something Polar makes in the background (an invoice, a
 * receipt): short waits first, as it "usually only takes a few seconds", then longer ones, and
 * never more than maxWaitMs in all. Pure, so tests need no clock.
 */

export interface WaitPolicy {
	/** The wait after the first "not yet". */
	firstDelayMs: number;
	/** Each wait doubles up to this. */
	maxDelayMs: number;
	/** The most waited in all; the last check comes when it is reached. */
	maxWaitMs: number;
}

/** Polar's invoices and receipts: checks after 0.5, 1.5, 3.5, 7.5 s, then every 5 s. */
export const DOCUMENT_WAIT = { firstDelayMs: 500, maxDelayMs: 5000 } as const;

/** The default bound, in seconds, of the operations that wait for a document. */
export const DEFAULT_DOCUMENT_WAIT_SECONDS = 30;

/**
 * The wait before the next check, after `checks` answers of "not yet" and `waitedMs` waited;
 * undefined once the bound is reached.
 */
export function nextWaitMs(
	policy: WaitPolicy,
	checks: number,
	waitedMs: number,
): number | undefined {
	const remaining = policy.maxWaitMs - waitedMs;
	if (remaining <= 0) return undefined;
	const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, checks - 1));
	return Math.min(delay, remaining);
}
