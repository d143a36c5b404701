// The two workflows of workload 10, as a user would build them in n8n: Webhook → Code (the
// usage rows as ONE item) → Split Out → the client under test → Count (a Code node: counts by status).
// The Code node runs in n8n's task runner, which ships its items to the main process over a
// websocket: one item of 100,000 rows travels as one message, where 100,000 items would each
// be checked and wrapped. Split Out runs in the main process; the webhook answers Count's few items.

import { DEFAULT_TOKEN, FIXTURE_IDS } from '../../dev/polar-double';
import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';

export const NODE_WORKFLOW = { id: 'benchIngest100k03', path: 'bench-ingest' };
export const PEER_WORKFLOW = { id: 'benchIngestPeer03', path: 'bench-ingest-peer' };
export const CREDENTIAL = { id: 'benchPolarCred02', name: 'Polar (bench ingest)' };
const CUSTOMERS = [FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.alan];

/**
 * Deterministic usage rows, generated as a user's Code node would read them from a source and
 * shape them as Polar's events, for Event → Ingest's Events From: Each Item's JSON.
 */
const generateRows = (count: number) => `const customers = ${JSON.stringify(CUSTOMERS)};
const start = Date.UTC(2026, 0, 1);
const rows = [];
for (let i = 0; i < ${count}; i++) {
	rows.push({
		name: 'api_call',
		customer_id: customers[i % customers.length],
		timestamp: new Date(start + i * 1000).toISOString(),
		external_id: 'row-' + i,
		metadata: { tokens: 100 + i },
	});
}
return [{ json: { rows } }];`;

const node = (id: string, name: string, x: number, rest: Record<string, unknown>) => ({
	id,
	name,
	position: [x, 0],
	...rest,
});

function chain(id: string, name: string, nodes: Array<{ name: string }>) {
	const connections: Record<string, unknown> = {};
	nodes.slice(1).forEach((to, i) => {
		connections[nodes[i].name] = { main: [[{ node: to.name, type: 'main', index: 0 }]] };
	});
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** The items counted by `field`, as Summarize would give them: [{ status, count_status }]. */
const countItems = (field: string) => `const counts = {};
for (const item of $input.all()) {
	const value = String(item.json[${JSON.stringify(field)}] ?? 'none');
	counts[value] = (counts[value] ?? 0) + 1;
}
return Object.entries(counts).map(([value, count]) => ({
	json: { ${JSON.stringify(field)}: value, ${JSON.stringify('count_' + field)}: count },
}));`;

/** Webhook → rows → Split Out → client → Count; the webhook answers Count's items. */
function usageWorkflow(
	workflow: { id: string; path: string },
	name: string,
	prefix: string,
	rows: number,
	client: Record<string, unknown>,
	countBy: string,
) {
	return chain(workflow.id, name, [
		node(`${prefix}01-4d5e-4f60-8172-93a4b5c6d701`, 'Webhook', 0, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: `${prefix}02-4d5e-4f60-8172-93a4b5c6d701`,
			parameters: {
				httpMethod: 'POST',
				path: workflow.path,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		}),
		node(`${prefix}03-4d5e-4f60-8172-93a4b5c6d701`, 'Usage rows', 220, {
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { mode: 'runOnceForAllItems', jsCode: generateRows(rows) },
		}),
		node(`${prefix}04-4d5e-4f60-8172-93a4b5c6d701`, 'One item per row', 440, {
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'rows', include: 'noOtherFields', options: {} },
		}),
		node(`${prefix}05-4d5e-4f60-8172-93a4b5c6d701`, 'Ingest', 660, client),
		node(`${prefix}06-4d5e-4f60-8172-93a4b5c6d701`, 'Count', 880, {
			// A Code node, not Summarize: Summarize took 41 s to count 100,000 items by a field,
			// more than the ingestion it measures.
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { mode: 'runOnceForAllItems', jsCode: countItems(countBy) },
		}),
	]);
}

/** Polar Event → Ingest, each item one event (no expression per item), its external_id kept. */
export const nodeWorkflow = (rows: number) =>
	usageWorkflow(
		NODE_WORKFLOW,
		'bench: usage rows at scale (Polar node)',
		'1f1a2b3c',
		rows,
		{
			type: 'n8n-nodes-polarsh.polar',
			typeVersion: 1,
			parameters: {
				resource: 'event',
				operation: 'ingest',
				eventsFrom: 'json',
				deduplication: 'field',
				options: {},
			},
			credentials: { polarApi: CREDENTIAL },
		},
		'status',
	);

/** The peer's way: n8n's HTTP Request node, one event per request, paced under 500 a minute. */
export const peerWorkflow = (rows: number, baseUrl: string, intervalMs: number) =>
	usageWorkflow(
		PEER_WORKFLOW,
		'bench: usage rows one request per row (HTTP Request)',
		'4f1a2b3c',
		rows,
		{
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
				jsonBody: '={{ JSON.stringify({ events: [$json] }) }}',
				options: { batching: { batch: { batchSize: 1, batchInterval: intervalMs } } },
			},
		},
		'inserted',
	);
