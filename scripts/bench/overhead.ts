// Workload 3, overhead: against a zero-latency double, the client CPU time per item of the node
// next to a plain fetch loop and the least an n8n node can do (FloorNode.ts).

import {
	OVERHEAD_CLIENTS,
	type OverheadClient,
	type OverheadJob,
	type OverheadResult,
	type Target,
} from './protocol';
import { log, runJob } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function overheadWorkload(rows: Row[], target: Target) {
	const s = SETTINGS.overhead;
	log(`overhead: ${s.rounds} rounds of ${s.items} items per client, concurrency ${s.concurrency}`);
	const job: OverheadJob = { kind: 'overhead', target, ...s };
	const { rounds } = await runJob<OverheadResult>(job, 300_000);
	const perItemUs = Object.fromEntries(
		OVERHEAD_CLIENTS.map((client) => [
			client,
			median(rounds.map((round) => (round[client].cpuMs * 1000) / s.items)),
		]),
	) as Record<OverheadClient, number>;
	const allAnswered = rounds.every((round) =>
		OVERHEAD_CLIENTS.every((client) => round[client].success === s.items),
	);
	const { node, nodeWithExpressions, floorNode, fetchLoop, fetchLoopNewConnections } = perItemUs;
	const w = '3. Overhead';
	rows.push(
		{
			workload: w,
			figure: `client CPU µs per item, values typed in (median of ${s.rounds} × ${s.items})`,
			measured: fixed(node, 0),
			reference: `${fixed(fetchLoop, 0)} (plain fetch loop)`,
			ratio: node / fetchLoop,
			target: '≤ 1.50',
			pass: allAnswered && node / fetchLoop <= 1.5,
		},
		{
			workload: w,
			figure: 'same, customer and Return URL from 2 n8n expressions per item',
			measured: fixed(nodeWithExpressions, 0),
			reference: `${fixed(fetchLoop, 0)} (plain fetch loop)`,
			ratio: nodeWithExpressions / fetchLoop,
			target: '',
		},
		{
			workload: w,
			figure: 'same, vs fetch opening a connection per request',
			measured: fixed(node, 0),
			reference: `${fixed(fetchLoopNewConnections, 0)} (fetch, connection: close)`,
			ratio: node / fetchLoopNewConnections,
			target: '',
		},
		{
			workload: w,
			figure: 'same, vs the least an n8n node can do',
			measured: fixed(node, 0),
			reference: `${fixed(floorNode, 0)} (httpRequestWithAuthentication only)`,
			ratio: node / floorNode,
			target: '',
		},
		{
			workload: w,
			figure: 'that least n8n node vs the plain fetch loop',
			measured: fixed(floorNode, 0),
			reference: `${fixed(fetchLoop, 0)} (plain fetch loop)`,
			ratio: floorNode / fetchLoop,
			target: '',
		},
	);
	return { settings: s, cpuUsPerItem: perItemUs, rounds };
}
