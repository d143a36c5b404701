import fc from 'fast-check';

import { TokenBudgets } from '../../nodes/Polar/transport/budget';

const MINUTE = 60_000;
const KEY = TokenBudgets.key('https://api.polar.sh', 'polar_oat_budget_test_token');

describe('TokenBudgets', () => {
	it('lets a burst up to the limit go at once, then starts each request a window after the one it replaces', () => {
		const budgets = new TokenBudgets(MINUTE);
		const starts = [0, 5, 10, 20, 20, 20].map((now) => budgets.reserve(KEY, 3, now));
		expect(starts).toEqual([0, 5, 10, MINUTE, MINUTE + 5, MINUTE + 10]);
		// Later than all of that: room again, no wait.
		expect(budgets.reserve(KEY, 3, 5 * MINUTE)).toBe(5 * MINUTE);
	});

	it('never lets more than the limit start in any window, whenever requests come', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 12 }),
				fc.array(fc.integer({ min: 0, max: 3 * MINUTE }), { minLength: 1, maxLength: 80 }),
				(limit, times) => {
					const budgets = new TokenBudgets(MINUTE);
					const asked = [...times].sort((a, b) => a - b);
					const starts = asked.map((now) => budgets.reserve(KEY, limit, now));
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
		const budgets = new TokenBudgets(MINUTE);
		const other = TokenBudgets.key('https://api.polar.sh', 'polar_oat_another_token');
		const sandbox = TokenBudgets.key('https://sandbox-api.polar.sh', 'polar_oat_budget_test_token');
		expect(budgets.reserve(KEY, 1, 0)).toBe(0);
		expect(budgets.reserve(KEY, 1, 0)).toBe(MINUTE);
		expect(budgets.reserve(other, 1, 0)).toBe(0);
		expect(budgets.reserve(sandbox, 1, 0)).toBe(0);
	});

	it('starts afresh when the credential’s limit changes', () => {
		const budgets = new TokenBudgets(MINUTE);
		budgets.reserve(KEY, 1, 0);
		expect(budgets.reserve(KEY, 1, 0)).toBe(MINUTE);
		expect(budgets.reserve(KEY, 5, 0)).toBe(0);
	});

	it('keys by a hash of Base URL and token, never the token itself', () => {
		const token = 'polar_oat_budget_test_token';
		const key = TokenBudgets.key('https://api.polar.sh', token);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain(token);
		expect(TokenBudgets.key('https://api.polar.sh', token)).toBe(key);
	});

	it('does not grow with the tokens it has seen: idle budgets go first, then the least recently used', () => {
		const budgets = new TokenBudgets(MINUTE, 10);
		const key = (n: number) => TokenBudgets.key('https://api.polar.sh', `token_${n}`);
		for (let n = 0; n < 1000; n++) budgets.reserve(key(n), 2, n);
		expect(budgets.size).toBeLessThanOrEqual(10);

		// Long after, one busy token and one-off ones: sweeping the idle ones spares the busy one.
		const later = 10 * MINUTE;
		budgets.reserve(key(-1), 2, later);
		budgets.reserve(key(-1), 2, later);
		for (let n = 0; n < 8; n++) budgets.reserve(key(2000 + n), 2, later + 1 + n);
		expect(budgets.size).toBeLessThanOrEqual(10);
		expect(budgets.reserve(key(-1), 2, later + 10)).toBe(later + MINUTE);
		// Its requests are a window old now: idle, so a newcomer may take its place.
		for (let n = 0; n < 20; n++) budgets.reserve(key(3000 + n), 2, later + 3 * MINUTE);
		expect(budgets.size).toBeLessThanOrEqual(10);
		expect(budgets.reserve(key(-1), 2, later + 3 * MINUTE)).toBe(later + 3 * MINUTE);
	});
});
