// Process plumbing shared by the workloads: start the Polar double in its own process, run one
// measurement in a fresh worker process, and read the double's view of what it received.

import { fork, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	maxInFlight,
	type RecordedRequest,
} from '../../dev/polar-double';
import type { CustomerSession } from '../../dev/polar-double/types';
import { DoubleProcess, type DoubleSettings } from './double';
import {
	returnUrlFor,
	type Job,
	type JobResult,
	type NodeRunJob,
	type Target,
	type WorkerMessage,
} from './protocol';

const WORKER = join(__dirname, 'worker.js');
const CUSTOMERS = [FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.alan];
/**
 * The credential's Rate Limit where the workload is not about it: high enough that the node's
 * per-token budget never holds a request back, so the figures are the node's and the double's.
 */
const BUDGET_OUT_OF_THE_WAY = 1_000_000;

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Runs one job in a fresh worker process; kills it if it overruns `timeoutMs`. */
export async function runJob<R extends JobResult>(job: Job, timeoutMs: number): Promise<R> {
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

/** Starts a double with `settings`, runs `body` against it, and stops it whatever happens. */
export async function withDouble<T>(
	settings: DoubleSettings,
	body: (double: DoubleProcess, target: Target) => Promise<T>,
): Promise<T> {
	const double = await DoubleProcess.start(settings);
	try {
		return await body(double, {
			url: double.url,
			token: DEFAULT_TOKEN,
			customerIds: CUSTOMERS,
			rateLimit: BUDGET_OUT_OF_THE_WAY,
		});
	} finally {
		await double.stop();
	}
}

export const nodeJob = (target: Target, job: Omit<NodeRunJob, 'kind' | 'target'>): NodeRunJob => ({
	kind: 'node',
	target,
	...job,
});

/** How many sessions the double created for each item, traced by their return URL. */
export function sessionsPerItem(sessions: CustomerSession[], items: number) {
	const perItem = new Map<string, number>();
	for (const session of sessions) {
		const key = session.return_url ?? '';
		perItem.set(key, (perItem.get(key) ?? 0) + 1);
	}
	let duplicated = 0;
	let missing = 0;
	for (let i = 0; i < items; i++) {
		const count = perItem.get(returnUrlFor(i)) ?? 0;
		if (count > 1) duplicated++;
		if (count === 0) missing++;
	}
	return { duplicated, missing };
}

/** The double's view of a run: first arrival to last answer, and requests open at once. */
export function serverView(requests: RecordedRequest[]) {
	const first = Math.min(...requests.map((r) => r.time));
	const last = Math.max(...requests.map((r) => r.answeredAt ?? r.time));
	return { requests: requests.length, spanMs: last - first, maxInFlight: maxInFlight(requests) };
}
