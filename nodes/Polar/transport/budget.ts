import { createHash } from 'crypto';

/** Polar counts its limit over a minute. */
export const BUDGET_WINDOW_MS = 60_000;

/**
 * Added to the window: Polar's minute starts when a request reaches it, later than we sent it,
 * and requests do not all take equally long to get there.
 */
export const BUDGET_MARGIN_MS = 1_000;

/** Budgets kept at once; past it, idle ones go first, then the least recently used. */
export const MAX_BUDGETS = 100;

/**
 * The start times of a token's last `limit` requests, in a ring that grows only as requests are
 * made: the next request may start once the oldest of them is a window old. So at most `limit`
 * start in any window, a burst of up to `limit` goes at once, and the rest wait for room.
 */
class RequestLog {
	private readonly starts: number[] = [];
	private next = 0;

	constructor(readonly limit: number) {}

	/** Reserves the earliest start at or after `now` that keeps the log under its limit. */
	reserve(now: number, windowMs: number): number {
		const full = this.starts.length === this.limit;
		const start = full ? Math.max(now, this.starts[this.next] + windowMs) : now;
		if (full) this.starts[this.next] = start;
		else this.starts.push(start);
		this.next = (this.next + 1) % this.limit;
		return start;
	}

	/** The latest start reserved; before it plus a window, the log still constrains someone. */
	get lastStart(): number {
		return this.starts[(this.next + this.limit - 1) % this.limit] ?? -Infinity;
	}
}

/**
 * Request budgets per token, shared by every execution and node in this process. Keyed by a
 * hash of Base URL and token, so the token itself is never kept. No timers: callers sleep.
 */
export class TokenBudgets {
	private readonly logs = new Map<string, RequestLog>();

	constructor(
		private readonly windowMs = BUDGET_WINDOW_MS + BUDGET_MARGIN_MS,
		private readonly maxBudgets = MAX_BUDGETS,
	) {}

	static key(baseUrl: string, accessToken: string): string {
		return createHash('sha256').update(`${baseUrl}\n${accessToken}`).digest('hex');
	}

	/** When a request on this key may start: `now`, or later when the last minute is spent. */
	reserve(key: string, limit: number, now: number): number {
		let log = this.logs.get(key);
		if (log) this.logs.delete(key); // re-inserted below: the map stays in order of last use
		if (!log || log.limit !== limit) {
			this.makeRoom(now);
			log = new RequestLog(limit);
		}
		this.logs.set(key, log);
		return log.reserve(now, this.windowMs);
	}

	get size(): number {
		return this.logs.size;
	}

	private makeRoom(now: number): void {
		for (const [key, log] of this.logs) {
			if (log.lastStart <= now - this.windowMs) this.logs.delete(key);
		}
		for (const key of this.logs.keys()) {
			if (this.logs.size < this.maxBudgets) break;
			this.logs.delete(key);
		}
	}
}

/** The budgets of this n8n process (per worker in queue mode: each process has its own). */
export const tokenBudgets = new TokenBudgets();
