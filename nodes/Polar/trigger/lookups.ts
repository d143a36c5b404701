import type { KnownSecret } from './secrets';

/**
 * After a look-up that failed or found no endpoint, the next one waits this long: whatever
 * arrives meanwhile (Polar retrying a storm, or anyone POSTing with any signature) cannot spend
 * the organization's rate limit.
 */
export const LOOKUP_PAUSE_MS = 60_000;

/** What a look-up of a trigger's endpoint came to. */
export type LookupResult<T> =
	| { kind: 'found'; value: T }
	| { kind: 'none' }
	| { kind: 'failed'; error: Error };

/**
 * Look-ups of triggers' endpoints in Polar, one per trigger at a time: every delivery that
 * arrives while one is under way shares it, its failure included; and after one that failed or
 * found nothing, no new one for a pause: deliveries get its result meanwhile. A look-up that
 * found the endpoint leaves nothing here (its secret is kept by secrets.ts).
 */
export class LookupGate<T> {
	private readonly running = new Map<string, Promise<LookupResult<T>>>();
	/** The last fruitless or failed look-up per trigger, until its pause ends. */
	private readonly paused = new Map<string, { until: number; result: LookupResult<T> }>();

	constructor(
		private readonly now: () => number = Date.now,
		private readonly pauseMs = LOOKUP_PAUSE_MS,
	) {}

	/**
	 * The look-up under way for `key`, or the result of the last one while its pause lasts, or
	 * `lookup` started now (undefined: Polar has no endpoint for the trigger).
	 */
	async run(key: string, lookup: () => Promise<T | undefined>): Promise<LookupResult<T>> {
		const running = this.running.get(key);
		if (running) return await running;
		const paused = this.paused.get(key);
		if (paused && this.now() < paused.until) return paused.result;
		this.paused.delete(key);
		const started = this.settle(key, lookup);
		this.running.set(key, started);
		return await started;
	}

	/** Forgets every look-up and pause: what a new process knows. */
	clear(): void {
		this.running.clear();
		this.paused.clear();
	}

	private async settle(key: string, lookup: () => Promise<T | undefined>) {
		let result: LookupResult<T>;
		try {
			// Started from a promise, so `run` has recorded it as under way before it can end.
			const value = await Promise.resolve().then(lookup);
			result = value === undefined ? { kind: 'none' } : { kind: 'found', value };
		} catch (error) {
			result = { kind: 'failed', error: error as Error };
		}
		this.running.delete(key);
		if (result.kind !== 'found') this.paused.set(key, { until: this.now() + this.pauseMs, result });
		return result;
	}
}

/** This process's look-ups of the triggers' endpoints, keyed as their secrets (triggerKey). */
export const endpointLookups = new LookupGate<KnownSecret>();
