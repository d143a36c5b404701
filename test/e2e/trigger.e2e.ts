// The Polar Trigger in a real n8n (`n8n start`): activation registers the endpoint at the Polar
// double with n8n's production webhook URL; the double delivers signed events and n8n runs one
// execution each; forged, stale and replayed deliveries start none; deactivation deletes it.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createN8nInstance, ensureN8n, ownerEnv, type N8nInstance } from '../../dev/n8n';
import {
	FIXTURE_IDS,
	startPolarDouble,
	type PolarDouble,
	type WebhookEvent,
} from '../../dev/polar-double';

const WORKFLOW_ID = 'e2ePolarTrigger1';
const TOKEN = `polar_oat_e2e_trigger_${randomBytes(16).toString('hex')}`;
const EXAMPLE_TOKEN = `polar_oat_e2e_example_${randomBytes(16).toString('hex')}`;
const EXAMPLE_ID = 'polarOrderPaidPL1';
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-trigger-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

const EVENTS: WebhookEvent[] = [
	{
		type: 'order.paid',
		data: { id: 'ord_1', customer_id: '992fae2a-2a17-4b7a-8d9e-e287cf90131b' },
	},
	{ type: 'subscription.active', data: { id: 'sub_1', status: 'active' } },
	{ type: 'customer.created', data: { id: 'cus_1', email: 'ada@example.com' } },
];

const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-trigger-'));
const transcript: string[] = [];
let double: PolarDouble;
let n8n: N8nInstance;
let cookie: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	for (const start = Date.now(); !condition() && Date.now() - start < timeoutMs; ) await sleep(100);
}

beforeAll(async () => {
	const tarball = process.env.POLAR_E2E_TARBALL;
	if (!tarball) throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
	double = await startPolarDouble({
		tokens: {
			[TOKEN]: ['webhooks:write'],
			[EXAMPLE_TOKEN]: ['webhooks:write', 'customer_sessions:write'],
		},
	});
	const installation = await ensureN8n();
	n8n = await createN8nInstance({
		userFolder: join(dir, 'user'),
		installation,
		echo: true,
		onProgress: (line) => transcript.push(line),
	});
	await n8n.installPackage(tarball);
	const credentialFile = join(dir, 'credentials.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				id: 'e2eTriggerCred01',
				name: 'Polar (e2e, webhooks)',
				type: 'polarApi',
				data: {
					accessToken: TOKEN,
					environment: 'custom',
					baseUrl: double.url,
					organizationId: '',
				},
			},
			{
				// The example's credential, pointed at this run's double.
				id: 'polarDemoCredent',
				name: 'Polar (local API double)',
				type: 'polarApi',
				data: {
					accessToken: EXAMPLE_TOKEN,
					environment: 'custom',
					baseUrl: double.url,
					organizationId: '',
				},
			},
		]),
		{ mode: 0o600 },
	);
	await n8n.importCredentials(credentialFile);
	rmSync(credentialFile);
	await n8n.importWorkflow(join(__dirname, 'trigger', 'polar-trigger.json'));
	await n8n.importWorkflow(join(__dirname, '..', '..', 'examples', 'order-paid-portal-link.json'));
	await n8n.start({ env: ownerEnv(installation, OWNER) });
	({ cookie } = await n8n.login(OWNER.email, OWNER.password));
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await double?.close();
	rmSync(dir, { recursive: true, force: true });
});

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

async function executions(workflowId = WORKFLOW_ID): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await n8n.rest('GET', `/rest/executions?filter=${filter}`, undefined, cookie);
	return (res.body as { data: { results: ExecutionSummary[] } }).data.results;
}

/** The trigger's output items of one execution (n8n stores run data flatted-encoded). */
async function triggerOutput(id: string): Promise<Array<Record<string, unknown>>> {
	const res = await n8n.rest('GET', `/rest/executions/${id}`, undefined, cookie);
	const { parse } = createRequire(n8n.installation.n8nBin)('flatted') as {
		parse: (text: string) => any;
	};
	const data = parse((res.body as { data: { data: string } }).data.data);
	return data.resultData.runData['Polar Trigger'][0].data.main[0].map((item: any) => item.json);
}

async function waitForExecutions(
	count: number,
	workflowId = WORKFLOW_ID,
): Promise<ExecutionSummary[]> {
	for (let tries = 0; tries < 60; tries++) {
		const found = await executions(workflowId);
		if (found.length >= count && found.every((e) => !['new', 'running'].includes(e.status)))
			return found;
		await sleep(500);
	}
	return await executions(workflowId);
}

async function activate(workflowId: string) {
	const stored = await n8n.rest('GET', `/rest/workflows/${workflowId}`, undefined, cookie);
	const { versionId } = (stored.body as { data: { versionId: string } }).data;
	return await n8n.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId }, cookie);
}

test('activation registers the endpoint with n8n’s production webhook URL', async () => {
	const activated = await activate(WORKFLOW_ID);
	expect(activated.status).toBe(200);
	// n8n 2.40 publishes the activation in the background: the endpoint follows shortly.
	await until(() => double.webhooks.endpoints.size > 0);

	const endpoints = [...double.webhooks.endpoints.values()];
	expect(endpoints).toHaveLength(1);
	expect(endpoints[0]).toMatchObject({
		url: `${n8n.url}/webhook/5d1e7a2c-3b4f-4c6d-8e9f-0a1b2c3d4e5f/webhook`,
		format: 'raw',
		events: ['order.paid', 'subscription.active', 'customer.created'],
	});
	expect(double.violations).toEqual([]);
});

test('three signed events of three types run three executions with them', async () => {
	const [endpoint] = [...double.webhooks.endpoints.values()];
	for (const event of EVENTS) {
		const delivery = await double.webhooks.deliver(endpoint.id, event, {
			webhookId: `msg_${event.type}`,
		});
		expect(delivery.status).toBe(200);
	}
	const runs = await waitForExecutions(3);
	expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success']);
	const outputs = (await Promise.all(runs.map((run) => triggerOutput(run.id)))).flat();
	expect(outputs.map((json) => json.type).sort()).toEqual(EVENTS.map((e) => e.type).sort());
	for (const event of EVENTS) {
		expect(outputs.find((json) => json.type === event.type)?.data).toEqual(event.data);
	}
});

test('a tampered, a stale and a replayed delivery start no execution', async () => {
	const [endpoint] = [...double.webhooks.endpoints.values()];
	const [orderPaid] = EVENTS;
	const tampered = await double.webhooks.deliver(endpoint.id, orderPaid, {
		tamper: (body) => body.replace('ord_1', 'ord_2'),
	});
	const stale = await double.webhooks.deliver(endpoint.id, orderPaid, {
		timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
	});
	const replayed = await double.webhooks.deliver(endpoint.id, orderPaid, {
		webhookId: 'msg_order.paid',
	});
	expect([tampered.status, stale.status, replayed.status]).toEqual([401, 401, 200]);
	await sleep(3000); // an execution, had one started, would be listed by now
	expect(await executions()).toHaveLength(3);
});

// n8n parses JSON bodies before the node runs; these bodies do not survive a re-serialisation
// byte for byte, so each passes only because the node verifies n8n's raw request bytes.
test('bodies that re-serialise differently verify and run, with their parsed data', async () => {
	const [endpoint] = [...double.webhooks.endpoints.values()];
	const bodies = [
		'{ "data": {"id": "ord_7", "total_amount": 2500},\n  "timestamp": "2026-11-26T10:00:00Z", "type": "order.paid" }',
		'{"type":"customer.created","timestamp":"2026-11-26T10:00:00Z","data":{"name":"Ren\\u00e9e \\ud83d\\ude00","note":"caf\u00e9 \\/"}}',
		'{"type":"subscription.active","timestamp":"2026-11-26T10:00:00Z","data":{"big":12345678901234567890,"price":1.0}}',
	];
	for (const rawBody of bodies) {
		expect(JSON.stringify(JSON.parse(rawBody))).not.toBe(rawBody);
		const delivery = await double.webhooks.deliver(endpoint.id, JSON.parse(rawBody), { rawBody });
		expect(delivery.status).toBe(200);
	}
	const runs = await waitForExecutions(6);
	expect(runs).toHaveLength(6);
	const outputs = (await Promise.all(runs.slice(0, 3).map((run) => triggerOutput(run.id)))).flat();
	expect(
		outputs
			.map((json) => json.data)
			.sort((a: any, b: any) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
	).toEqual(
		bodies
			.map((body) => JSON.parse(body).data)
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
	);
});

test('deactivation deletes the endpoint at the double', async () => {
	const [endpoint] = [...double.webhooks.endpoints.values()];
	const deactivated = await n8n.rest(
		'POST',
		`/rest/workflows/${WORKFLOW_ID}/deactivate`,
		{},
		cookie,
	);
	expect(deactivated.status).toBe(200);
	await until(() => double.webhooks.endpoints.size === 0);
	expect(double.webhooks.endpoints.size).toBe(0);
	expect(double.requests.at(-1)).toMatchObject({
		method: 'DELETE',
		path: `/v1/webhooks/endpoints/${endpoint.id}`,
		status: 204,
	});
});

test('Listen for test event registers the test URL, runs once, and deletes the endpoint', async () => {
	// What the editor sends when the user clicks "Listen for test event" on the trigger.
	const listening = await n8n.rest(
		'POST',
		`/rest/workflows/${WORKFLOW_ID}/run`,
		{ triggerToStartFrom: { name: 'Polar Trigger' } },
		cookie,
	);
	expect(listening.status).toBe(200);
	await until(() => double.webhooks.endpoints.size > 0);
	const [endpoint] = [...double.webhooks.endpoints.values()];
	expect(endpoint.url).toBe(`${n8n.url}/webhook-test/5d1e7a2c-3b4f-4c6d-8e9f-0a1b2c3d4e5f/webhook`);

	const delivery = await double.webhooks.deliver(endpoint.id, EVENTS[0]);
	expect(delivery.status).toBe(200);
	await until(() => double.webhooks.endpoints.size === 0);
	expect(double.webhooks.endpoints.size).toBe(0);
	const [run] = await waitForExecutions(7);
	expect(run.mode).toBe('manual');
	expect(await triggerOutput(run.id)).toEqual([
		expect.objectContaining({ type: 'order.paid', data: EVENTS[0].data }),
	]);
});

test('the example: an order paid creates a portal link for that customer', async () => {
	expect((await activate(EXAMPLE_ID)).status).toBe(200);
	await until(() => double.webhooks.endpoints.size > 0);
	const [endpoint] = [...double.webhooks.endpoints.values()];
	expect(endpoint.events).toEqual(['order.paid']);
	const delivery = await double.webhooks.deliver(endpoint.id, {
		type: 'order.paid',
		data: { id: 'ord_9', customer_id: FIXTURE_IDS.ada, total_amount: 2500 },
	});
	expect(delivery.status).toBe(200);
	const [run] = await waitForExecutions(1, EXAMPLE_ID);
	expect(run.status).toBe('success');
	expect(double.sessions.map((session) => session.customer_id)).toEqual([FIXTURE_IDS.ada]);
	expect(double.violations).toEqual([]);
});

test('n8n printed neither the token nor the webhook secret', () => {
	const log = transcript.join('\n');
	expect(log).not.toContain(TOKEN);
	expect(log).not.toContain(EXAMPLE_TOKEN);
	expect(log).not.toMatch(/whsec_/);
});
