/**
 * How many recent webhook-ids the trigger remembers. Polar retries a failed delivery with the
 * same webhook-id, and delivers an endpoint's events in order, so a retry comes before later
 * events pile up: a few hundred IDs cover it, and keep the workflow's static data small (about
 * 20 kB), which n8n writes back after every delivery.
 */
export const REMEMBERED_DELIVERIES = 500;

/**
 * The list of seen IDs with `id` added (oldest dropped past the limit), or undefined when `id`
 * was seen already: a replay.
 */
export function recordDelivery(
	seen: readonly string[] | undefined,
	id: string,
	limit = REMEMBERED_DELIVERIES,
): string[] | undefined {
	const known = seen ?? [];
	if (known.includes(id)) return undefined;
	return [...known, id].slice(-limit);
}
