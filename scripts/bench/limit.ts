// Workload 2, limit-bound: a double that enforces a sliding-window rate limit (429s), so
// throughput is set by the limit and the node must retry without losing or duplicating items.

import type { NodeRunResult } from './protocol';
import { log, nodeJob, runJob, serverView, sessionsPerItem, withDouble } from './run';
import { SETTINGS } from './settings';
import { fixed, itemRows, type Row } from './table';

export async function limitBound(rows: Row[]) {
	const s = SETTINGS.limitBound;
	const { limit, windowMs } = s.rateLimit;
	return await withDouble(
		{ latencyMs: s.latencyMs, rateLimit: s.rateLimit },
		async (double, target) => {
			log(`limit-bound: ${s.items} items, ${limit} requests per ${windowMs} ms sliding window`);
			const result = await runJob<NodeRunResult>(
				nodeJob(target, {
					items: s.items,
					options: s.options,
					warmupItems: s.warmupItems,
					sampleRssMs: 0,
				}),
				(s.items / limit) * windowMs * 3 + 60_000,
			);
			const requests = await double.requests();
			const sessions = await double.sessions();
			const violations = await double.violations();
			const rateLimited = requests.filter((r) => r.status === 429).length;
			const { duplicated, missing } = sessionsPerItem(sessions, s.items);
			const perSecond = result.success / (result.wallMs / 1000);
			const ideal = limit / (windowMs / 1000);
			// The fastest any client can go: a full window at once, then a full window every windowMs.
			const bestWallMs = (Math.ceil(s.items / limit) - 1) * windowMs;
			const failed = result.failed + (s.items - result.success - result.failed);

			const w = '2. Limit-bound';
			rows.push(
				{
					workload: w,
					figure: `items/s, ${s.items} items, default options`,
					measured: fixed(perSecond),
					reference: `${fixed(ideal)} (${limit} per ${windowMs / 1000} s)`,
					ratio: perSecond / ideal,
					target: '≥ 0.90',
					pass: perSecond / ideal >= 0.9,
				},
				{
					workload: w,
					figure: 'wall time, s',
					measured: fixed(result.wallMs / 1000),
					reference: `${fixed(bestWallMs / 1000)} (best possible)`,
					ratio: bestWallMs / result.wallMs,
					target: '',
				},
				{
					workload: w,
					figure: '429 answers received',
					measured: String(rateLimited),
					reference: `${requests.length} requests`,
					target: '',
				},
				...itemRows(w, {
					failed,
					stopped: result.executionError !== undefined,
					duplicated,
					missing,
				}),
			);
			return {
				settings: s,
				...result,
				perSecond,
				ideal,
				bestWallMs,
				requests: requests.length,
				rateLimited,
				sessions: sessions.length,
				duplicatedItems: duplicated,
				itemsWithoutSession: missing,
				contractViolations: violations.length,
				server: serverView(requests),
			};
		},
	);
}
