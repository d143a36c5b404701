// Workload 7, many executions: a real n8n (`n8n start`) with an active workflow Webhook → Polar
// → Respond to Webhook, and many webhook calls at once against the double's fixed window at
// Polar's sandbox limit. Each call is an execution of its own, so only a budget shared by the
// executions keeps them under the limit. The same run with n8n's HTTP Request node in place of
// the Polar node, side by side.

import { rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { buildAndPack } from '../../dev/demo/pack';
import { DEFAULT_TOKEN, FIXTURE_EXTERNAL_IDS } from '../../dev/polar-double';
import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import { startBenchN8n } from './benchN8n';
import { DoubleProcess } from './double';
import { log } from './run';
import { SETTINGS } from './settings';
import { comparedRows, fixed, type Row } from './table';

type Client = 'polar' | 'httpRequest';

const WORKFLOW_ID = 'benchManyExecs01';
const CREDENTIAL = { id: 'benchPolarCred01', name: 'Polar (bench)' };

/** Webhook → the client under test → Respond to Webhook, as a user would build it. */
function workflow(client: Client, baseUrl: string) {
	const polar = {
		name: 'Create portal link',
		type: 'n8n-nodes-polarsh.polar',
		typeVersion: 1,
		parameters: {
			resource: 'customerSession',
			operation: 'create',
			customer: { __rl: true, mode: 'externalId', value: '={{ $json.body.userId }}' },
			simplify: true,
			additionalFields: {},
			options: {},
		},
		credentials: { polarApi: CREDENTIAL },
	};
	const httpRequest = {
		name: 'Create portal link',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${baseUrl}/v1/customer-sessions/`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Authorization', value: `Bearer ${DEFAULT_TOKEN}` },
					{ name: 'Polar-Version', value: POLAR_API_VERSION },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ external_customer_id: $json.body.userId }) }}',
			options: {},
		},
	};
	return {
		id: WORKFLOW_ID,
		name: `bench: many executions (${client})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '6a1e0c4d-2b3f-4c5d-8e6f-7a8b9c0d1e21',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '7b2f1d5e-3c4a-4d6e-9f7a-8b9c0d1e2f32',
				parameters: {
					httpMethod: 'POST',
					path: 'portal-link',
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: '8c3a2e6f-4d5b-4e7f-a08b-9c0d1e2f3a43',
				position: [220, 0],
				...(client === 'polar' ? polar : httpRequest),
			},
			{
				id: '9d4b3f7a-5e6c-4f8a-b19c-0d1e2f3a4b54',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: {
					respondWith: 'json',
					responseBody: '={{ { url: $json.customer_portal_url, sessionId: $json.id } }}',
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Create portal link', type: 'main', index: 0 }]] },
			'Create portal link': { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
	};
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(client: Client, tarball: string) {
	const s = SETTINGS.manyExecutions;
	const { limit, windowMs } = s.rateLimit;
	const double = await DoubleProcess.start({ latencyMs: s.latencyMs, rateLimit: s.rateLimit });
	// As many executions at once as there are calls: n8n's default has no production limit.
	const { n8n, dir, url } = await startBenchN8n({
		tarball,
		credential: CREDENTIAL,
		doubleUrl: double.url,
		// Polar's sandbox limit, as a user of the sandbox leaves it (Rate Limit 0 = 100).
		rateLimit: limit,
		workflows: [workflow(client, double.url)],
	});
	try {
		log(
			`many executions (${client}): ${s.calls} webhook calls at once, ${limit} per ${windowMs / 1000} s fixed window`,
		);
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: s.calls }, async (_, call) => {
				const response = await fetch(`${url}/webhook/portal-link`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						userId: call % 2 ? FIXTURE_EXTERNAL_IDS.ada : FIXTURE_EXTERNAL_IDS.grace,
					}),
					signal: AbortSignal.timeout(s.callTimeoutMs),
				}).catch(() => undefined);
				const body = response
					? ((await response.json().catch(() => ({}))) as { sessionId?: string })
					: {};
				return { ok: response?.status === 200 && !!body.sessionId, ms: Date.now() - started, body };
			}),
		);
		const wallMs = Date.now() - started;
		const requests = await double.requests();
		const sessions = await double.sessions();
		const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
		const reported = new Set(answers.filter((a) => a.ok).map((a) => a.body.sessionId));
		return {
			client,
			calls: s.calls,
			failed: answers.filter((a) => !a.ok).length,
			rateLimited: requests.filter((r) => r.status === 429).length,
			requests: requests.length,
			p50Ms: percentile(latencies, 50),
			p95Ms: percentile(latencies, 95),
			wallMs,
			sessionsCreated: sessions.length,
			sessionsReported: reported.size,
			createdUnreported: sessions.filter((session) => !reported.has(session.id)).length,
		};
	} finally {
		await n8n.stop();
		await double.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function manyExecutions(rows: Row[]) {
	const s = SETTINGS.manyExecutions;
	const { limit, windowMs } = s.rateLimit;
	const tarball = await buildAndPack(join(tmpdir(), 'n8n-polar-bench-pack'), () => undefined);
	const polar = await measure('polar', tarball);
	const httpRequest = await measure('httpRequest', tarball);
	// The best any client can do: each window's calls at its start, so the last third of the
	// calls waits for the third window.
	const windows = Math.ceil(s.calls / limit);
	const bestP50Ms = (Math.ceil((s.calls * 0.5) / limit) - 1) * windowMs;
	const bestP95Ms = (Math.ceil((s.calls * 0.95) / limit) - 1) * windowMs;
	const w = '7. Many executions';
	const side = comparedRows(rows, w, polar, 'HTTP Request', httpRequest);
	side(
		'webhook calls failed',
		(r) => String(r.failed),
		`0 of ${s.calls}`,
		'= 0',
		polar.failed === 0,
	);
	side('429 answers received', (r) => String(r.rateLimited), '0', '= 0', polar.rateLimited === 0);
	side(
		'p50 webhook latency, s',
		(r) => fixed(r.p50Ms / 1000),
		`${fixed(bestP50Ms / 1000)} (best possible)`,
	);
	side(
		'p95 webhook latency, s',
		(r) => fixed(r.p95Ms / 1000),
		`${fixed(bestP95Ms / 1000)} (best possible, window ${windows})`,
	);
	side(
		'sessions created / reported',
		(r) => `${r.sessionsCreated} / ${r.sessionsReported}`,
		`${s.calls} / ${s.calls}`,
		'= calls',
		polar.sessionsCreated === s.calls && polar.sessionsReported === s.calls,
	);
	return { settings: s, polar, httpRequest, bestP50Ms, bestP95Ms };
}
