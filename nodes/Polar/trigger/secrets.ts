import type { SignatureScheme } from './signature';

/** An endpoint's secret as this n8n process last read it from Polar. */
export interface KnownSecret {
	endpointId: string;
	secret: string;
	scheme: SignatureScheme;
	/** When it was read (ms), so a secret reset in Polar's dashboard is looked up again. */
	readAt: number;
}

/** Endpoints whose secret is kept at once; far more than an n8n instance has triggers. */
const MAX_KNOWN = 1_000;

/**
 * Secrets of registered endpoints live in this process's memory only, keyed by trigger (its
 * workflow, node and whether it listens for a test event), not by anything in static data: n8n
 * 2.x publishes a workflow in the background, so a delivery can arrive before the endpoint's ID
 * reaches the static data its webhook reads. Polar keeps the secret; n8n's database, exports and
 * API never hold it. After a restart (or in another webhook process) the first delivery reads it
 * from Polar again.
 */
const known = new Map<string, KnownSecret>();

/** The scheme an endpoint object states; one that does not say may use either key. */
export function schemeOf(endpoint: { uses_standard_webhook_signature?: unknown }): SignatureScheme {
	const standard = endpoint.uses_standard_webhook_signature;
	return standard === true ? 'standard' : standard === false ? 'legacy' : 'either';
}

export function rememberSecret(
	trigger: string,
	endpoint: { id: string; secret: string; uses_standard_webhook_signature?: unknown },
	now = Date.now(),
): KnownSecret {
	known.delete(trigger);
	if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
	const entry = {
		endpointId: endpoint.id,
		secret: endpoint.secret,
		scheme: schemeOf(endpoint),
		readAt: now,
	};
	known.set(trigger, entry);
	return entry;
}

export function recallSecret(trigger: string): KnownSecret | undefined {
	return known.get(trigger);
}

/** Forgets the secret of an endpoint, whichever trigger it was kept for. */
export function forgetSecret(endpointId: string): void {
	for (const [trigger, entry] of known) if (entry.endpointId === endpointId) known.delete(trigger);
}
