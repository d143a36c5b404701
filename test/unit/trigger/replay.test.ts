// The replay guard: a webhook-id accepted once is refused for the whole window, whatever came
// in between, and memory stays bounded.

import { ReplayGuard, REPLAY_WINDOW_MS } from '../../../nodes/Polar/trigger/replay';

const T0 = 1_790_000_000_000;

it('refuses a repeated ID per trigger, and only for that trigger', () => {
	const guard = new ReplayGuard();
	expect(guard.check('workflow-a/Polar Trigger', 'msg_1', T0)).toBe('new');
	expect(guard.check('workflow-a/Polar Trigger', 'msg_1', T0)).toBe('replay');
	expect(guard.check('workflow-b/Polar Trigger', 'msg_1', T0)).toBe('new');
});

it('refuses a replay anywhere inside the window, after any number of other deliveries', () => {
	const guard = new ReplayGuard();
	const scope = 'workflow-c/Polar Trigger';
	expect(guard.check(scope, 'msg_first', T0)).toBe('new');
	for (let i = 0; i < 20_000; i++) guard.check(scope, `msg_${i}`, T0 + i);
	expect(guard.check(scope, 'msg_first', T0 + REPLAY_WINDOW_MS - 1)).toBe('replay');
	// The signature check refuses anything older; by then the ID may go.
	expect(guard.check(scope, 'msg_first', T0 + REPLAY_WINDOW_MS)).toBe('new');
});

it('covers every replay the 5-minute timestamp tolerance lets through', () => {
	// Accepted with a timestamp 5 minutes ahead of the clock, a replay passes the freshness
	// check until 5 minutes after that timestamp: 10 minutes after acceptance.
	expect(REPLAY_WINDOW_MS).toBe(10 * 60 * 1000);
});

it('keeps memory bounded: past its size it refuses (503, Polar retries) instead of forgetting', () => {
	const guard = new ReplayGuard(REPLAY_WINDOW_MS, 3);
	const scope = 'workflow-d/Polar Trigger';
	expect(['a', 'b', 'c', 'd'].map((id) => guard.check(scope, id, T0))).toEqual([
		'new',
		'new',
		'new',
		'full',
	]);
	expect(guard.check(scope, 'a', T0 + 1)).toBe('replay');
	expect(guard.size).toBe(3);
	// Expired entries make room again.
	expect(guard.check(scope, 'd', T0 + REPLAY_WINDOW_MS)).toBe('new');
	expect(guard.size).toBe(1);
});

it('tells long webhook-ids apart that differ only at the end (IDs are kept hashed)', () => {
	const guard = new ReplayGuard();
	const long = 'x'.repeat(100_000);
	expect(guard.check('s', long, T0)).toBe('new');
	expect(guard.check('s', long, T0)).toBe('replay');
	expect(guard.check('s', `${long}y`, T0)).toBe('new');
});
