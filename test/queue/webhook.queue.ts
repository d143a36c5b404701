// Queue mode (npm run test:queue): n8n's main process receives the webhook calls and two workers
// run the executions, each process with the package installed in its own nodes folder. The
// webhook workflow creates a portal link per call; calls for unknown customers take the error
// output. Redis and Postgres are Debian's, started here on loopback and stopped after.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { FIXTURE_EXTERNAL_IDS, startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import { psql, startQueueCluster, type QueueCluster } from '../../dev/queue';

const TOKEN = `polar_oat_queue_${randomBytes(16).toString('hex')}`;
const KNOWN = [FIXTURE_EXTERNAL_IDS.ada, FIXTURE_EXTERNAL_IDS.grace];
const CALLS = 24;
const WORKFLOW_ID = 'queuePortalHook1';
/** Everything the processes printed, for whoever needs to see why a run failed. */
const TRANSCRIPT = join(__dirname, '..', '..', '.cache', 'queue-transcript.log');
/** Every fourth call names a customer Polar does not have. */
const userIdFor = (call: number) => (call % 4 === 3 ? `usr_unknown_${call}` : KNOWN[call % 2]);

let double: PolarDouble;
let cluster: QueueCluster;
const transcript: string[] = [];

beforeAll(async () => {
	const tarball = process.env.POLAR_E2E_TARBALL;
	if (!tarball) throw new Error('POLAR_E2E_TARBALL is unset: run npm run test:queue');
	double = await startPolarDouble({ tokens: { [TOKEN]: ['customer_sessions:write'] } });
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-queue-import-'));
	try {
		cluster = await startQueueCluster({
			tarball,
			workers: 2,
			echo: true,
			onProgress: (line) => transcript.push(line),
			setup: async (main) => {
				const credentials = join(dir, 'credentials.json');
				const credential = {
					id: 'queuePolarCred01',
					name: 'Polar (queue)',
					type: 'polarApi',
					data: { accessToken: TOKEN, environment: 'custom', baseUrl: double.url },
				};
				writeFileSync(credentials, JSON.stringify([credential]), { mode: 0o600 });
				await main.importCredentials(credentials);
				await main.importWorkflow(join(__dirname, 'workflows', 'webhook-portal.json'));
				// Active from the start: the main process registers its webhook as it starts.
				const published = await main.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
				transcript.push(published.stdout, published.stderr);
			},
		});
	} catch (error) {
		process.stderr.write(`${transcript.slice(-40).join('\n')}\n`);
		await double.close();
		throw error;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}, 600_000);

afterAll(async () => {
	for (const [i, worker] of (cluster?.workers ?? []).entries())
		transcript.push(...worker.log.map((line) => `[worker ${i + 1}] ${line}`));
	mkdirSync(dirname(TRANSCRIPT), { recursive: true });
	writeFileSync(TRANSCRIPT, `${transcript.join('\n')}\n`);
	await cluster?.stop();
	await double?.close();
});

describe('n8n queue mode: main and two workers', () => {
	let answers: Array<{ status: number; body: any }>;

	beforeAll(async () => {
		answers = await Promise.all(
			Array.from({ length: CALLS }, async (_, call) => {
				const response = await fetch(`${cluster.url}/webhook/polar-portal`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ userId: userIdFor(call) }),
				});
				return { status: response.status, body: await response.json() };
			}),
		);
	}, 300_000);

	it('answers every webhook call with its own portal link, or the error for an unknown customer', () => {
		answers.forEach((answer, call) => {
			if (call % 4 === 3) {
				expect(answer.status).toBe(422);
				expect(answer.body.error).toMatchObject({
					message: `No Polar customer with external ID "${userIdFor(call)}"`,
					httpCode: '422',
				});
			} else {
				expect(answer.status).toBe(200);
				expect(answer.body.url).toMatch(/^https:\/\/polar\.sh\/.+customer_session_token=/);
			}
		});
		const created = double.sessions;
		const linked = answers.filter((a) => a.status === 200).map((a) => a.body.sessionId);
		expect(created.map((s) => s.id).sort()).toEqual([...linked].sort());
		expect(new Set(linked).size).toBe(CALLS - CALLS / 4);
		expect(JSON.stringify(answers)).not.toContain(TOKEN);
	});

	it('ran every execution on a worker, and each succeeded', async () => {
		// Executions are saved when they end; the last answers may come just before.
		let rows: string[][] = [];
		for (let tries = 0; tries < 40; tries++) {
			rows = psql(cluster.postgres, 'SELECT id, status, mode FROM execution_entity ORDER BY id');
			if (rows.length >= CALLS && rows.every(([, status]) => status !== 'running')) break;
			await new Promise((done) => setTimeout(done, 250));
		}
		expect(rows).toHaveLength(CALLS);
		expect(rows.map(([, status, mode]) => `${status} ${mode}`)).toEqual(
			Array(CALLS).fill('success webhook'),
		);
		const ranOn = (id: string) =>
			cluster.workers.findIndex((worker) =>
				worker.log.some((line) => line.includes(`Worker started execution ${id} `)),
			);
		const workerOf = rows.map(([id]) => ranOn(id));
		expect(workerOf.filter((index) => index === -1)).toEqual([]);
		const perWorker = cluster.workers.map((_, i) => workerOf.filter((w) => w === i).length);
		process.stderr.write(`[queue] executions per worker: ${perWorker.join(', ')}\n`);
	});
});
