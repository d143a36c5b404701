// Workload 10, usage ingestion at scale in a real n8n (`n8n start`): a webhook call runs
// Webhook → Code (the rows as one item) → Split Out → Polar Event → Ingest → Summarize against
// the double at Polar's fixed window (500 a minute) with 100 ms latency, and answers the counts
// by status. Called twice: the second call must store nothing. Beside it, the peer's way, one
// HTTP Request per row at the same limit, timed over a sample and projected. The workflows are
// in ingestWorkflows.ts; RSS and CPU time of the n8n process are read from /proc (n8nProcess.ts).

import { rmSync } from 'fs';
import { request } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';

import { buildAndPack } from '../../dev/demo/pack';
import type { N8nInstance } from '../../dev/n8n';
import { startBenchN8n } from './benchN8n';
import { DoubleProcess } from './double';
import {
	CREDENTIAL,
	NODE_WORKFLOW,
	nodeWorkflow,
	PEER_WORKFLOW,
	peerWorkflow,
} from './ingestWorkflows';
import { sampleN8n } from './n8nProcess';
import { log } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

/** A POST without the client timeouts of fetch (undici gives up on headers after 300 s). */
function post(url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const call = request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json' } },
			(answer) => {
				let body = '';
				answer.setEncoding('utf8');
				answer.on('data', (chunk: string) => (body += chunk));
				answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }));
			},
		);
		call.on('error', reject);
		call.end('{}');
	});
}

/** n8n answers readiness before it has registered every published webhook: a 404 is retried. */
async function callWebhook(url: string) {
	for (let tries = 0; ; tries++) {
		const started = Date.now();
		const answer = await post(url);
		if (answer.status !== 404 || tries >= 60)
			return { ...answer, started, ms: Date.now() - started };
		await new Promise((done) => setTimeout(done, 1000));
	}
}

/** Summarize's items, e.g. [{ status: 'ingested', count_status: 100000 }], as { ingested: 100000 }. */
function countsFrom(body: string, field: string): Record<string, number> {
	const counts: Record<string, number> = {};
	try {
		const items = JSON.parse(body) as Array<Record<string, unknown>>;
		for (const item of Array.isArray(items) ? items : [items])
			counts[String(item[field] ?? 'none')] = Number(item[`count_${field}`] ?? 0);
	} catch {
		counts.unreadable = 0;
	}
	return counts;
}

async function storedEvents(url: string): Promise<number> {
	const response = await fetch(`${url}/__double/events`);
	return ((await response.json()) as unknown[]).length;
}

async function call(n8n: N8nInstance, double: DoubleProcess, path: string, countBy: string) {
	const requestsBefore = (await double.requests()).length;
	const stop = sampleN8n(n8n.userFolder, SETTINGS.ingestAtScale.sampleMs);
	const answer = await callWebhook(`${n8n.url}/webhook/${path}`);
	const n8nFigures = stop();
	const requests = (await double.requests())
		.slice(requestsBefore)
		.filter((r) => r.path === '/v1/events/ingest');
	return {
		httpStatus: answer.status,
		wallMs: answer.ms,
		/** From the call to the first ingest request: n8n's and the node's work on the rows. */
		firstRequestMs: requests.length > 0 ? requests[0].time - answer.started : undefined,
		counts: countsFrom(answer.body, countBy),
		requests: requests.length,
		rateLimited: requests.filter((r) => r.status === 429).length,
		stored: await storedEvents(double.url),
		...n8nFigures,
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
	const { n8n, dir, n8nVersion } = await startBenchN8n({
		tarball,
		credential: CREDENTIAL,
		doubleUrl: double.url,
		// Polar's production limit, as a user leaves it.
		rateLimit: limit,
		workflows: [nodeWorkflow(s.rows), peerWorkflow(s.peerSampleRows, double.url, s.peerIntervalMs)],
	});
	try {
		log(
			`ingest at scale: ${s.rows} rows in n8n ${n8nVersion}, ${limit} per ${windowMs / 1000} s fixed window, ${s.latencyMs} ms latency`,
		);
		const first = await call(n8n, double, NODE_WORKFLOW.path, 'status');
		log(`first run: ${JSON.stringify(first)}`);
		const again = await call(n8n, double, NODE_WORKFLOW.path, 'status');
		log(`re-run: ${JSON.stringify(again)}`);
		await double.reset();
		log(`peer's way: ${s.peerSampleRows} rows, one HTTP Request per row`);
		const peer = await call(n8n, double, PEER_WORKFLOW.path, 'inserted');
		log(`peer: ${JSON.stringify(peer)}`);

		const peerRowsPerS = peer.stored / (peer.wallMs / 1000);
		const peerProjectedMs = (s.rows / peerRowsPerS) * 1000;
		/** One request per row can never beat the limit: rows ÷ 500 a minute. */
		const floorMs = (s.rows / limit) * windowMs;
		pushRows(rows, {
			first,
			again,
			peer,
			peerRowsPerS,
			peerProjectedMs,
			floorMs,
			n8nVersion: n8nVersion,
		});
		return {
			settings: s,
			n8nVersion: n8nVersion,
			first,
			again,
			peer,
			peerRowsPerS,
			peerProjectedMs,
			floorMs,
		};
	} finally {
		await n8n.stop();
		await double.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

type Call = Awaited<ReturnType<typeof call>>;

function pushRows(
	rows: Row[],
	r: {
		first: Call;
		again: Call;
		peer: Call;
		peerRowsPerS: number;
		peerProjectedMs: number;
		floorMs: number;
		n8nVersion: string;
	},
) {
	const s = SETTINGS.ingestAtScale;
	const { limit, windowMs } = s.rateLimit;
	const { first, again, peer } = r;
	const w = `10. Ingestion at scale (n8n ${r.n8nVersion})`;
	const ingested = first.counts.ingested ?? 0;
	const mb = (value: number) => fixed(value, 0);
	rows.push(
		{
			workload: w,
			figure: `items ingested (n8n's answer); events stored (the double) — ${s.rows} rows, ${limit} per ${windowMs / 1000} s fixed, ${s.latencyMs} ms`,
			measured: `${ingested}; ${first.stored}`,
			reference: `${s.rows}; ${s.rows}`,
			target: '= rows',
			pass: first.httpStatus === 200 && ingested === s.rows && first.stored === s.rows,
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
			figure: 'wall time of the webhook call, s (to the first request; n8n CPU time)',
			measured: `${fixed(first.wallMs / 1000, 1)} (${fixed((first.firstRequestMs ?? NaN) / 1000, 1)}; ${fixed(first.cpuMs / 1000, 1)})`,
			reference: '',
			target: `< ${s.targetMs / 1000}`,
			pass: first.wallMs < s.targetMs,
		},
		{
			workload: w,
			figure: `peak RSS of n8n's main process during the call, MB (before; task runner), VmRSS every ${s.sampleMs} ms`,
			measured: `${mb(first.peakRssMb)} (${mb(first.rssBeforeMb)}; ${mb(first.peakRunnerRssMb)})`,
			reference: '',
			target: 'reported',
			pass: first.peakRssMb > 0,
		},
		{
			workload: w,
			figure: 're-run: events stored; items reported duplicate; 429 answers',
			measured: `${again.stored}; ${again.counts.duplicate ?? 0}; ${again.rateLimited}`,
			reference: `${s.rows}; ${s.rows}; 0`,
			target: '0 counted twice',
			pass:
				again.httpStatus === 200 &&
				again.stored === s.rows &&
				(again.counts.duplicate ?? 0) === s.rows &&
				again.rateLimited === 0,
		},
		{
			workload: w,
			figure: `one request per row (HTTP Request, ${s.peerSampleRows} rows measured): ${s.rows} rows projected, s (floor at ${limit}/min)`,
			measured: fixed(first.wallMs / 1000, 1),
			reference: `${fixed(r.peerProjectedMs / 1000, 0)} (${fixed(r.floorMs / 1000, 0)}); ${fixed(r.peerRowsPerS, 2)} rows/s, ${peer.stored} stored, ${peer.rateLimited} × 429`,
			ratio: r.floorMs / first.wallMs,
			target: '',
		},
	);
}
