import { createHash } from 'crypto';

/** Polar counts its limit over a minute. */
export const BUDGET_WINDOW_MS = 60_000;

/**
 * For a request still unanswered: Polar counted it when it arrived, some time after we sent it.
 * An answered request needs none: Polar counted it before it answered.
 */
export const BUDGET_MARGIN_MS = 1_000;

/** Budgets kept at once; past it, idle ones go first, then the least recently used. */
export const MAX_BUDGETS = 100;

/** A request's place in its token's budget; settle it when the request has its answer. */
export interface BudgetSlot {
	/** When the request may be sent. */
	start: number;
	settle(now: number): void;
}

/**
 * A token's last `limit` requests, in a ring that grows only as requests are made: when each was
 * sent, or, once answered, when its answer came. The next request may start once the oldest of
 * them is a window old. So at most `limit` reach Polar in any window, a burst of up to `limit`
 * goes at once, and the rest wait for room.
 */
class RequestLog {
	private readonly times: number[] = [];
	private readonly answered: boolean[] = [];
	private next = 0;
	/** Starts never go backwards, so that any `limit + 1` requests span a window. */
	private latestStart = -Infinity;
	lastUsed = -Infinity;

	constructor(readonly limit: number) {}

	reserve(now: number, windowMs: number, marginMs: number): BudgetSlot {
		const index = this.next;
		const full = this.times.length === this.limit;
		const freeAt = full
			? this.times[index] + windowMs + (this.answered[index] ? 0 : marginMs)
			: -Infinity;
		const start = Math.max(now, freeAt, this.latestStart);
		this.times[index] = start;
		this.answered[index] = false;
		this.next = (index + 1) % this.limit;
		this.latestStart = start;
		this.lastUsed = Math.max(this.lastUsed, start);
		return {
			start,
			settle: (at) => {
				// Only while the slot is still this request's (a later one may have taken it).
				if (this.times[index] !== start || this.answered[index]) return;
				this.times[index] = Math.max(start, at);
				this.answered[index] = true;
				this.lastUsed = Math.max(this.lastUsed, at);
			},
		};
	}
}

/**
 * Request budgets per token, shared by every execution and node in this process. Keyed by a
 * hash of Base URL and token, so the token itself is never kept. No timers: callers sleep.
 */
export class TokenBudgets {
	private readonly logs = new Map<string, RequestLog>();

	constructor(
		private readonly windowMs = BUDGET_WINDOW_MS,
		private readonly marginMs = BUDGET_MARGIN_MS,
		private readonly maxBudgets = MAX_BUDGETS,
	) {}

	static key(baseUrl: string, accessToken: string): string {
		return createHash('sha256').update(`${baseUrl}\n${accessToken}`).digest('hex');
	}

	/** A request's slot on this key: it may start at `now`, or later when the minute is spent. */
	reserve(key: string, limit: number, now: number): BudgetSlot {
		let log = this.logs.get(key);
		if (log) this.logs.delete(key); // re-inserted below: the map stays in order of last use
		if (!log || log.limit !== limit) {
			this.makeRoom(now);
			log = new RequestLog(limit);
		}
		this.logs.set(key, log);
		return log.reserve(now, this.windowMs, this.marginMs);
	}

	get size(): number {
		return this.logs.size;
	}

	private makeRoom(now: number): void {
		const idleSince = now - this.windowMs - this.marginMs;
		for (const [key, log] of this.logs) {
			if (log.lastUsed <= idleSince) this.logs.delete(key);
		}
		for (const key of this.logs.keys()) {
			if (this.logs.size < this.maxBudgets) break;
			this.logs.delete(key);
		}
	}
}

/** The budgets of this n8n process (per worker in queue mode: each process has its own). */
export const tokenBudgets = new TokenBudgets();
