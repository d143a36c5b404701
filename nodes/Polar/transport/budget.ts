import { createHash } from 'crypto';

/** Polar counts its limit over a minute. */
export const BUDGET_WINDOW_MS = 60_000;

/**
 * For a request still unanswered: Polar counted it when it arrived, some time after we sent it.
 * An answered request needs none: Polar counted it before it answered.
 */
export const BUDGET_MARGIN_MS = 1_000;

/**
 * Past this many budgets, idle ones are dropped, then the least recently used of those with no
 * request waiting or in flight. A budget in use is never dropped.
 */
export const MAX_BUDGETS = 100;

/**
 * Answered requests are counted per tick, their answer rounded up to it (a few ms later than
 * true, never earlier): a budget holds at most a window's worth of ticks, whatever its limit.
 */
export const BUDGET_TICK_MS = 100;

/** A request's place in its token's budget. */
export interface BudgetSlot {
	/** When the request may be sent. */
	start: number;
	/** The request reached Polar (or may have): it counts until a window after `now`. */
	settle(now: number): void;
	/** The request was never sent (cancelled, stopped, refused before connecting): place back. */
	release(): void;
}

interface OpenSlot {
	start: number;
	/** Unanswered, it may have been counted up to a margin after it was sent. */
	freeAt: number;
}

/**
 * One token's requests of the last window: those answered, as counts per tick of when they free
 * up; and those not answered yet (waiting for their start, or in flight), one by one. A request
 * may start once fewer than the limit would still count at its start. So at most `limit` reach
 * Polar in any window, a burst of up to `limit` goes at once, and the rest wait for room.
 */
class Budget {
	/** When answered requests free up (ascending, each a tick) and how many at that tick. */
	private readonly freeAt: number[] = [];
	private readonly count: number[] = [];
	private readonly open = new Set<OpenSlot>();
	/** Each Rate Limit asked for, with when last: the lowest asked within a window applies. */
	private readonly limits = new Map<number, number>();

	constructor(
		private readonly windowMs: number,
		private readonly marginMs: number,
		private readonly tickMs: number,
	) {}

	reserve(limit: number, now: number): BudgetSlot {
		this.forget(now);
		this.limits.set(limit, now);
		const start = Math.max(now, this.roomAt(Math.min(...this.limits.keys())));
		const slot: OpenSlot = { start, freeAt: start + this.marginMs + this.windowMs };
		this.open.add(slot);
		return {
			start,
			settle: (at) => {
				if (!this.open.delete(slot)) return;
				this.addAnswered(Math.max(start, at) + this.windowMs);
			},
			release: () => {
				this.open.delete(slot);
			},
		};
	}

	/** How many entries it holds: counts per tick and open requests, whatever the limit. */
	get entries(): number {
		return this.freeAt.length + this.open.size;
	}

	/** Requests waiting or in flight: dropping the budget would let others overtake them. */
	get inUse(): boolean {
		return this.open.size > 0;
	}

	/** Nothing counts any more: dropping it loses nothing. */
	idle(now: number): boolean {
		this.forget(now);
		return this.open.size === 0 && this.freeAt.length === 0;
	}

	/** The earliest time fewer than `limit` requests still count: the limit-th latest free time. */
	private roomAt(limit: number): number {
		const open = [...this.open].map((slot) => slot.freeAt).sort((a, b) => b - a);
		let seen = 0;
		let o = 0;
		for (let a = this.freeAt.length - 1; a >= 0 || o < open.length; ) {
			const takeOpen = o < open.length && (a < 0 || open[o] >= this.freeAt[a]);
			const time = takeOpen ? open[o] : this.freeAt[a];
			seen += takeOpen ? 1 : this.count[a];
			if (takeOpen) o++;
			else a--;
			if (seen >= limit) return time;
		}
		return -Infinity;
	}

	private addAnswered(at: number): void {
		const tick = Math.ceil(at / this.tickMs) * this.tickMs;
		let i = this.freeAt.length;
		while (i > 0 && this.freeAt[i - 1] > tick) i--;
		if (i > 0 && this.freeAt[i - 1] === tick) this.count[i - 1]++;
		else {
			this.freeAt.splice(i, 0, tick);
			this.count.splice(i, 0, 1);
		}
	}

	/** Drops what no longer counts at `now`, and limits no one asked for within a window. */
	private forget(now: number): void {
		let expired = 0;
		while (expired < this.freeAt.length && this.freeAt[expired] <= now) expired++;
		this.freeAt.splice(0, expired);
		this.count.splice(0, expired);
		for (const [limit, askedAt] of this.limits) {
			if (askedAt + this.windowMs + this.marginMs <= now) this.limits.delete(limit);
		}
	}
}

/**
 * Request budgets per token, shared by every execution and node in this process: credentials
 * with the same token share one, at the lowest Rate Limit among them. Keyed by a hash of the
 * token, so the token itself is never kept. No timers: callers sleep.
 */
export class TokenBudgets {
	private readonly budgets = new Map<string, Budget>();

	constructor(
		private readonly windowMs = BUDGET_WINDOW_MS,
		private readonly marginMs = BUDGET_MARGIN_MS,
		private readonly maxBudgets = MAX_BUDGETS,
		private readonly tickMs = BUDGET_TICK_MS,
	) {}

	/** Polar counts per organization (or user, or OAuth client): per token, whatever the URL. */
	static key(accessToken: string): string {
		return createHash('sha256').update(accessToken).digest('hex');
	}

	/** A request's slot on this key: it may start at `now`, or later when the minute is spent. */
	reserve(key: string, limit: number, now: number): BudgetSlot {
		let budget = this.budgets.get(key);
		if (budget)
			this.budgets.delete(key); // re-inserted below: the map stays in order of last use
		else {
			this.makeRoom(now);
			budget = new Budget(this.windowMs, this.marginMs, this.tickMs);
		}
		this.budgets.set(key, budget);
		return budget.reserve(limit, now);
	}

	get size(): number {
		return this.budgets.size;
	}

	/** Entries held across all budgets: bounded by ticks per window and requests open. */
	get entries(): number {
		let total = 0;
		for (const budget of this.budgets.values()) total += budget.entries;
		return total;
	}

	private makeRoom(now: number): void {
		if (this.budgets.size < this.maxBudgets) return;
		for (const [key, budget] of this.budgets) {
			if (budget.idle(now)) this.budgets.delete(key);
		}
		for (const [key, budget] of this.budgets) {
			if (this.budgets.size < this.maxBudgets) break;
			if (!budget.inUse) this.budgets.delete(key);
		}
	}
}

/** The budgets of this n8n process (per worker in queue mode: each process has its own). */
export const tokenBudgets = new TokenBudgets();
