import { createHash } from 'crypto';

import { TIMESTAMP_TOLERANCE_SECONDS } from './signature';

/**
 * How long a delivery's webhook-id is remembered after it was accepted. A signed delivery is
 * fresh while its timestamp is within 5 minutes of now, and was accepted at most 5 minutes
 * before it: so any replay of it that could still pass the signature check comes within 10
 * minutes. Polar's own retries of a delivery whose answer was lost (same webhook-id, newly
 * signed) come within that time too.
 */
export const REPLAY_WINDOW_MS = 2 * TIMESTAMP_TOLERANCE_SECONDS * 1000;

/**
 * The most IDs remembered at once in this process: 200,000 deliveries in 10 minutes (over 300
 * a second), a few tens of MB. Past it, deliveries are refused with 503 (Polar retries them
 * later) rather than forgetting IDs that may still be replayed.
 */
export const MAX_REMEMBERED = 200_000;

export type ReplayCheck = 'new' | 'replay' | 'full';

/**
 * IDs accepted in the last 10 minutes, per trigger, in this n8n process. Not in the workflow's
 * static data: n8n loads it when a webhook request arrives and writes it back around the
 * execution, with no atomic update, so IDs recorded there get lost when deliveries follow each
 * other closely. Here the check and the record are one synchronous step. The price: a restart,
 * or another webhook process in queue mode, does not know them.
 */
export class ReplayGuard {
	/** A hash of trigger and webhook-id (a fixed size, however long the header) → when it may be forgotten; in order of acceptance. */
	private readonly seen = new Map<string, number>();

	constructor(
		private readonly windowMs = REPLAY_WINDOW_MS,
		private readonly max = MAX_REMEMBERED,
	) {}

	/** Records `id` for the trigger `scope`, unless it was accepted there within the window. */
	check(scope: string, id: string, now: number): ReplayCheck {
		this.forgetExpired(now);
		const key = createHash('sha256').update(`${scope}\u0000${id}`).digest('base64');
		const until = this.seen.get(key);
		if (until !== undefined && until > now) return 'replay';
		if (this.seen.size >= this.max) return 'full';
		this.seen.set(key, now + this.windowMs);
		return 'new';
	}

	get size(): number {
		return this.seen.size;
	}

	/** Entries expire in insertion order (each gets now + window), so only the head is looked at. */
	private forgetExpired(now: number): void {
		for (const [key, until] of this.seen) {
			if (until > now) return;
			this.seen.delete(key);
		}
	}
}

export const replayGuard = new ReplayGuard();
