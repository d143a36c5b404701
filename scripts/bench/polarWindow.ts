// Workload 6, Polar's limit as its server counts it: a fixed minute that opens at the first
// request, and a 429 asking for the whole minute. A client that only reacts to 429s loses up to
// a minute per window; the node keeps itself under the credential's budget and never sees one.

import type { NodeRunResult } from './protocol';
import { log, nodeJob, runJob, serverView, sessionsPerItem, withDouble } from './run';
import { SETTINGS } from './settings';
import { fixed, itemRows, type Row } from './table';

/** The node's default Max Concurrent Requests. */
const CONCURRENCY = 5;

export async function polarWindow(rows: Row[]) {
	const s = SETTINGS.polarWindow;
	const { limit, windowMs } = s.rateLimit;
	return await withDouble(
		{ latencyMs: s.latencyMs, rateLimit: s.rateLimit },
		async (double, target) => {
			log(
				`Polar's window: ${s.items} items, ${limit} requests per ${windowMs / 1000} s fixed window, ${s.latencyMs} ms latency (about ${Math.ceil(s.items / limit) - 1} min)`,
			);
			const result = await runJob<NodeRunResult>(
				nodeJob(
					// The credential as a new user leaves it: Rate Limit unset, Polar's default.
					{ ...target, rateLimit: 0 },
					{ items: s.items, options: s.options, warmupItems: s.warmupItems, sampleRssMs: 0 },
				),
				(Math.ceil(s.items / limit) + 3) * windowMs,
			);
			const requests = await double.requests();
			const sessions = await double.sessions();
			const rateLimited = requests.filter((r) => r.status === 429).length;
			const { duplicated, missing } = sessionsPerItem(sessions, s.items);
			const failed = result.failed + (s.items - result.success - result.failed);
			// The fastest any client can go: each full window at once (it takes less than the
			// window at this latency), then the rest at the concurrency the latency allows.
			const fullWindows = Math.ceil(s.items / limit) - 1;
			const rest = s.items - fullWindows * limit;
			const bestWallMs = fullWindows * windowMs + (rest / CONCURRENCY) * s.latencyMs;
			const ratio = bestWallMs / result.wallMs;
			// Where the time went, as the double saw it: when each window's first request arrived,
			// and how long the last, partial window took against its best.
			const byArrival = [...requests].sort((a, b) => a.time - b.time);
			const t0 = byArrival[0]?.time ?? 0;
			const windowStartsS = byArrival
				.filter((_, i) => i % limit === 0)
				.map((r) => Math.round(r.time - t0) / 1000);
			const lastWindow = byArrival.slice(fullWindows * limit);
			const lastWindowMs =
				Math.max(...lastWindow.map((r) => r.answeredAt ?? r.time)) - (lastWindow[0]?.time ?? 0);

			const w = "6. Polar's fixed window";
			rows.push(
				{
					workload: w,
					figure: `wall time, s, ${s.items} items, ${limit} per ${windowMs / 1000} s, defaults`,
					measured: fixed(result.wallMs / 1000),
					reference: `${fixed(bestWallMs / 1000)} (best possible)`,
					ratio,
					target: '≥ 0.97',
					pass: ratio >= 0.97,
				},
				{
					workload: w,
					figure: `windows opened at, s; the last (${rest} items) took, s`,
					measured: `${windowStartsS.map((t) => fixed(t)).join(', ')}; ${fixed(lastWindowMs / 1000)}`,
					reference: `${Array.from({ length: fullWindows + 1 }, (_, i) => fixed((i * windowMs) / 1000)).join(', ')}; ${fixed(((rest / CONCURRENCY) * s.latencyMs) / 1000)}`,
					target: '',
				},
				{
					workload: w,
					figure: '429 answers received',
					measured: String(rateLimited),
					reference: `${requests.length} requests`,
					target: '= 0',
					pass: rateLimited === 0,
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
				bestWallMs,
				ratio,
				windowStartsS,
				lastWindowMs,
				requests: requests.length,
				rateLimited,
				sessions: sessions.length,
				duplicatedItems: duplicated,
				itemsWithoutSession: missing,
				server: serverView(requests),
			};
		},
	);
}
