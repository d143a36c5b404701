// A bench worker: a fresh process that receives one job over IPC, runs it and reports.
// It imports n8n's engine (through the test harness) and the node itself, never the double.

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import { runNode } from '../../dev/harness';
import { FloorNode } from './FloorNode';
import {
	benchItems,
	usageRows,
	type IngestRunJob,
	type IngestRunResult,
	type Job,
	type ListRunJob,
	type ListRunResult,
	type LoopRunJob,
	type LoopRunResult,
	type NodeRunJob,
	type NodeRunResult,
	OVERHEAD_CLIENTS,
	type OverheadClient,
	type OverheadJob,
	type OverheadResult,
	type OverheadRound,
	type Target,
	type WorkerMessage,
} from './protocol';

const nodeType = new Polar();
const floorNode = new FloorNode();
const credentialTypes = [new PolarApi()];

const credentialFor = (target: Target): ICredentialDataDecryptedObject => ({
	accessToken: target.token,
	environment: 'custom',
	baseUrl: target.url,
	rateLimit: target.rateLimit,
});

/** Garbage from one phase must not be collected (and charged) in the next. */
function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
};

async function resetDouble(target: Target): Promise<void> {
	const response = await fetch(`${target.url}/__double/reset`, { method: 'POST' });
	if (response.status !== 204) throw new Error(`resetting the double: ${response.status}`);
}

/**
 * One run of the node in n8n's engine: Customer Session → Create, one request per item. With
 * `expressions`, the customer and Return URL come from each item through n8n expressions, as in
 * most workflows; without, they are typed in, so only the node and n8n's HTTP path are measured.
 */
async function runPolarNode(
	target: Target,
	items: IDataObject[],
	options: IDataObject,
	expressions = true,
	traceOutcomes = false,
) {
	const result = await runNode({
		nodeType,
		credentialTypes,
		credentials: { polarApi: credentialFor(target) },
		parameters: {
			resource: 'customerSession',
			operation: 'create',
			customer: { __rl: true, mode: 'id', value: expressions ? '={{ $json.id }}' : items[0].id },
			simplify: true,
			additionalFields: { returnUrl: expressions ? '={{ $json.returnUrl }}' : items[0].returnUrl },
			options,
		} as INodeParameters,
		items,
		// Failed items go to the error output and are counted, instead of ending the run.
		onError: 'continueErrorOutput',
	});
	const traced = traceOutcomes
		? {
				reportedSessionIds: result.success.map((item) => String(item.json.id)),
				mayHaveActedItems: result.error
					.filter((item) => /Polar may have/.test(JSON.stringify(item.json)))
					.map((item) => (item.pairedItem as { item: number }).item),
			}
		: {};
	return {
		success: result.success.length,
		failed: result.error.length,
		executionError: result.executionError?.message,
		...traced,
	};
}

/** The least an n8n node can do for the same work (FloorNode), in the same engine. */
async function runFloorNode(target: Target, items: IDataObject[], concurrency: number) {
	const result = await runNode({
		nodeType: floorNode,
		credentialTypes,
		credentials: { polarApi: credentialFor(target) },
		parameters: { baseUrl: target.url, concurrency },
		items,
	});
	return { success: result.success.length };
}

/**
 * The reference: what a hand-written client does for the same work. Same requests (POST, same
 * headers and JSON body), answer parsed as JSON and kept, same number in flight at once.
 */
async function runFetchLoop(
	target: Target,
	items: IDataObject[],
	concurrency: number,
	newConnections = false,
) {
	const url = `${target.url}/v1/customer-sessions/`;
	const headers: Record<string, string> = {
		authorization: `Bearer ${target.token}`,
		'polar-version': POLAR_API_VERSION,
		'content-type': 'application/json',
		accept: 'application/json',
	};
	// fetch keeps connections alive; `connection: close` makes it open one per request.
	if (newConnections) headers.connection = 'close';
	const outputs: unknown[] = new Array(items.length);
	let next = 0;
	let success = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			const item = items[index];
			const response = await fetch(url, {
				method: 'POST',
				headers,
				body: JSON.stringify({ customer_id: item.id, return_url: item.returnUrl }),
			});
			outputs[index] = await response.json();
			if (response.status === 201) success++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { success, outputs };
}

async function nodeRun(job: NodeRunJob): Promise<NodeRunResult> {
	const { target } = job;
	if (job.warmupItems > 0) {
		await runPolarNode(target, benchItems(job.warmupItems, target.customerIds), job.options);
		await resetDouble(target);
	}
	const items = benchItems(job.items, target.customerIds);
	collectGarbage();

	const rssBaselineBytes = process.memoryUsage().rss;
	let rssPeakSampledBytes = rssBaselineBytes;
	let heapUsedPeakBytes = process.memoryUsage().heapUsed;
	const sample = () => {
		const { rss, heapUsed } = process.memoryUsage();
		rssPeakSampledBytes = Math.max(rssPeakSampledBytes, rss);
		heapUsedPeakBytes = Math.max(heapUsedPeakBytes, heapUsed);
	};
	const sampler = job.sampleRssMs > 0 ? setInterval(sample, job.sampleRssMs) : undefined;

	const cpuStart = process.cpuUsage();
	const wallStart = performance.now();
	const outcome = await runPolarNode(target, items, job.options, true, job.traceOutcomes);
	const wallMs = performance.now() - wallStart;
	const cpuMs = cpuMsSince(cpuStart);
	if (sampler) clearInterval(sampler);
	sample();

	return {
		kind: 'node',
		wallMs,
		cpuMs,
		...outcome,
		rssBaselineBytes,
		rssPeakSampledBytes,
		// maxRSS is in kilobytes.
		maxRssBytes: process.resourceUsage().maxRSS * 1024,
		heapUsedPeakBytes,
	};
}

async function overhead(job: OverheadJob): Promise<OverheadResult> {
	const { target, concurrency } = job;
	const clients: Record<OverheadClient, (items: IDataObject[]) => Promise<{ success: number }>> = {
		node: (items) => runPolarNode(target, items, { concurrency }, false),
		nodeWithExpressions: (items) => runPolarNode(target, items, { concurrency }),
		floorNode: (items) => runFloorNode(target, items, concurrency),
		fetchLoop: (items) => runFetchLoop(target, items, concurrency),
		fetchLoopNewConnections: (items) => runFetchLoop(target, items, concurrency, true),
	};
	// Warm every client up twice over (JIT, lazily loaded modules, sockets).
	const warmup = benchItems(job.warmupItems, target.customerIds);
	for (let i = 0; i < 2; i++) {
		for (const client of OVERHEAD_CLIENTS) await clients[client](warmup);
		await resetDouble(target);
	}

	const items = benchItems(job.items, target.customerIds);
	const rounds: OverheadRound[] = [];
	for (let round = 0; round < job.rounds; round++) {
		const measured: Partial<OverheadRound> = {};
		for (const client of OVERHEAD_CLIENTS) {
			collectGarbage();
			const cpuStart = process.cpuUsage();
			const wallStart = performance.now();
			const { success } = await clients[client](items);
			measured[client] = {
				wallMs: performance.now() - wallStart,
				cpuMs: cpuMsSince(cpuStart),
				success,
			};
			await resetDouble(target);
		}
		rounds.push(measured as OverheadRound);
	}
	return { kind: 'overhead', rounds };
}

async function loopRun(job: LoopRunJob): Promise<LoopRunResult> {
	const { target, concurrency } = job;
	await runFetchLoop(target, benchItems(job.warmupItems, target.customerIds), concurrency);
	await resetDouble(target);
	const items = benchItems(job.items, target.customerIds);
	collectGarbage();
	const cpuStart = process.cpuUsage();
	const wallStart = performance.now();
	const { success } = await runFetchLoop(target, items, concurrency);
	return {
		kind: 'loop',
		wallMs: performance.now() - wallStart,
		cpuMs: cpuMsSince(cpuStart),
		success,
	};
}

/** Customer → Get Many: every customer (Return All), or the first `limit`. */
async function runGetMany(target: Target, options: IDataObject, limit?: number) {
	const result = await runNode({
		nodeType,
		credentialTypes,
		credentials: { polarApi: credentialFor(target) },
		parameters: {
			resource: 'customer',
			operation: 'getAll',
			returnAll: limit === undefined,
			limit: limit ?? 50,
			options,
		} as INodeParameters,
		items: [{}],
	});
	return { ids: result.success.map((item) => String(item.json.id)), error: result.executionError };
}

/** What a hand-written client does without concurrency: page 1, 2, … until max_page. */
async function runSequentialPages(target: Target, maxPages = Infinity) {
	const headers = {
		authorization: `Bearer ${target.token}`,
		'polar-version': POLAR_API_VERSION,
		accept: 'application/json',
	};
	const ids: string[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const response = await fetch(`${target.url}/v1/customers/?page=${page}&limit=100`, { headers });
		const body = (await response.json()) as {
			items: Array<{ id: string }>;
			pagination: { max_page: number };
		};
		ids.push(...body.items.map((item) => item.id));
		if (page >= body.pagination.max_page) break;
	}
	return { ids, error: undefined };
}

async function listRun(job: ListRunJob): Promise<ListRunResult> {
	const { target } = job;
	const list = (maxPages?: number) =>
		job.client === 'node'
			? runGetMany(target, job.options, maxPages === undefined ? undefined : maxPages * 100)
			: runSequentialPages(target, maxPages);
	// Warm-up: one page (JIT, lazily loaded modules, sockets).
	await list(1);
	await resetDouble(target);
	collectGarbage();
	const cpuStart = process.cpuUsage();
	const wallStart = performance.now();
	const { ids, error } = await list();
	return {
		kind: 'list',
		wallMs: performance.now() - wallStart,
		cpuMs: cpuMsSince(cpuStart),
		items: ids.length,
		repeated: ids.length - new Set(ids).size,
		executionError: error?.message,
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request per row, as a client without batching would: a 429 waits its Retry-After. */
async function ingestPerRow(target: Target, rows: IDataObject[], concurrency: number) {
	const headers = {
		authorization: `Bearer ${target.token}`,
		'polar-version': POLAR_API_VERSION,
		'content-type': 'application/json',
	};
	let next = 0;
	let ingested = 0;
	const worker = async () => {
		while (next < rows.length) {
			const row = rows[next++];
			const event = {
				name: 'api_call',
				customer_id: row.customer,
				timestamp: row.at,
				external_id: row.id,
				metadata: row.usage,
			};
			for (;;) {
				const response = await fetch(`${target.url}/v1/events/ingest`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ events: [event] }),
				});
				await response.arrayBuffer();
				if (response.status !== 429) {
					if (response.status === 200) ingested++;
					break;
				}
				await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { ingested, failed: rows.length - ingested };
}

/** Event → Ingest in n8n's engine: every row an item, its row ID the Deduplication ID. */
async function ingestWithNode(target: Target, rows: IDataObject[], concurrency: number) {
	const result = await runNode({
		nodeType,
		credentialTypes,
		credentials: { polarApi: credentialFor(target) },
		parameters: {
			resource: 'event',
			operation: 'ingest',
			eventName: 'api_call',
			customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
			timestamp: '={{ $json.at }}',
			deduplication: 'field',
			externalId: '={{ $json.id }}',
			additionalFields: { metadataJson: '={{ $json.usage }}' },
			options: { concurrency },
		} as INodeParameters,
		items: rows,
		onError: 'continueErrorOutput',
	});
	return {
		ingested: result.success.length,
		failed: result.error.length,
		executionError: result.executionError?.message,
	};
}

async function ingestRun(job: IngestRunJob): Promise<IngestRunResult> {
	const rows = usageRows(job.rows, job.target.customerIds);
	collectGarbage();
	const wallStart = performance.now();
	const outcome =
		job.client === 'node'
			? await ingestWithNode(job.target, rows, job.concurrency)
			: await ingestPerRow(job.target, rows, job.concurrency);
	return { kind: 'ingest', wallMs: performance.now() - wallStart, ...outcome };
}

async function run(job: Job): Promise<WorkerMessage> {
	try {
		const result =
			job.kind === 'node'
				? await nodeRun(job)
				: job.kind === 'loop'
					? await loopRun(job)
					: job.kind === 'list'
						? await listRun(job)
						: job.kind === 'ingest'
							? await ingestRun(job)
							: await overhead(job);
		return { result };
	} catch (error) {
		return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
	}
}

process.once('message', (job: Job) => {
	void run(job).then((message) => {
		process.send!(message, () => process.exit(0));
	});
});
