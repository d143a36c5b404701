// Workload 9, usage ingestion at Polar's fixed window (500 a minute, 100 ms latency): the rows
// through the node's Event → Ingest in n8n's engine (every row an item, batched into as few
// requests as fit Polar's 10 MiB) against a client that sends one request per row and waits
// out each 429. Both runs give each row its ID as Polar's external_id; the double counts events.

import type { IngestRunResult } from './protocol';
import { log, runJob, withDouble } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

/** The events the double stored (its control API: a read through /v1 would count against the window). */
async function storedEvents(url: string): Promise<number> {
	const response = await fetch(`${url}/__double/events`);
	return ((await response.json()) as unknown[]).length;
}

export async function ingestWorkload(rows: Row[]) {
	const s = SETTINGS.ingest;
	const { limit, windowMs } = s.rateLimit;
	return await withDouble(
		{ latencyMs: s.latencyMs, rateLimit: s.rateLimit, tokenScopes: ['events:write'] },
		async (double, target) => {
			log(
				`Ingestion: ${s.rows} rows, ${limit} requests per ${windowMs / 1000} s fixed window, ${s.latencyMs} ms latency`,
			);
			const run = async (client: 'node' | 'perRow') => {
				await double.reset();
				const result = await runJob<IngestRunResult>(
					{ kind: 'ingest', target, client, rows: s.rows, concurrency: s.concurrency },
					(Math.ceil(s.rows / limit) + 3) * windowMs,
				);
				const requests = (await double.requests()).filter((r) => r.path === '/v1/events/ingest');
				const stored = await storedEvents(target.url);
				return { ...result, requests: requests.length, stored };
			};
			const node = await run('node');
			const perRow = await run('perRow');
			const ratio = perRow.wallMs / node.wallMs;
			const w = '9. Usage ingestion';
			rows.push(
				{
					workload: w,
					figure: `wall time, s, ${s.rows} rows, ${limit} per ${windowMs / 1000} s: node vs one request per row`,
					measured: fixed(node.wallMs / 1000, 2),
					reference: `${fixed(perRow.wallMs / 1000, 2)} (one request per row)`,
					ratio,
					target: '',
				},
				{
					workload: w,
					figure: 'requests sent; events Polar stored',
					measured: `${node.requests}; ${node.stored}`,
					reference: `${perRow.requests}; ${perRow.stored}`,
					target: `stored = ${s.rows}`,
					pass: node.stored === s.rows && node.failed === 0 && !node.executionError,
				},
			);
			log(
				`node ${fixed(node.wallMs / 1000, 2)} s, per row ${fixed(perRow.wallMs / 1000, 2)} s, ratio ${fixed(ratio, 0)}`,
			);
			return { settings: s, node, perRow, ratio };
		},
	);
}
