// Workload 5, faults: a double that fails a share of create requests, some before Polar acts
// (500 before acting, 503, a reset before acting) and some after (commit, then the answer is
// lost by hanging, a reset or a 502). The node may not retry what Polar may have done, so the
// figures count every session the server created against what the node reported or flagged.

import type { NodeRunResult } from './protocol';
import { returnUrlFor } from './protocol';
import { log, nodeJob, runJob, sessionsPerItem, withDouble } from './run';
import { SETTINGS } from './settings';
import type { Row } from './table';

export async function faultsWorkload(rows: Row[]) {
	const s = SETTINGS.faults;
	return await withDouble({ latencyMs: s.latencyMs, faults: s.faults }, async (double, target) => {
		log(
			`faults: ${s.items} items, ${s.faults.rate * 100}% of requests fail (seed ${s.faults.seed})`,
		);
		const result = await runJob<NodeRunResult>(
			nodeJob(target, {
				items: s.items,
				options: s.options,
				warmupItems: s.warmupItems,
				sampleRssMs: 0,
				traceOutcomes: true,
			}),
			300_000,
		);
		const requests = await double.requests();
		const sessions = await double.sessions();
		const reported = new Set(result.reportedSessionIds);
		const flagged = new Set((result.mayHaveActedItems ?? []).map(returnUrlFor));
		const notReported = sessions.filter((session) => !reported.has(session.id));
		const unseen = notReported.filter((session) => !flagged.has(session.return_url ?? ''));
		const { duplicated } = sessionsPerItem(sessions, s.items);
		const faulted = requests.filter((r) => r.status !== 201).length;

		const w = '5. Faults';
		const row = (figure: string, measured: number, reference: string, pass?: boolean): Row => ({
			workload: w,
			figure,
			measured: String(measured),
			reference,
			target: pass === undefined ? '' : '= 0',
			pass,
		});
		rows.push(
			row('requests that failed at the server', faulted, `${requests.length} requests`),
			row('sessions created by the server', sessions.length, `${s.items} items`),
			row('sessions reported in the output', reported.size, ''),
			row(
				'sessions not reported, flagged on their item',
				notReported.length - unseen.length,
				`${flagged.size} items flagged`,
			),
			row('sessions created unseen', unseen.length, '0', unseen.length === 0),
			row('items with more than one session', duplicated, '0', duplicated === 0),
		);
		return {
			settings: s,
			wallMs: result.wallMs,
			requests: requests.length,
			faulted,
			sessionsCreated: sessions.length,
			sessionsReported: reported.size,
			itemsFlagged: flagged.size,
			itemsFailed: result.failed,
			unseen: unseen.length,
			duplicated,
		};
	});
}
