import { DOCUMENT_WAIT, nextWaitMs } from '../../nodes/Polar/transport/wait';

/** Every wait the policy gives until it gives up, and the checks that makes. */
function schedule(maxWaitMs: number): number[] {
	const policy = { ...DOCUMENT_WAIT, maxWaitMs };
	const waits: number[] = [];
	let waited = 0;
	for (let checks = 1; ; checks++) {
		const wait = nextWaitMs(policy, checks, waited);
		if (wait === undefined) return waits;
		waits.push(wait);
		waited += wait;
	}
}

describe('wait policy for what Polar makes in the background', () => {
	it('waits briefly first, doubling up to 5 s, and never more than the bound in all', () => {
		expect(schedule(30_000)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 2500]);
		expect(schedule(30_000).reduce((a, b) => a + b, 0)).toBe(30_000);
	});

	it('a short bound cuts the last wait, so the last check comes when it is reached', () => {
		expect(schedule(2000)).toEqual([500, 1000, 500]);
		expect(schedule(1000)).toEqual([500, 500]);
	});

	it('gives up once the bound is reached', () => {
		expect(nextWaitMs({ ...DOCUMENT_WAIT, maxWaitMs: 1000 }, 3, 1000)).toBeUndefined();
		expect(nextWaitMs({ ...DOCUMENT_WAIT, maxWaitMs: 1000 }, 1, 0)).toBe(500);
	});
});
