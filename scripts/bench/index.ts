// `npm run bench`: the Polar node in n8n's real engine (n8n-core's WorkflowExecute, through the
// test harness) against the Polar API double, four workloads in one run (GitHub issue #4).
// Prints a table and writes bench-results/bench-<date>.json. Not a test: it never fails the
// build; with --check it exits 1 when a target is missed, for whoever wants to gate on it.
//
// Layout: this process only orchestrates. The double runs in its own process (its CLI) and
// every measurement runs in a fresh worker process (worker.ts), so a worker's CPU time is the
// client's alone and its peak RSS is its own run's.
//
// Built with the other dev tools (tsconfig.tools.json) into .cache/tools/.

import { fork, type ChildProcess } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join, relative, resolve } from 'path';

import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	maxInFlight,
	type RecordedRequest,
} from '../../test/polar-double';
import { DoubleProcess, type DoubleSettings } from './double';
import {
	returnUrlFor,
	type Job,
	type JobResult,
	type LoopRunJob,
	type LoopRunResult,
	type NodeRunJob,
	type NodeRunResult,
	type OverheadJob,
	type OverheadResult,
	OVERHEAD_CLIENTS,
	type OverheadClient,
	type Target,
	type WorkerMessage,
} from './protocol';
import { markdownTable, type Row } from './table';

const WORKER = join(__dirname, 'worker.js');
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
const CUSTOMERS = [FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.alan];

/** Everything the run does, recorded in the JSON next to the figures. */
const SETTINGS = {
	latencyBound: {
		items: 1000,
		latencyMs: 100,
		/** The node's default Max Concurrent Requests. */
		concurrency: 5,
		/** At concurrency 1 a run is latency × items: fewer items keep the bench short. */
		serialItems: 200,
		/** Reported only: how the node scales past the default. */
		wideConcurrency: 20,
		/** Reference: a plain fetch loop at the default concurrency, what any client gets here. */
		loopItems: 300,
		warmupItems: 20,
	},
	limitBound: {
		items: 1000,
		/** Polar's 500 a minute, scaled down so the run takes about half a minute. */
		rateLimit: { limit: 100, windowMs: 3000 },
		latencyMs: 0,
		/** The node's defaults: concurrency 5, retry on (5 retries, up to 60 s), no cap. */
		options: {} as IDataObject,
		warmupItems: 10,
	},
	overhead: { items: 2000, rounds: 5, concurrency: 5, warmupItems: 300, latencyMs: 0 },
	memory: {
		items: 10_000,
		latencyMs: 0,
		options: {} as IDataObject,
		warmupItems: 10,
		sampleMs: 20,
	},
};

const MB = 1024 * 1024;
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Runs one job in a fresh worker process; kills it if it overruns `timeoutMs`. */
async function runJob<R extends JobResult>(job: Job, timeoutMs: number): Promise<R> {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-polar-bench-'));
	const child: ChildProcess = fork(WORKER, [], {
		execArgv: ['--expose-gc'],
		env: {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_LOG_LEVEL: 'silent',
			NO_PROXY: '127.0.0.1,localhost',
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const result = new Promise<R>((resolvePromise, reject) => {
		let settled = false;
		const settle = (action: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			action();
		};
		const timer = setTimeout(() => {
			settle(() => reject(new Error(`${job.kind} job overran ${timeoutMs / 1000} s`)));
			child.kill('SIGKILL');
		}, timeoutMs);
		child.once('message', (message: WorkerMessage) =>
			settle(() =>
				'result' in message
					? resolvePromise(message.result as R)
					: reject(new Error(`worker failed: ${message.error}`)),
			),
		);
		child.once('exit', (code) =>
			settle(() => reject(new Error(`worker exited (${code}) without a result`))),
		);
		child.send(job);
	});
	try {
		return await result;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

async function withDouble<T>(
	settings: DoubleSettings,
	body: (double: DoubleProcess, target: Target) => Promise<T>,
): Promise<T> {
	const double = await DoubleProcess.start(settings);
	try {
		return await body(double, { url: double.url, token: DEFAULT_TOKEN, customerIds: CUSTOMERS });
	} finally {
		await double.stop();
	}
}

const nodeJob = (target: Target, job: Omit<NodeRunJob, 'kind' | 'target'>): NodeRunJob => ({
	kind: 'node',
	target,
	...job,
});

/** The double's view of a run: first arrival to last answer, and requests open at once. */
function serverView(requests: RecordedRequest[]) {
	const first = Math.min(...requests.map((r) => r.time));
	const last = Math.max(...requests.map((r) => r.answeredAt ?? r.time));
	return { requests: requests.length, spanMs: last - first, maxInFlight: maxInFlight(requests) };
}

// --- 1. Latency-bound ----------------------------------------------------------------------

async function latencyBound(rows: Row[]) {
	const s = SETTINGS.latencyBound;
	return await withDouble({ latencyMs: s.latencyMs }, async (double, target) => {
		const measure = async (concurrency: number, items: number) => {
			log(`latency-bound: ${items} items, concurrency ${concurrency}, ${s.latencyMs} ms latency`);
			const result = await runJob<NodeRunResult>(
				nodeJob(target, {
					items,
					options: concurrency === 5 ? {} : { concurrency },
					warmupItems: s.warmupItems,
					sampleRssMs: 0,
				}),
				(items * s.latencyMs * 3) / concurrency + 30_000,
			);
			const server = serverView(await double.requests());
			await double.reset();
			const perSecond = result.success / (result.wallMs / 1000);
			const ideal = concurrency / (s.latencyMs / 1000);
			return { concurrency, items, ...result, server, perSecond, ideal };
		};

		const main = await measure(s.concurrency, s.items);
		const serial = await measure(1, s.serialItems);
		const wide = await measure(s.wideConcurrency, s.items);

		log(`latency-bound: plain fetch loop, ${s.loopItems} items, concurrency ${s.concurrency}`);
		const loopJob: LoopRunJob = {
			kind: 'loop',
			target,
			items: s.loopItems,
			concurrency: s.concurrency,
			warmupItems: s.warmupItems,
		};
		const loopResult = await runJob<LoopRunResult>(loopJob, 120_000);
		await double.reset();
		const loop = {
			...loopResult,
			items: s.loopItems,
			concurrency: s.concurrency,
			perSecond: loopResult.success / (loopResult.wallMs / 1000),
		};

		const w = '1. Latency-bound';
		const ok = (run: typeof main) => run.failed === 0 && run.success === run.items;
		rows.push(
			{
				workload: w,
				figure: `items/s, concurrency ${s.concurrency} (default), ${s.items} items`,
				measured: fixed(main.perSecond),
				reference: `${fixed(main.ideal)} (concurrency ÷ latency)`,
				ratio: main.perSecond / main.ideal,
				target: '≥ 0.90',
				pass: ok(main) && main.perSecond / main.ideal >= 0.9,
			},
			{
				workload: w,
				figure: `same, plain fetch loop (reference), ${s.loopItems} items`,
				measured: fixed(loop.perSecond),
				reference: `${fixed(main.ideal)} (concurrency ÷ latency)`,
				ratio: loop.perSecond / main.ideal,
				target: '',
			},
			{
				workload: w,
				figure: `items/s, concurrency 1, ${s.serialItems} items`,
				measured: fixed(serial.perSecond),
				reference: `${fixed(serial.ideal)} (1 ÷ latency)`,
				ratio: serial.perSecond / serial.ideal,
				target: '',
			},
			{
				workload: w,
				figure: `speed-up of concurrency ${s.concurrency} over 1`,
				measured: `${fixed(main.perSecond / serial.perSecond, 2)}×`,
				reference: `${s.concurrency}×`,
				ratio: main.perSecond / serial.perSecond / s.concurrency,
				target: '',
			},
			{
				workload: w,
				figure: `items/s, concurrency ${s.wideConcurrency}, ${s.items} items`,
				measured: fixed(wide.perSecond),
				reference: `${fixed(wide.ideal)} (concurrency ÷ latency)`,
				ratio: wide.perSecond / wide.ideal,
				target: '',
			},
		);
		return { settings: s, runs: [main, serial, wide], fetchLoop: loop };
	});
}

// --- 2. Limit-bound ------------------------------------------------------------------------

async function limitBound(rows: Row[]) {
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
			const perItem = new Map<string, number>();
			for (const session of sessions) {
				const key = session.return_url ?? '';
				perItem.set(key, (perItem.get(key) ?? 0) + 1);
			}
			let duplicated = 0;
			let missing = 0;
			for (let i = 0; i < s.items; i++) {
				const count = perItem.get(returnUrlFor(i)) ?? 0;
				if (count > 1) duplicated++;
				if (count === 0) missing++;
			}
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
				{
					workload: w,
					figure: 'items failed',
					measured: String(failed),
					reference: '0',
					target: '= 0',
					pass: failed === 0 && result.executionError === undefined,
				},
				{
					workload: w,
					figure: 'items with more than one session',
					measured: String(duplicated),
					reference: '0',
					target: '= 0',
					pass: duplicated === 0 && missing === 0,
				},
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

// --- 3. Overhead and 4. Memory (zero-latency double) ----------------------------------------

async function overheadWorkload(rows: Row[], target: Target) {
	const s = SETTINGS.overhead;
	log(`overhead: ${s.rounds} rounds of ${s.items} items per client, concurrency ${s.concurrency}`);
	const job: OverheadJob = { kind: 'overhead', target, ...s };
	const { rounds } = await runJob<OverheadResult>(job, 300_000);
	const perItemUs = Object.fromEntries(
		OVERHEAD_CLIENTS.map((client) => [
			client,
			median(rounds.map((round) => (round[client].cpuMs * 1000) / s.items)),
		]),
	) as Record<OverheadClient, number>;
	const allAnswered = rounds.every((round) =>
		OVERHEAD_CLIENTS.every((client) => round[client].success === s.items),
	);
	const { node, nodeWithExpressions, floorNode, fetchLoop, fetchLoopNewConnections } = perItemUs;
	const w = '3. Overhead';
	rows.push(
		{
			workload: w,
			figure: `client CPU µs per item, values typed in (median of ${s.rounds} × ${s.items})`,
			measured: fixed(node, 0),
			reference: `${fixed(fetchLoop, 0)} (plain fetch loop)`,
			ratio: node / fetchLoop,
			target: '≤ 1.50',
			pass: allAnswered && node / fetchLoop <= 1.5,
		},
		{
			workload: w,
			figure: 'same, customer and Return URL from 2 n8n expressions per item',
			measured: fixed(nodeWithExpressions, 0),
			reference: `${fixed(fetchLoop, 0)} (plain fetch loop)`,
			ratio: nodeWithExpressions / fetchLoop,
			target: '',
		},
		{
			workload: w,
			figure: 'same, vs fetch opening a connection per request',
			measured: fixed(node, 0),
			reference: `${fixed(fetchLoopNewConnections, 0)} (fetch, connection: close)`,
			ratio: node / fetchLoopNewConnections,
			target: '',
		},
		{
			workload: w,
			figure: 'same, vs the least an n8n node can do',
			measured: fixed(node, 0),
			reference: `${fixed(floorNode, 0)} (httpRequestWithAuthentication only)`,
			ratio: node / floorNode,
			target: '',
		},
		{
			workload: w,
			figure: 'that least n8n node vs the plain fetch loop',
			measured: fixed(floorNode, 0),
			reference: `${fixed(fetchLoop, 0)} (plain fetch loop)`,
			ratio: floorNode / fetchLoop,
			target: '',
		},
	);
	return { settings: s, cpuUsPerItem: perItemUs, rounds };
}

async function memoryWorkload(rows: Row[], target: Target) {
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
		workloads: { latencyBound: latency, limitBound: limit, overhead, memory },
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
