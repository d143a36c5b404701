// n8n in queue mode, as its docs set it up: one main process (`n8n start`, which receives the
// webhooks and queues executions) and workers (`n8n worker`, which run them), sharing Postgres,
// Redis and the encryption key. Each process has its own user folder with the package installed
// in its nodes folder, as a user installs it by hand on each machine.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createN8nInstance, ensureN8n, freePort, type N8nInstance } from '../n8n';
import { eachLine, killGroup, stderrProgress, track, type Progress } from '../n8n/run';
import { startPostgres, startRedis, type Postgres, type Service } from './services';

export interface QueueWorker {
	readonly n8n: N8nInstance;
	/** Every line the worker printed. */
	readonly log: string[];
}

export interface QueueCluster {
	main: N8nInstance;
	/** The main process's base URL: webhooks arrive here. */
	url: string;
	workers: QueueWorker[];
	postgres: Postgres;
	redis: Service;
	stop(): Promise<void>;
}

export interface QueueClusterOptions {
	/** The package tarball, installed into every process's nodes folder. */
	tarball: string;
	workers?: number;
	/** Per worker (`n8n worker --concurrency`); n8n's default is 10. */
	concurrency?: number;
	/** Runs with the main process's CLI before anything starts: import credentials, workflows. */
	setup?: (main: N8nInstance) => Promise<void>;
	onProgress?: Progress;
	/** Pass every line the main process and the CLI print to onProgress. */
	echo?: boolean;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitReady(url: string, isDead: () => boolean, timeoutMs = 180_000): Promise<void> {
	const started = Date.now();
	for (;;) {
		if (isDead()) throw new Error(`exited before ${url} was ready`);
		if (Date.now() - started > timeoutMs) throw new Error(`${url} not ready in ${timeoutMs} ms`);
		try {
			if ((await fetch(url)).status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const onProgress = options.onProgress ?? stderrProgress;
	const installation = await ensureN8n({ onProgress });
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-queue-'));
	const stoppers: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const each of stoppers.reverse()) await each().catch(() => undefined);
		stoppers.length = 0;
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const postgres = await startPostgres();
		stoppers.push(() => postgres.stop());
		const redis = await startRedis();
		stoppers.push(() => redis.stop());
		onProgress(`[queue] Postgres on ${postgres.port}, Redis on ${redis.port}`);

		const env: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			// Every process must decrypt the same credentials.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		};
		const instance = async (name: string) => {
			const n8n = await createN8nInstance({
				userFolder: join(dir, name),
				installation,
				env,
				onProgress,
				echo: options.echo,
			});
			await n8n.installPackage(options.tarball);
			return n8n;
		};

		const main = await instance('main');
		await options.setup?.(main);
		const url = await main.start();
		stoppers.push(() => main.stop());

		const workers: QueueWorker[] = [];
		for (let i = 0; i < (options.workers ?? 2); i++) {
			const n8n = await instance(`worker-${i + 1}`);
			const healthPort = await freePort();
			const child: ChildProcess = spawn(
				installation.nodeBin,
				[installation.n8nBin, 'worker', `--concurrency=${options.concurrency ?? 10}`],
				{
					cwd: n8n.userFolder,
					env: n8n.env({
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					}),
					stdio: ['ignore', 'pipe', 'pipe'],
					detached: true,
				},
			);
			track(child);
			stoppers.push(async () => {
				if (child.exitCode !== null || child.signalCode !== null) return;
				const exited = new Promise<void>((done) => child.once('exit', () => done()));
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
				killGroup(child, 'SIGKILL'); // its task runner, should it linger
			});
			const log: string[] = [];
			eachLine(child.stdout!, (line) => log.push(line));
			eachLine(child.stderr!, (line) => log.push(line));
			let exited = false;
			child.once('exit', () => (exited = true));
			await waitReady(`http://127.0.0.1:${healthPort}/healthz/readiness`, () => exited).catch(
				(error: Error) => {
					throw new Error(`n8n worker ${i + 1}: ${error.message}\n${log.slice(-30).join('\n')}`);
				},
			);
			onProgress(`[queue] worker ${i + 1} ready (health on ${healthPort})`);
			workers.push({ n8n, log });
		}
		return { main, url, workers, postgres, redis, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
