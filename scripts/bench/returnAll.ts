// Workload 8, Return All: 10,000 customers (100 pages) from a double that answers in 100 ms.
// The node reads page 1, then fetches the other pages several at once; the reference is a loop
// that asks for one page after another, measured in the same run against the same double.

import type { ListRunResult } from './protocol';
import { log, runJob, serverView, withDouble } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

/** The double seeds four customers of its own. */
const SEEDED = 4;

export async function returnAll(rows: Row[]) {
	const s = SETTINGS.returnAll;
	const settings = { latencyMs: s.latencyMs, extraCustomers: s.customers - SEEDED };
	return await withDouble(settings, async (double, target) => {
		const pages = Math.ceil(s.customers / 100);
		const measure = async (client: 'node' | 'sequential', options = s.options) => {
			log(`return all: ${s.customers} customers, ${client} ${JSON.stringify(options)}`);
			const result = await runJob<ListRunResult>(
				{ kind: 'list', target, client, options },
				pages * s.latencyMs * 4 + 60_000,
			);
			const server = serverView(await double.requests());
			await double.reset();
			return { ...result, server };
		};
		const node = await measure('node');
		const sequential = await measure('sequential');
		const wide = await measure('node', { concurrency: s.wideConcurrency });
		const complete = (run: typeof node) =>
			run.items === s.customers && run.repeated === 0 && !run.executionError;
		const speedUp = sequential.wallMs / node.wallMs;

		const w = `8. Return All: ${s.customers.toLocaleString('en')} customers, answers in ${s.latencyMs} ms`;
		rows.push(
			{
				workload: w,
				figure: `wall time, node (default concurrency), ${node.server.requests} requests, at most ${node.server.maxInFlight} at once`,
				measured: `${fixed(node.wallMs / 1000, 2)} s`,
				reference: `${fixed(sequential.wallMs / 1000, 2)} s (page-by-page loop, ${sequential.server.requests} requests)`,
				ratio: speedUp,
				target: '≥ 4 (reference ÷ node)',
				pass: complete(node) && complete(sequential) && speedUp >= 4,
			},
			{
				workload: w,
				figure: `wall time, node, concurrency ${s.wideConcurrency}, at most ${wide.server.maxInFlight} at once`,
				measured: `${fixed(wide.wallMs / 1000, 2)} s`,
				reference: `${fixed(sequential.wallMs / 1000, 2)} s (the same loop)`,
				ratio: sequential.wallMs / wide.wallMs,
				target: '',
			},
			{
				workload: w,
				figure: 'customers listed / repeated, node',
				measured: `${node.items} / ${node.repeated}`,
				reference: `${s.customers} / 0`,
				target: '',
			},
		);
		return { settings: s, node, sequential, wide, speedUp };
	});
}
