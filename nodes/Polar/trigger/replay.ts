/**
 * How many recent webhook-ids the trigger remembers per trigger node. Polar retries a failed
 * delivery with the same webhook-id and delivers an endpoint's events in order, so a retry
 * comes before later events pile up: a few hundred IDs cover it.
 */
export const REMEMBERED_DELIVERIES = 500;

/**
 * Recent IDs live in this module (per n8n process), not in the workflow's static data: n8n
 * loads static data when a webhook request arrives and writes it back around the execution it
 * starts, with no atomic update, so IDs recorded there get lost when deliveries follow each
 * other closely (seen in n8n 2.40.7: a replay then started an execution). Here the check and
 * the record happen in one synchronous step. The price: a restart, or another n8n webhook
 * process in queue mode, does not know the IDs.
 */
const recentByTrigger = new Map<string, string[]>();

/**
 * Records `id` for the trigger `scope` (its workflow and node), and tells whether it was
 * already among the last `limit` IDs recorded there: a replay.
 */
export function isReplay(scope: string, id: string, limit = REMEMBERED_DELIVERIES): boolean {
	const seen = recentByTrigger.get(scope) ?? [];
	if (seen.includes(id)) return true;
	seen.push(id);
	if (seen.length > limit) seen.splice(0, seen.length - limit);
	recentByTrigger.set(scope, seen);
	return false;
}
