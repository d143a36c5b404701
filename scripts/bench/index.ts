// `npm run bench`: the Polar node in n8n's real engine (n8n-core's WorkflowExecute, through the
// test harness) against the Polar API double, eleven workloads in one run (7, 10 and 11 in a
// real n8n).
// Prints a table and writes bench-results/bench-<date>.json. Not a test: it never fails the
// build; with --check it exits 1 when a target is missed, for whoever wants to gate on it.
//
// Layout: this process only orchestrates. The double runs in its own process (its CLI) and
// every measurement runs in a fresh worker process (worker.ts), so a worker's CPU time is the
// client's alone and its peak RSS is its own run's.
//
// Files: settings.ts (what each workload does), run.ts (double and worker processes), one file
// per workload (latency.ts, limit.ts, overhead.ts, memory.ts, faults.ts, polarWindow.ts,
// executions.ts, returnAll.ts, ingest.ts, ingestAtScale.ts, storm.ts),
// table.ts (the table).
//
// Built with the other dev tools (tsconfig.tools.json) into .cache/tools/.

import { mkdirSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join, relative, resolve } from 'path';

import { faultsWorkload } from './faults';
import { ingestWorkload } from './ingest';
import { ingestAtScale } from './ingestAtScale';
import { latencyBound } from './latency';
import { limitBound } from './limit';
import { memoryWorkload } from './memory';
import { overheadWorkload } from './overhead';
import { polarWindow } from './polarWindow';
import { returnAll } from './returnAll';
import { stormWorkload } from './storm';
import { manyExecutions } from './executions';
import { withDouble } from './run';
import { SETTINGS } from './settings';
import { fixed, markdownTable, type Row } from './table';

/** npm runs scripts in the package root; the results folder (git-ignored) lives there. */
const RESULTS_DIR = resolve(process.cwd(), 'bench-results');
/** With --check, a missed target makes the exit code 1. */
const CHECK = process.argv.includes('--check');
/** --only 1,3: run only these workloads. */
const ONLY = (() => {
	const at = process.argv.indexOf('--only');
	if (at === -1) return undefined;
	return new Set((process.argv[at + 1] ?? '').split(',').map((n) => Number(n.trim())));
})();
const selected = (workload: number) => ONLY === undefined || ONLY.has(workload);

/** Workloads 3 and 4 share one zero-latency double, reset in between. */
async function zeroLatency(rows: Row[]) {
	return await withDouble({ latencyMs: SETTINGS.overhead.latencyMs }, async (double, target) => {
		const overhead = selected(3) ? await overheadWorkload(rows, target) : undefined;
		await double.reset();
		const memory = selected(4) ? await memoryWorkload(rows, target) : undefined;
		return { overhead, memory };
	});
}

async function main(): Promise<void> {
	const started = new Date();
	const rows: Row[] = [];
	const latency = selected(1) ? await latencyBound(rows) : undefined;
	const limit = selected(2) ? await limitBound(rows) : undefined;
	const { overhead, memory } =
		selected(3) || selected(4)
			? await zeroLatency(rows)
			: { overhead: undefined, memory: undefined };
	const faults = selected(5) ? await faultsWorkload(rows) : undefined;
	const window = selected(6) ? await polarWindow(rows) : undefined;
	const executions = selected(7) ? await manyExecutions(rows) : undefined;
	const pages = selected(8) ? await returnAll(rows) : undefined;
	const ingestion = selected(9) ? await ingestWorkload(rows) : undefined;
	const atScale = selected(10) ? await ingestAtScale(rows) : undefined;
	const deliveryStorm = selected(11) ? await stormWorkload(rows) : undefined;
	const durationS = (Date.now() - started.getTime()) / 1000;

	const table = markdownTable(rows);
	process.stdout.write(`\n${table}\n\n`);
	const missed = rows.filter((row) => row.pass === false);

	const outDir = RESULTS_DIR;
	mkdirSync(outDir, { recursive: true });
	const stamp = started.toISOString().replace(/[:.]/g, '-');
	const file = join(outDir, `bench-${stamp}.json`);
	const report = {
		date: started.toISOString(),
		durationS,
		machine: {
			cpus: cpus().length,
			cpuModel: cpus()[0]?.model,
			totalMemoryBytes: totalmem(),
			node: process.version,
			platform: `${process.platform}-${process.arch}`,
		},
		notes: [
			'The node runs in n8n-core WorkflowExecute (the test harness): engine, expressions, credentials and HTTP helper are included in the node figures.',
			'The Polar double runs in its own process; CPU time and RSS are the worker process only.',
			'Items per second = successful items ÷ wall time of the whole node run.',
		],
		rows,
		workloads: {
			latencyBound: latency,
			limitBound: limit,
			overhead,
			memory,
			faults,
			polarWindow: window,
			manyExecutions: executions,
			returnAll: pages,
			ingest: ingestion,
			ingestAtScale: atScale,
			storm: deliveryStorm,
		},
		targetsMissed: missed.map((row) => `${row.workload}: ${row.figure}`),
	};
	writeFileSync(file, `${JSON.stringify(report, null, '\t')}\n`);
	process.stdout.write(`Figures: ${relative(process.cwd(), file)} (${fixed(durationS, 0)} s)\n`);
	if (missed.length > 0) {
		process.stdout.write(`Targets missed: ${report.targetsMissed.join('; ')}\n`);
		if (CHECK) process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
