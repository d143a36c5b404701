// The one look-up of a trigger's endpoint at a time: shared by every delivery that arrives while
// it is under way, its failure too, and none again for a minute after one that failed or found
// nothing. The clock is injected; look-ups end when the test says.

import { LOOKUP_PAUSE_MS, LookupGate } from '../../../nodes/Polar/trigger/lookups';

const T0 = 1_790_000_000_000;
const KEY = 'workflow-a\u0000Polar Trigger\u0000live';

/** A look-up that ends when the test resolves or rejects it, counting how often it started. */
function controlledLookup<T>() {
	const control = {
		started: 0,
		resolve: undefined as unknown as (value: T | undefined) => void,
		reject: undefined as unknown as (error: Error) => void,
	};
	const lookup = async () => {
		control.started++;
		return await new Promise<T | undefined>((resolve, reject) => {
			control.resolve = resolve;
			control.reject = reject;
		});
	};
	return { control, lookup };
}

/** Lets the look-ups the test just asked for start. */
const letLookupsStart = async () => await new Promise((resolve) => setImmediate(resolve));

function gateAt(time: { now: number }) {
	return new LookupGate<string>(() => time.now);
}

it('shares one look-up among every delivery that arrives while it is under way', async () => {
	const gate = gateAt({ now: T0 });
	const { control, lookup } = controlledLookup<string>();
	const waiting = Array.from({ length: 50 }, async () => await gate.run(KEY, lookup));
	await letLookupsStart();
	control.resolve('secret');
	expect(await Promise.all(waiting)).toEqual(
		Array.from({ length: 50 }, () => ({ kind: 'found', value: 'secret' })),
	);
	expect(control.started).toBe(1);
});

it('shares a failure, then makes no look-up for a minute after it, then one', async () => {
	const time = { now: T0 };
	const gate = gateAt(time);
	const { control, lookup } = controlledLookup<string>();
	const waiting = [gate.run(KEY, lookup), gate.run(KEY, lookup)];
	await letLookupsStart();
	const failure = new Error('Polar answered 429');
	control.reject(failure);
	const failed = { kind: 'failed', error: failure };
	expect(await Promise.all(waiting)).toEqual([failed, failed]);

	time.now = T0 + LOOKUP_PAUSE_MS - 1;
	expect(await gate.run(KEY, lookup)).toEqual(failed);
	expect(control.started).toBe(1);

	time.now = T0 + LOOKUP_PAUSE_MS;
	const again = gate.run(KEY, lookup);
	await letLookupsStart();
	control.resolve('secret');
	expect(await again).toEqual({ kind: 'found', value: 'secret' });
	expect(control.started).toBe(2);
});

it('after a look-up that found no endpoint, none for a minute', async () => {
	const time = { now: T0 };
	const gate = gateAt(time);
	let started = 0;
	const nothing = async () => {
		started++;
		return undefined;
	};
	expect(await gate.run(KEY, nothing)).toEqual({ kind: 'none' });
	for (let second = 1; second < 60; second++) {
		time.now = T0 + second * 1000;
		expect(await gate.run(KEY, nothing)).toEqual({ kind: 'none' });
	}
	expect(started).toBe(1);
	time.now = T0 + LOOKUP_PAUSE_MS;
	await gate.run(KEY, nothing);
	expect(started).toBe(2);
});

it('a look-up that found the endpoint leaves no pause: the next one may start at once', async () => {
	const gate = gateAt({ now: T0 });
	let started = 0;
	const found = async () => {
		started++;
		return 'secret';
	};
	await gate.run(KEY, found);
	await gate.run(KEY, found);
	expect(started).toBe(2);
});

it('each trigger has its own look-up and pause', async () => {
	const gate = gateAt({ now: T0 });
	const failing = async () => {
		throw new Error('down');
	};
	expect((await gate.run(KEY, failing)).kind).toBe('failed');
	expect(await gate.run('workflow-b\u0000Polar Trigger\u0000live', async () => 'other')).toEqual({
		kind: 'found',
		value: 'other',
	});
});

it('a look-up that throws before its first await is still shared, and paused after', async () => {
	const gate = gateAt({ now: T0 });
	let started = 0;
	const throwsAtOnce = (() => {
		started++;
		throw new Error('no credential');
	}) as () => Promise<string>;
	const results = await Promise.all([gate.run(KEY, throwsAtOnce), gate.run(KEY, throwsAtOnce)]);
	expect(results.map((r) => r.kind)).toEqual(['failed', 'failed']);
	expect(await gate.run(KEY, throwsAtOnce)).toMatchObject({ kind: 'failed' });
	expect(started).toBe(1);
});

it('clear forgets pauses, as a new process would', async () => {
	const gate = gateAt({ now: T0 });
	let started = 0;
	const nothing = async () => {
		started++;
		return undefined;
	};
	await gate.run(KEY, nothing);
	gate.clear();
	await gate.run(KEY, nothing);
	expect(started).toBe(2);
});
