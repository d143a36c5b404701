// Workload 4, memory: the worker's peak RSS over one large node run against a zero-latency double.

import type { NodeRunResult, Target } from './protocol';
import { log, nodeJob, runJob } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

const MB = 1024 * 1024;

export async function memoryWorkload(rows: Row[], target: Target) {
	const m = SETTINGS.memory;
	log(`memory: ${m.items} items, ${m.latencyMs} ms latency, default options`);
	const memory = await runJob<NodeRunResult>(
		nodeJob(target, {
			items: m.items,
			options: m.options,
			warmupItems: m.warmupItems,
			sampleRssMs: m.sampleMs,
		}),
		300_000,
	);
	const peak = Math.max(memory.rssPeakSampledBytes, memory.maxRssBytes);
	const memoryOk = memory.success === m.items && memory.failed === 0;
	rows.push(
		{
			workload: '4. Memory',
			figure: `peak RSS, ${m.items} items (MB)`,
			measured: fixed(peak / MB),
			reference: `${fixed(memory.rssBaselineBytes / MB)} (RSS before the run)`,
			ratio: peak / memory.rssBaselineBytes,
			target: '',
			pass: memoryOk ? undefined : false,
		},
		{
			workload: '4. Memory',
			figure: 'RSS growth per item (KB)',
			measured: fixed((peak - memory.rssBaselineBytes) / 1024 / m.items, 2),
			reference: '',
			target: '',
		},
	);
	return { settings: m, ...memory, peakRssBytes: peak };
}
