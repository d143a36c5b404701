// Workload 11, a storm of deliveries: after n8n was down, Polar retries everything at once. A
// freshly started real n8n (`n8n start`) with two active workflows, Polar Trigger → HTTP Request
// and n8n's own Webhook node (version 1, the same per-request sandbox) → HTTP Request, each run
// reporting its event to a counter on loopback. Each gets the same storm of signed deliveries,
// so many in flight at once, sent and retried as Polar's deliverer does (10 s to answer, up to
// 10 attempts with dramatiq's back-off; retries due after a cut-off are counted, not sent),
// against the double with Polar's fixed-window limiter (with BENCH_STORM_WINDOW=spent, the
// organization's other traffic has spent its window when the storm begins). n8n is restarted
// before each storm, after the trigger registered its endpoint: the process serving the storm
// knows no secret.

import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import { rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { buildAndPack } from '../../dev/demo/pack';
import { DEFAULT_TOKEN, type RecordedRequest } from '../../dev/polar-double';
import { signingKey, signWith } from '../../dev/polar-double/webhook-secrets';
import { startBenchN8n } from './benchN8n';
import { DoubleProcess } from './double';
import { log } from './run';
import { SETTINGS } from './settings';
import { comparedRows, fixed, type Row } from './table';

const CREDENTIAL = { id: 'benchStormCred01', name: 'Polar (bench storm)' };
const TRIGGER_WORKFLOW = 'benchStormTrigger1';
const WEBHOOK_WORKFLOW = 'benchStormWebhook1';
const WEBHOOK_PATH = 'storm-webhook';

/** The trigger (or Webhook node) → an HTTP Request that tells the counter which event ran. */
function workflow(id: string, trigger: Record<string, unknown>, eventId: string, counter: string) {
	return {
		id,
		name: `bench: storm (${id})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-in`, position: [0, 0], ...trigger },
			{
				id: `${id}-count`,
				name: 'Count',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: { method: 'POST', url: `=${counter}/${id}/{{ ${eventId} }}`, options: {} },
			},
		],
		connections: {
			[String(trigger.name)]: { main: [[{ node: 'Count', type: 'main', index: 0 }]] },
		},
	};
}

const polarTrigger = {
	name: 'Polar Trigger',
	type: 'n8n-nodes-polarsh.polarTrigger',
	typeVersion: 1.1,
	webhookId: '0b6c1f0e-5a7d-4e21-9c3b-2f4d6e8a1c01',
	parameters: { registration: 'automatic', events: ['order.paid'], options: {} },
	credentials: { polarApi: CREDENTIAL },
};

const webhookNode = {
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 1,
	webhookId: '1c7d2a1f-6b8e-4f32-8d4c-3a5e7f9b2d12',
	parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
};

/** Counts each workflow's runs per event: POST /<workflow>/<event>. */
async function startCounter(): Promise<{ url: string; runs: Map<string, number>; server: Server }> {
	const runs = new Map<string, number>();
	const server = createServer((req, res) => {
		const key = decodeURIComponent((req.url ?? '').slice(1));
		runs.set(key, (runs.get(key) ?? 0) + 1);
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, runs, server };
}

/** dramatiq's compute_backoff as Polar calls it (webhook/tasks.py): 2 s × 2^attempts, jittered. */
function polarBackoffMs(attempts: number, random: () => number): number {
	const backoff = Math.min(2000 * 2 ** Math.min(attempts, 32), 20 * 60_000) / 2;
	return Math.floor(backoff + random() * backoff);
}

/** mulberry32, so a run's jitter can be repeated. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Target {
	url: string;
	secret: string;
	standard: boolean;
}

interface Attempt {
	event: number;
	webhookId: string;
	attempts: number;
	notBefore: number;
}

/** The storm: every event sent, `inFlight` at a time, failures retried as Polar would. */
async function storm(
	target: Target,
	events: number,
	inFlight: number,
	maxAttempts: number,
	cutoffMs: number,
) {
	const random = seeded(11);
	const key = signingKey(target.secret, target.standard);
	const queue: Attempt[] = Array.from({ length: events }, (_, event) => ({
		event,
		webhookId: randomUUID(),
		attempts: 0,
		notBefore: 0,
	}));
	const tally = { attempts: 0, nonSuccess: 0, timedOut: 0, delivered: 0, gaveUp: 0, cutOff: 0 };
	/** Answers by status ('timeout', 'error' when none came), and the first body of each. */
	const statuses: Record<string, number> = {};
	const bodies: Record<string, string> = {};
	const started = Date.now();
	let lastAnswer = started;
	const send = async (attempt: Attempt) => {
		const body = JSON.stringify({
			type: 'order.paid',
			timestamp: new Date().toISOString(),
			data: { id: `order_${attempt.event}`, total_amount: 2500 },
		});
		const timestamp = Math.floor(Date.now() / 1000);
		attempt.attempts++;
		tally.attempts++;
		let ok = false;
		try {
			const answer = await fetch(target.url, {
				method: 'POST',
				headers: {
					'user-agent': 'polar.sh webhooks',
					'content-type': 'application/json',
					'webhook-id': attempt.webhookId,
					'webhook-timestamp': String(timestamp),
					'webhook-signature': signWith(key, attempt.webhookId, timestamp, body),
				},
				body,
				signal: AbortSignal.timeout(10_000), // Polar waits 10 s
			});
			const text = await answer.text();
			bodies[answer.status] ??= text.slice(0, 200);
			ok = answer.ok;
			statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
		} catch (error) {
			const timedOut = (error as Error).name === 'TimeoutError';
			if (timedOut) tally.timedOut++;
			const kind = timedOut ? 'timeout' : 'error';
			statuses[kind] = (statuses[kind] ?? 0) + 1;
		}
		lastAnswer = Date.now();
		if (ok) tally.delivered++;
		else {
			tally.nonSuccess++;
			const notBefore = Date.now() + polarBackoffMs(attempt.attempts, random);
			if (attempt.attempts >= maxAttempts) tally.gaveUp++;
			// Polar's later retries (back-off grows to 20 min) are past what the bench waits for.
			else if (notBefore - started > cutoffMs) tally.cutOff++;
			else queue.push({ ...attempt, notBefore });
		}
	};
	let active = 0;
	await new Promise<void>((resolve) => {
		const pump = () => {
			const now = Date.now();
			queue.sort((a, b) => a.notBefore - b.notBefore);
			while (active < inFlight && queue.length > 0 && queue[0].notBefore <= now) {
				const next = queue.shift()!;
				active++;
				void send(next).finally(() => {
					active--;
					pump();
				});
			}
			if (active === 0 && queue.length === 0) return resolve();
			if (active < inFlight && queue.length > 0)
				setTimeout(pump, Math.max(1, queue[0].notBefore - now));
		};
		pump();
	});
	return { ...tally, statuses, bodies, events, wallMs: lastAnswer - started };
}

/** Waits until `ready` is true, at most `ms`. */
async function until(ready: () => Promise<boolean>, ms: number, what: string): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await ready())) {
		if (Date.now() > deadline) throw new Error(`${what} did not happen in ${ms / 1000} s`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

/** Until no run came for `quietMs` (runs start after the answer), at most `ms`. */
async function settle(runs: Map<string, number>, quietMs: number, ms: number): Promise<void> {
	const total = () => [...runs.values()].reduce((a, b) => a + b, 0);
	const deadline = Date.now() + ms;
	for (let seen = -1; total() !== seen && Date.now() < deadline; ) {
		seen = total();
		await new Promise((done) => setTimeout(done, quietMs));
	}
}

function runsPerEvent(runs: Map<string, number>, workflowId: string, events: number) {
	const counts = Array.from(
		{ length: events },
		(_, n) => runs.get(`${workflowId}/order_${n}`) ?? 0,
	);
	return {
		once: counts.filter((c) => c === 1).length,
		never: counts.filter((c) => c === 0).length,
		twiceOrMore: counts.filter((c) => c > 1).length,
	};
}

/** The organization's other traffic spends what is left of Polar's window. */
async function spendWindow(doubleUrl: string, limit: number): Promise<void> {
	for (let n = 0; n <= limit; n++) {
		const answer = await fetch(`${doubleUrl}/v1/customers/`, {
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
		});
		if (answer.status === 429) return;
	}
}

const isLookup = (r: RecordedRequest) =>
	r.method === 'GET' && (r.route ?? '').startsWith('/v1/webhooks/endpoints');

export async function stormWorkload(rows: Row[]) {
	const s = SETTINGS.storm;
	const tarball = await buildAndPack(join(tmpdir(), 'n8n-polar-bench-pack'), () => undefined);
	const double = await DoubleProcess.start({
		latencyMs: s.latencyMs,
		rateLimit: s.rateLimit,
		tokenScopes: ['webhooks:write', 'customers:read'],
		// The trigger registers n8n's loopback URL, which Polar's URL rules refuse.
		webhookUrls: 'allow-loopback',
	});
	const counter = await startCounter();
	const bench = await startBenchN8n({
		tarball,
		credential: CREDENTIAL,
		doubleUrl: double.url,
		rateLimit: s.rateLimit.limit,
		workflows: [
			workflow(TRIGGER_WORKFLOW, polarTrigger, '$json.data.id', counter.url),
			workflow(WEBHOOK_WORKFLOW, webhookNode, '$json.body.data.id', counter.url),
		],
	});
	try {
		const endpointAtPolar = async () =>
			(
				(await (await fetch(`${double.url}/__double/webhooks`)).json()) as {
					endpoints: Array<{
						url: string;
						secret: string;
						uses_standard_webhook_signature: boolean;
					}>;
				}
			).endpoints[0];
		await until(async () => (await endpointAtPolar()) !== undefined, 60_000, 'the endpoint');
		const status = async (url: string) =>
			(await fetch(url, { method: 'POST', body: '{}' }).catch(() => undefined))?.status ?? 0;
		const port = Number(new URL(bench.url).port);
		/**
		 * Restarts n8n (its workflows active: nothing read from Polar is in its memory) and, once
		 * `url` is served, sends it the storm. Executions are not kept: SQLite under a storm of
		 * saved executions makes n8n answer every request 503 ("Database is not ready!").
		 */
		const stormFresh = async (url: () => Promise<Target>, served: number[]) => {
			await bench.n8n.stop();
			const restarted = Date.now();
			await bench.n8n.start({
				port,
				env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', DB_SQLITE_POOL_SIZE: '4' },
			});
			const target = await url();
			await until(async () => served.includes(await status(target.url)), 60_000, target.url);
			if (s.windowSpent) await spendWindow(double.url, s.rateLimit.limit);
			log(`storm: ${s.events} deliveries, ${s.inFlight} in flight, to ${target.url}`);
			return {
				restarted,
				...(await storm(target, s.events, s.inFlight, s.maxAttempts, s.cutoffMs)),
			};
		};
		// The trigger is served once it refuses an unsigned POST (which costs no look-up).
		const trigger = await stormFresh(async () => {
			const endpoint = (await endpointAtPolar())!;
			const standard = endpoint.uses_standard_webhook_signature;
			return { url: endpoint.url, secret: endpoint.secret, standard };
		}, [401]);
		const lookups = (await double.requests()).filter(
			(r) => r.time >= trigger.restarted && isLookup(r),
		);
		await settle(counter.runs, 3000, 120_000);
		const webhookUrl = `${bench.url}/webhook/${WEBHOOK_PATH}`;
		const webhook = await stormFresh(
			async () => ({ url: webhookUrl, secret: 'whsec_c3Rvcm0=', standard: true }),
			[200],
		);
		await settle(counter.runs, 3000, 120_000);
		const polar = {
			...trigger,
			lookups: lookups.length,
			lookupsRateLimited: lookups.filter((r) => r.status === 429).length,
			runs: runsPerEvent(counter.runs, TRIGGER_WORKFLOW, s.events),
		};
		const node = { ...webhook, runs: runsPerEvent(counter.runs, WEBHOOK_WORKFLOW, s.events) };
		const w = '11. Storm of deliveries';
		const both = comparedRows(rows, w, polar, 'Webhook node', node);
		rows.push({
			workload: w,
			figure: 'GETs of the endpoint since the restart (activation’s too) / answered 429',
			measured: `${polar.lookups} / ${polar.lookupsRateLimited}`,
			reference: 'one at a time; after a failed one, one a minute',
			target: '≤ 1 + 1 a minute',
			pass: polar.lookups <= 1 + Math.ceil(polar.wallMs / 60_000),
		});
		both('delivery attempts answered non-2xx', (r) => `${r.nonSuccess} of ${r.attempts}`, '');
		both(
			'attempts timed out at 10 s',
			(r) => String(r.timedOut),
			'Webhook node',
			'≤ Webhook node',
			polar.timedOut <= node.timedOut,
		);
		both(
			'events run exactly once / never / twice or more',
			(r) => `${r.runs.once} / ${r.runs.never} / ${r.runs.twiceOrMore}`,
			`${s.events} / 0 / 0`,
			'= events once',
			polar.runs.once === s.events,
		);
		both(
			'events given up (10 attempts failed)',
			(r) => String(r.gaveUp),
			'0',
			'= 0',
			polar.gaveUp === 0,
		);
		both('wall time of the storm, s', (r) => fixed(r.wallMs / 1000, 1), '');
		both(
			'answers by status',
			(r) =>
				Object.entries(r.statuses)
					.map(([status, count]) => `${status}: ${count}`)
					.join(', '),
			'',
		);
		both('events still failing at the bench’s cut-off', (r) => String(r.cutOff), '0');
		return { settings: s, n8nVersion: bench.n8nVersion, polar, webhookNode: node };
	} finally {
		await bench.n8n.stop();
		await double.stop();
		counter.server.close();
		rmSync(bench.dir, { recursive: true, force: true });
	}
}
