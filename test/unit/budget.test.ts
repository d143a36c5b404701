import fc from 'fast-check';

import { TokenBudgets } from '../../nodes/Polar/transport/budget';

const MINUTE = 60_000;
const MARGIN = 1_000;
const KEY = TokenBudgets.key('https://api.polar.sh', 'polar_oat_budget_test_token');

/** When each request may start, none of them answered yet. */
const startsOf = (budgets: TokenBudgets, limit: number, times: number[], key = KEY) =>
	times.map((now) => budgets.reserve(key, limit, now).start);

describe('TokenBudgets', () => {
	it('lets a burst up to the limit go at once; unanswered, the next waits a window and a margin after the one it replaces', () => {
		const budgets = new TokenBudgets(MINUTE, MARGIN);
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
		const budgets = new TokenBudgets(MINUTE, MARGIN);
		const first = budgets.reserve(KEY, 2, 0);
		const second = budgets.reserve(KEY, 2, 0);
		first.settle(100);
		second.settle(250);
		expect(startsOf(budgets, 2, [300, 300])).toEqual([MINUTE + 100, MINUTE + 250]);
	});

	it('never starts a request before an earlier one, even when a later answer came first', () => {
		const budgets = new TokenBudgets(MINUTE, MARGIN);
		const first = budgets.reserve(KEY, 2, 0);
		const second = budgets.reserve(KEY, 2, 0);
		second.settle(100);
		first.settle(900);
		expect(startsOf(budgets, 2, [1000, 1000])).toEqual([MINUTE + 900, MINUTE + 900]);
	});

	it('ignores an answer for a slot a later request has taken', () => {
		const budgets = new TokenBudgets(MINUTE, MARGIN);
		const first = budgets.reserve(KEY, 1, 0);
		expect(budgets.reserve(KEY, 1, 0).start).toBe(MINUTE + MARGIN);
		first.settle(200); // too late: the slot is the second request's now
		expect(budgets.reserve(KEY, 1, 300).start).toBe(2 * (MINUTE + MARGIN));
	});

	it('never lets more than the limit start in any window, whenever requests come', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 12 }),
				fc.array(fc.integer({ min: 0, max: 3 * MINUTE }), { minLength: 1, maxLength: 80 }),
				(limit, times) => {
					const budgets = new TokenBudgets(MINUTE, 0);
					const asked = [...times].sort((a, b) => a - b);
					const starts = startsOf(budgets, limit, asked);
					starts.forEach((start, i) => {
						expect(start).toBeGreaterThanOrEqual(asked[i]);
						if (i > 0) expect(start).toBeGreaterThanOrEqual(starts[i - 1]);
						if (i >= limit) expect(start - starts[i - limit]).toBeGreaterThanOrEqual(MINUTE);
						// No needless wait: it starts when asked, or exactly when room frees.
						if (start > asked[i]) expect(start).toBe(starts[i - limit] + MINUTE);
					});
				},
			),
		);
	});

	it('keeps one budget per key: other tokens and servers are not held back', () => {
		const budgets = new TokenBudgets(MINUTE, 0);
		const other = TokenBudgets.key('https://api.polar.sh', 'polar_oat_another_token');
		const sandbox = TokenBudgets.key('https://sandbox-api.polar.sh', 'polar_oat_budget_test_token');
		expect(startsOf(budgets, 1, [0, 0])).toEqual([0, MINUTE]);
		expect(startsOf(budgets, 1, [0], other)).toEqual([0]);
		expect(startsOf(budgets, 1, [0], sandbox)).toEqual([0]);
	});

	it('starts afresh when the credential’s limit changes', () => {
		const budgets = new TokenBudgets(MINUTE, 0);
		expect(startsOf(budgets, 1, [0, 0])).toEqual([0, MINUTE]);
		expect(startsOf(budgets, 5, [0])).toEqual([0]);
	});

	it('keys by a hash of Base URL and token, never the token itself', () => {
		const token = 'polar_oat_budget_test_token';
		const key = TokenBudgets.key('https://api.polar.sh', token);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain(token);
		expect(TokenBudgets.key('https://api.polar.sh', token)).toBe(key);
	});

	it('does not grow with the tokens it has seen: idle budgets go first, then the least recently used', () => {
		const budgets = new TokenBudgets(MINUTE, 0, 10);
		const key = (n: number) => TokenBudgets.key('https://api.polar.sh', `token_${n}`);
		for (let n = 0; n < 1000; n++) budgets.reserve(key(n), 2, n);
		expect(budgets.size).toBeLessThanOrEqual(10);

		// Long after, one busy token and one-off ones: sweeping the idle ones spares the busy one.
		const later = 10 * MINUTE;
		startsOf(budgets, 2, [later, later], key(-1));
		for (let n = 0; n < 8; n++) budgets.reserve(key(2000 + n), 2, later + 1 + n);
		expect(budgets.size).toBeLessThanOrEqual(10);
		expect(budgets.reserve(key(-1), 2, later + 10).start).toBe(later + MINUTE);
		// Its requests are a window old now: idle, so a newcomer may take its place.
		for (let n = 0; n < 20; n++) budgets.reserve(key(3000 + n), 2, later + 3 * MINUTE);
		expect(budgets.size).toBeLessThanOrEqual(10);
		expect(budgets.reserve(key(-1), 2, later + 3 * MINUTE).start).toBe(later + 3 * MINUTE);
	});
});
