// Workload 10, usage ingestion at scale in a real n8n: `n8n execute` of Manual → Code (100,000
// usage rows, each its row ID as Deduplication ID) → Polar Event → Ingest → Code (counts by
// status), against the double at Polar's fixed window (500 a minute) with 100 ms latency. Run
// twice: the second run must store nothing and report every row a duplicate. Beside it, the
// peer's way, one HTTP Request per row at the same limit, timed over a sample and projected.
// The n8n process's peak RSS is VmHWM from /proc, read while it runs (Linux only).

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { buildAndPack } from '../../dev/demo/pack';
import { createN8nInstance, ensureN8n, type N8nInstance } from '../../dev/n8n';
import { parseExecutionOutput } from '../../dev/n8n/execution';
import { DEFAULT_TOKEN, FIXTURE_IDS } from '../../dev/polar-double';
import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import { DoubleProcess } from './double';
import { log } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

const NODE_WORKFLOW = 'benchIngest100k01';
const PEER_WORKFLOW = 'benchIngestPeer01';
const CREDENTIAL = { id: 'benchPolarCred02', name: 'Polar (bench ingest)' };
const CUSTOMERS = [FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.alan];

/** Deterministic usage rows, generated inside n8n as a user's Code node would. */
const generateRows = (count: number) => `const customers = ${JSON.stringify(CUSTOMERS)};
const start = Date.UTC(2026, 0, 1);
const rows = [];
for (let i = 0; i < ${count}; i++) {
	rows.push({ json: {
		id: 'row-' + i,
		customer: customers[i % customers.length],
		at: new Date(start + i * 1000).toISOString(),
		tokens: 100 + i,
	} });
}
return rows;`;

/** One item out of many: the counts the run is judged on, so n8n prints little for this node. */
const countBy = (field: string) => `const counts = {};
for (const item of $input.all()) {
	const key = String(item.json.${field} ?? (item.json.error ? 'error' : 'none'));
	counts[key] = (counts[key] ?? 0) + 1;
}
return [{ json: { counts, items: $input.all().length } }];`;

const node = (id: string, name: string, x: number, rest: Record<string, unknown>) => ({
	id,
	name,
	position: [x, 0],
	...rest,
});

const code = (id: string, name: string, x: number, jsCode: string) =>
	node(id, name, x, {
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { mode: 'runOnceForAllItems', jsCode },
	});

function chain(id: string, name: string, nodes: Array<{ name: string }>) {
	const connections: Record<string, unknown> = {};
	nodes.slice(1).forEach((to, i) => {
		connections[nodes[i].name] = { main: [[{ node: to.name, type: 'main', index: 0 }]] };
	});
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const trigger = node('0f1a2b3c-4d5e-4f60-8172-93a4b5c6d701', 'Start', 0, {
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
});

/** Code → Polar Event → Ingest, every row's ID its Deduplication ID. */
function nodeWorkflow(rows: number) {
	return chain(NODE_WORKFLOW, 'bench: 100,000 usage rows (Polar node)', [
		trigger,
		code('1f1a2b3c-4d5e-4f60-8172-93a4b5c6d702', 'Usage rows', 220, generateRows(rows)),
		node('2f1a2b3c-4d5e-4f60-8172-93a4b5c6d703', 'Ingest', 440, {
			type: 'n8n-nodes-polarsh.polar',
			typeVersion: 1,
			parameters: {
				resource: 'event',
				operation: 'ingest',
				eventName: 'api_call',
				customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
				timestamp: '={{ $json.at }}',
				deduplication: 'field',
				externalId: '={{ $json.id }}',
				additionalFields: { metadataJson: '={{ { tokens: $json.tokens } }}' },
				options: {},
			},
			credentials: { polarApi: CREDENTIAL },
		}),
		code('3f1a2b3c-4d5e-4f60-8172-93a4b5c6d704', 'Count', 660, countBy('status')),
	]);
}

/** The peer's way: n8n's HTTP Request node, one event per request, paced under 500 a minute. */
function peerWorkflow(rows: number, baseUrl: string, intervalMs: number) {
	return chain(PEER_WORKFLOW, 'bench: usage rows one request per row (HTTP Request)', [
		trigger,
		code('4f1a2b3c-4d5e-4f60-8172-93a4b5c6d705', 'Usage rows', 220, generateRows(rows)),
		node('5f1a2b3c-4d5e-4f60-8172-93a4b5c6d706', 'Ingest', 440, {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			onError: 'continueRegularOutput',
			parameters: {
				method: 'POST',
				url: `${baseUrl}/v1/events/ingest`,
				sendHeaders: true,
				headerParameters: {
					parameters: [
						{ name: 'Authorization', value: `Bearer ${DEFAULT_TOKEN}` },
						{ name: 'Polar-Version', value: POLAR_API_VERSION },
					],
				},
				sendBody: true,
				specifyBody: 'json',
				jsonBody:
					'={{ JSON.stringify({ events: [{ name: "api_call", customer_id: $json.customer, timestamp: $json.at, external_id: $json.id, metadata: { tokens: $json.tokens } }] }) }}',
				options: { batching: { batch: { batchSize: 1, batchInterval: intervalMs } } },
			},
		}),
		code('6f1a2b3c-4d5e-4f60-8172-93a4b5c6d707', 'Count', 660, countBy('inserted')),
	]);
}

/** The pid of `n8n execute --id=<workflowId>`, found by its command line. */
function executePid(workflowId: string): number | undefined {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (cmdline.includes('execute') && cmdline.includes(`--id=${workflowId}`))
				return Number(entry);
		} catch {
			// the process ended meanwhile
		}
	}
	return undefined;
}

/** Reads the process's VmHWM (its peak RSS so far) every sampleMs until stopped. */
function peakRss(workflowId: string, sampleMs: number) {
	let peak = 0;
	const timer = setInterval(() => {
		const pid = executePid(workflowId);
		if (pid === undefined) return;
		try {
			const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
		} catch {
			// the process ended between the look-up and the read
		}
	}, sampleMs);
	return () => {
		clearInterval(timer);
		return peak;
	};
}

async function storedEvents(url: string): Promise<number> {
	const response = await fetch(`${url}/__double/events`);
	return ((await response.json()) as unknown[]).length;
}

async function execute(n8n: N8nInstance, double: DoubleProcess, workflowId: string) {
	const s = SETTINGS.ingestAtScale;
	const requestsBefore = (await double.requests()).length;
	const stop = peakRss(workflowId, s.sampleMs);
	const started = Date.now();
	// `n8n execute` prints the whole run; past a few thousand items n8n exits before the pipe
	// has taken it all, so the execution may be missing: then only the double's figures count.
	const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
		timeoutMs: s.executeTimeoutMs,
	});
	const commandMs = Date.now() - started;
	const peakRssBytes = stop();
	const execution = parseExecutionOutput(result.stdout) ?? parseExecutionOutput(result.stderr);
	const runData = execution?.data.resultData.runData ?? {};
	const ingest = runData.Ingest?.[0];
	const summary = runData.Count?.[0]?.data?.main?.[0]?.[0]?.json as
		| { counts: Record<string, number>; items: number }
		| undefined;
	const requests = (await double.requests()).slice(requestsBefore);
	return {
		status: execution?.status ?? `no execution printed (exit ${result.code})`,
		error: execution?.data.resultData.error?.message,
		ingestMs: ingest?.executionTime ?? commandMs,
		commandMs,
		peakRssBytes,
		counts: summary?.counts ?? {},
		items: summary?.items ?? 0,
		requests: requests.filter((r) => r.path === '/v1/events/ingest').length,
		rateLimited: requests.filter((r) => r.status === 429).length,
		stored: await storedEvents(double.url),
	};
}

export async function ingestAtScale(rows: Row[]) {
	const s = SETTINGS.ingestAtScale;
	const { limit, windowMs } = s.rateLimit;
	const tarball = await buildAndPack(join(tmpdir(), 'n8n-polar-bench-pack'), () => undefined);
	const double = await DoubleProcess.start({
		latencyMs: s.latencyMs,
		rateLimit: s.rateLimit,
		tokenScopes: ['events:write'],
	});
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-bench-ingest-'));
	const n8n = await createN8nInstance({
		userFolder: join(dir, 'user'),
		installation: await ensureN8n({ onProgress: log }),
		onProgress: () => undefined,
		env: { N8N_LOG_LEVEL: 'warn' },
	});
	try {
		await n8n.installPackage(tarball);
		const credentials = join(dir, 'credentials.json');
		writeFileSync(
			credentials,
			JSON.stringify([
				{
					...CREDENTIAL,
					type: 'polarApi',
					// Polar's production limit, as a user leaves it.
					data: {
						accessToken: DEFAULT_TOKEN,
						environment: 'custom',
						baseUrl: double.url,
						rateLimit: limit,
					},
				},
			]),
			{ mode: 0o600 },
		);
		await n8n.importCredentials(credentials);
		const file = join(dir, 'workflows.json');
		writeFileSync(
			file,
			JSON.stringify([
				nodeWorkflow(s.rows),
				peerWorkflow(s.peerSampleRows, double.url, s.peerIntervalMs),
			]),
		);
		await n8n.importWorkflow(file);

		log(
			`ingest at scale: ${s.rows} rows in a real n8n, ${limit} per ${windowMs / 1000} s fixed window, ${s.latencyMs} ms latency`,
		);
		const first = await execute(n8n, double, NODE_WORKFLOW);
		log(`first run: ${JSON.stringify(first)}`);
		const again = await execute(n8n, double, NODE_WORKFLOW);
		log(`re-run: ${JSON.stringify(again)}`);
		await double.reset();
		log(`peer's way: ${s.peerSampleRows} rows, one HTTP Request per row`);
		const peer = await execute(n8n, double, PEER_WORKFLOW);
		log(`peer: ${JSON.stringify(peer)}`);

		const peerRowsPerS = (peer.counts['1'] ?? peer.stored) / (peer.ingestMs / 1000);
		const peerProjectedMs = (s.rows / peerRowsPerS) * 1000;
		const ratio = peerProjectedMs / first.ingestMs;
		const w = '10. Ingestion at scale (real n8n)';
		const ingested = first.counts.ingested ?? 0;
		rows.push(
			{
				workload: w,
				figure: `rows ingested; events stored (${s.rows} rows, ${limit} per ${windowMs / 1000} s fixed, ${s.latencyMs} ms)`,
				measured: `${ingested}; ${first.stored}`,
				reference: `${s.rows}; ${s.rows}`,
				target: '= rows',
				pass: first.status === 'success' && ingested === s.rows && first.stored === s.rows,
			},
			{
				workload: w,
				figure: 'requests sent; 429 answers',
				measured: `${first.requests}; ${first.rateLimited}`,
				reference: '',
				target: '429 = 0',
				pass: first.rateLimited === 0,
			},
			{
				workload: w,
				figure: 'Ingest node execution time, s (whole `n8n execute`)',
				measured: `${fixed(first.ingestMs / 1000, 2)} (${fixed(first.commandMs / 1000, 1)})`,
				reference: '',
				target: `< ${s.targetMs / 1000}`,
				pass: first.ingestMs < s.targetMs,
			},
			{
				workload: w,
				figure: 'peak RSS of the n8n process, MB',
				measured: fixed(first.peakRssBytes / 2 ** 20, 0),
				reference: '',
				target: 'reported',
				pass: first.peakRssBytes > 0,
			},
			{
				workload: w,
				figure: 're-run: events stored; items reported duplicate; 429 answers',
				measured: `${again.stored}; ${again.counts.duplicate ?? 0}; ${again.rateLimited}`,
				reference: `${s.rows}; ${s.rows}; 0`,
				target: '0 counted twice',
				pass:
					again.status === 'success' &&
					again.stored === s.rows &&
					(again.counts.duplicate ?? 0) === s.rows &&
					again.rateLimited === 0,
			},
			{
				workload: w,
				figure: `one request per row (HTTP Request): projected s for ${s.rows} rows, from ${s.peerSampleRows} rows measured`,
				measured: fixed(first.ingestMs / 1000, 2),
				reference: `${fixed(peerProjectedMs / 1000, 0)} (${fixed(peerRowsPerS, 2)} rows/s; ${peer.rateLimited} × 429)`,
				ratio,
				target: '',
			},
		);
		return { settings: s, first, again, peer, peerRowsPerS, peerProjectedMs, ratio };
	} finally {
		await n8n.stop();
		await double.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
