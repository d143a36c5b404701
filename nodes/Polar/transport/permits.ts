/**
 * At most `size` holders at once (Max Concurrent Requests over a whole run, pages of a list
 * included); the rest wait in order. A waiter whose signal aborts leaves the queue.
 */
export class Permits {
	private free: number;
	private readonly waiting: Array<{ grant: () => void; signals: AbortSignal[] }> = [];

	constructor(size: number) {
		this.free = Math.max(1, size);
	}

	/** Resolves true once a permit is held (release it), false if a signal aborted first. */
	async acquire(signals: AbortSignal[]): Promise<boolean> {
		if (signals.some((signal) => signal.aborted)) return false;
		if (this.free > 0) {
			this.free--;
			return true;
		}
		return await new Promise<boolean>((resolve) => {
			const entry = {
				signals,
				grant: () => {
					for (const signal of signals) signal.removeEventListener('abort', leave);
					resolve(true);
				},
			};
			const leave = () => {
				const at = this.waiting.indexOf(entry);
				if (at === -1) return;
				this.waiting.splice(at, 1);
				for (const signal of signals) signal.removeEventListener('abort', leave);
				resolve(false);
			};
			for (const signal of signals) signal.addEventListener('abort', leave, { once: true });
			this.waiting.push(entry);
		});
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next.grant();
		else this.free++;
	}
}
