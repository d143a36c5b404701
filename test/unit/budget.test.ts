import fc from 'fast-check';

import { TokenBudgets } from '../../nodes/Polar/transport/budget';

const MINUTE = 60_000;
const MARGIN = 1_000;
const KEY = TokenBudgets.key('polar_oat_budget_test_token');

/** Budgets that keep answers to the millisecond, for exact expectations. */
const exact = (margin = MARGIN, max?: number) => new TokenBudgets(MINUTE, margin, max, 1);

/** When each request may start, none of them answered yet. */
const startsOf = (budgets: TokenBudgets, limit: number, times: number[], key = KEY) =>
	times.map((now) => budgets.reserve(key, limit, now).start);

describe('TokenBudgets', () => {
	it('lets a burst up to the limit go at once; unanswered, the next waits a window and a margin after the one it replaces', () => {
		const budgets = exact();
		expect(startsOf(budgets, 3, [0, 5, 10, 20, 20, 20])).toEqual([
			0,
			5,
			10,
			MINUTE + MARGIN,
			MINUTE + MARGIN + 5,
			MINUTE + MARGIN + 10,
		]);
		// Later than all of that: room again, no wait.
		expect(budgets.reserve(KEY, 3, 5 * MINUTE).start).toBe(5 * MINUTE);
	});

	it('frees a slot a window after its answer came, with no margin: Polar counted it before answering', () => {
		const budgets = exact();
		const first = budgets.reserve(KEY, 2, 0);
		const second = budgets.reserve(KEY, 2, 0);
		first.settle(100);
		second.settle(250);
		expect(startsOf(budgets, 2, [300, 300])).toEqual([MINUTE + 100, MINUTE + 250]);
	});

	it('rounds an answer up to its tick, never down', () => {
		const budgets = new TokenBudgets(MINUTE, MARGIN, undefined, 100);
		budgets.reserve(KEY, 1, 0).settle(250);
		expect(budgets.reserve(KEY, 1, 300).start).toBe(MINUTE + 300);
	});

	it('gives the place of a request never sent back: ten cancelled requests hold nothing', () => {
		const budgets = exact();
		budgets.reserve(KEY, 1, 0).settle(10);
		const waiting = Array.from({ length: 10 }, () => budgets.reserve(KEY, 1, 20));
		expect(waiting.map((slot) => slot.start)).toEqual(
			Array.from({ length: 10 }, (_, n) => MINUTE + 10 + n * (MINUTE + MARGIN)),
		);
		for (const slot of waiting) slot.release();
		expect(budgets.reserve(KEY, 1, 30).start).toBe(MINUTE + 10);
	});

	it('never lets more than the limit reach Polar in any window, and holds no place for a request never sent', () => {
		const TICK = 100;
		type Plan = { gap: number; cancel: boolean; after: number; arrive: number };
		const plan = fc.record({
			gap: fc.integer({ min: 0, max: 20_000 }),
			cancel: fc.boolean(),
			// For a sent request: how long until its answer; for a cancelled one: until it gives up.
			after: fc.integer({ min: 0, max: 5_000 }),
			// When Polar counts it, as a share of the margin (or of the answer, if sooner).
			arrive: fc.double({ min: 0, max: 1, noNaN: true }),
		});
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6 }),
				fc.array(plan, { minLength: 1, maxLength: 60 }),
				(limit, plans: Plan[]) => {
					const budgets = new TokenBudgets(MINUTE, MARGIN, undefined, TICK);
					type Held = { start: number; answeredAt?: number; releasedAt?: number };
					const held: Held[] = [];
					// Events (answers, cancellations) happen in time order between reservations.
					const pending: Array<{ at: number; run: () => void }> = [];
					const arrivals: number[] = [];
					/** Whether a request still holds a place at time t, as the rule says it should. */
					const counts = (h: Held, now: number, t: number) => {
						if (h.releasedAt !== undefined && h.releasedAt <= now) return false;
						if (h.answeredAt !== undefined && h.answeredAt <= now)
							return Math.ceil((Math.max(h.start, h.answeredAt) + MINUTE) / TICK) * TICK > t;
						return h.start + MARGIN + MINUTE > t;
					};
					let now = 0;
					for (const p of plans) {
						now += p.gap;
						pending.sort((a, b) => a.at - b.at);
						while (pending.length && pending[0].at <= now) pending.shift()!.run();
						const slot = budgets.reserve(KEY, limit, now);
						// Waits only as long as needed: at its start fewer than the limit hold a place.
						expect(slot.start).toBeGreaterThanOrEqual(now);
						const others = held.filter((h) => counts(h, now, slot.start));
						expect(others.length).toBeLessThan(limit);
						if (slot.start > now) {
							expect(
								held.filter((h) => counts(h, now, slot.start - 1)).length,
							).toBeGreaterThanOrEqual(limit);
						}
						const h: Held = { start: slot.start };
						held.push(h);
						if (p.cancel) {
							const at = now + Math.min(p.after, slot.start - now);
							pending.push({ at, run: () => ((h.releasedAt = at), slot.release()) });
						} else {
							const answeredAt = slot.start + p.after;
							arrivals.push(slot.start + p.arrive * Math.min(p.after, MARGIN));
							pending.push({
								at: answeredAt,
								run: () => ((h.answeredAt = answeredAt), slot.settle(answeredAt)),
							});
						}
					}
					// At most `limit` reach Polar in any window.
					arrivals.sort((a, b) => a - b);
					for (let i = 0; i + limit < arrivals.length; i++) {
						expect(arrivals[i + limit] - arrivals[i]).toBeGreaterThanOrEqual(MINUTE);
					}
				},
			),
			{ numRuns: 300 },
		);
	});

	it('shares one budget between credentials with the same token, at the lower Rate Limit', () => {
		const budgets = exact();
		// Production and a custom proxy to it: the same token, so the same Polar limit.
		const key = TokenBudgets.key('polar_oat_budget_test_token');
		expect(key).toBe(KEY);
		expect(startsOf(budgets, 3, [0])).toEqual([0]);
		expect(startsOf(budgets, 2, [0])).toEqual([0]);
		// Two requests in the minute: the credential with 2 leaves no room, for either.
		expect(startsOf(budgets, 3, [0])).toEqual([MINUTE + MARGIN]);
		const other = TokenBudgets.key('polar_oat_another_token');
		expect(startsOf(budgets, 1, [0], other)).toEqual([0]);
	});

	it('keeps the requests made when the Rate Limit changes, and the lower limit for a window', () => {
		const budgets = exact();
		expect(startsOf(budgets, 1, [0])).toEqual([0]);
		// Raised to 5: the request already made still counts, and 1 applied a moment ago.
		expect(startsOf(budgets, 5, [10])).toEqual([MINUTE + MARGIN]);
		// A window after anyone asked for 1, five go at once.
		const later = 3 * MINUTE;
		expect(startsOf(budgets, 5, [later, later, later, later])).toEqual([
			later,
			later,
			later,
			later,
		]);
	});

	it('keys by a hash of the token, never the token itself', () => {
		const token = 'polar_oat_budget_test_token';
		const key = TokenBudgets.key(token);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain(token);
	});

	it('does not grow with the tokens it has seen, and never drops a budget in use', () => {
		const budgets = exact(MARGIN, 10);
		const key = (n: number) => TokenBudgets.key(`token_${n}`);
		// A busy token: one request waiting for room.
		startsOf(budgets, 1, [0, 0], key(-1));
		for (let n = 0; n < 1000; n++) budgets.reserve(key(n), 2, n).settle(n);
		expect(budgets.size).toBeLessThanOrEqual(10);
		// The busy token's requests still count: its budget was kept.
		expect(budgets.reserve(key(-1), 1, 1000).start).toBe(2 * (MINUTE + MARGIN));
	});

	it('holds a bounded number of entries whatever the Rate Limit', () => {
		const budgets = new TokenBudgets();
		for (let n = 0; n < 200_000; n++) {
			const now = n; // 200,000 requests within 200 s, at a Rate Limit of 10 million
			budgets.reserve(KEY, 10_000_000, now).settle(now + 5);
		}
		expect(budgets.entries).toBeLessThanOrEqual((MINUTE + MARGIN) / 100 + 2);
	});
});
