// The Polar Trigger in a real n8n (`n8n start`), on the last 1.x and the newest 2.x: activation
// registers a standard endpoint at the Polar double with n8n's production webhook URL; a
// dashboard endpoint with a legacy secret works through a Polar Webhook Secret credential; the
// double delivers signed events as Polar's server does and n8n runs one execution each; forged,
// stale and replayed deliveries start none; restarts keep the one endpoint and its secret, and
// deliveries Polar retried meanwhile arrive; the secret is nowhere n8n shows or exports.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	createN8nInstance,
	ensureN8n,
	freePort,
	N8N_VERSION,
	type N8nInstance,
} from '../../dev/n8n';
import {
	FIXTURE_IDS,
	startPolarDouble,
	type PolarDouble,
	type WebhookEvent,
} from '../../dev/polar-double';
import { items } from './assertions';
import { editorApi, sleep, until } from './editorApi';
import { TRIGGER_VERSIONS } from './versions';

const WORKFLOW_ID = 'e2ePolarTrigger1';
const MANUAL_ID = 'e2ePolarTriggerM';
const EXAMPLE_ID = 'polarOrderPaidPL1';
const WEBHOOK_PATH = '5d1e7a2c-3b4f-4c6d-8e9f-0a1b2c3d4e5f/webhook';
const MANUAL_PATH = '7e2f8b3d-4c5a-4d7e-9f0a-1b2c3d4e5f60/webhook';
const LEGACY_SECRET = `polar_whs_${randomBytes(24).toString('base64url')}`;
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

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const TOKEN = `polar_oat_e2e_trigger_${randomBytes(16).toString('hex')}`;
	const EXAMPLE_TOKEN = `polar_oat_e2e_example_${randomBytes(16).toString('hex')}`;
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-trigger-'));
	const transcript: string[] = [];
	let double: PolarDouble;
	let n8n: N8nInstance;
	let cookie: string;
	let port: number;
	/** The dashboard endpoint the user made for the manual workflow, legacy-signed. */
	let manualEndpointId: string;

	const endpoints = () => [...double.webhooks.endpoints.values()];
	const registered = () => endpoints().filter((e) => e.url.endsWith(WEBHOOK_PATH));

	async function startN8n(first = false): Promise<void> {
		await n8n.start({ port });
		cookie = first
			? (await n8n.setupOwner(OWNER)).cookie
			: (await n8n.login(OWNER.email, OWNER.password)).cookie;
	}

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		double = await startPolarDouble({
			// n8n (or the test's receiver) listens on 127.0.0.1: Polar itself would refuse that URL.
			webhookUrls: 'allow-loopback',
			tokens: {
				[TOKEN]: ['webhooks:write'],
				[EXAMPLE_TOKEN]: ['webhooks:write', 'customer_sessions:write'],
			},
		});
		port = await freePort();
		// The endpoint a user creates in Polar's dashboard for the manual workflow, before the cutoff.
		const created = double.webhooks.handle(
			'create',
			{
				method: 'POST',
				path: '/v1/webhooks/endpoints',
				headers: {},
				body: {
					url: `http://127.0.0.1:${port}/webhook/${MANUAL_PATH}`,
					format: 'raw',
					events: ['order.paid'],
				},
			},
			[],
			() => undefined,
		);
		manualEndpointId = (JSON.parse(created.body) as { id: string }).id;
		double.webhooks.makeLegacy(manualEndpointId, { secret: LEGACY_SECRET });

		const installation = await ensureN8n({ version });
		n8n = await createN8nInstance({
			userFolder: join(dir, 'user'),
			installation,
			echo: true,
			onProgress: (line) => transcript.push(line),
		});
		await n8n.installPackage(tarball);
		const credentialFile = join(dir, 'credentials.json');
		const polarApi = (id: string, name: string, accessToken: string) => ({
			id,
			name,
			type: 'polarApi',
			data: { accessToken, environment: 'custom', baseUrl: double.url, organizationId: '' },
		});
		writeFileSync(
			credentialFile,
			JSON.stringify([
				polarApi('e2eTriggerCred01', 'Polar (e2e, webhooks)', TOKEN),
				// The example's credential, pointed at this run's double.
				polarApi('polarDemoCredent', 'Polar (local API double)', EXAMPLE_TOKEN),
				{
					id: 'e2eWebhookSecret',
					name: 'Polar webhook secret (e2e, dashboard endpoint)',
					type: 'polarWebhookSecretApi',
					data: { secret: LEGACY_SECRET },
				},
			]),
			{ mode: 0o600 },
		);
		await n8n.importCredentials(credentialFile);
		rmSync(credentialFile);
		await n8n.importWorkflow(join(__dirname, 'trigger'));
		await n8n.importWorkflow(
			join(__dirname, '..', '..', 'examples', 'order-paid-portal-link.json'),
		);
		await startN8n(true);
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** The owner's REST calls, with the cookie of the current start. */
	const api = () => editorApi(n8n, cookie);
	const executions = (workflowId = WORKFLOW_ID) => api().executions(workflowId);
	const waitForExecutions = (count: number, workflowId = WORKFLOW_ID) =>
		api().finishedExecutions(workflowId, count);
	const activate = (workflowId: string) => api().activate(workflowId);
	const deactivate = (workflowId: string) => api().deactivate(workflowId);

	/** The trigger's output items of one execution. */
	async function triggerOutput(id: string): Promise<Array<Record<string, unknown>>> {
		return items(await api().execution(id), 'Polar Trigger').map((item) => item.json);
	}

	test('activation registers a standard endpoint with n8n’s production webhook URL', async () => {
		expect((await activate(WORKFLOW_ID)).status).toBe(200);
		// n8n 2.x publishes the activation in the background: the endpoint follows shortly.
		await until(() => registered().length > 0);
		expect(registered()).toHaveLength(1);
		expect(registered()[0]).toMatchObject({
			// n8n 1.x names its host localhost, 2.x the address it listens on.
			url: expect.stringMatching(
				new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${port}/webhook/${WEBHOOK_PATH}$`),
			),
			format: 'raw',
			events: ['order.paid', 'subscription.active', 'customer.created'],
			uses_standard_webhook_signature: true,
		});
		expect(double.violations).toEqual([]);
	});

	test('three signed events of three types run three executions with them', async () => {
		const [endpoint] = registered();
		for (const event of EVENTS) {
			const delivery = await double.webhooks.deliver(endpoint.id, event, {
				webhookId: `msg_${event.type}`,
			});
			expect(`${delivery.status} ${delivery.responseBody}`).toMatch(/^200 /);
		}
		const runs = await waitForExecutions(3);
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success']);
		const outputs = (await Promise.all(runs.map((run) => triggerOutput(run.id)))).flat();
		expect(outputs.map((json) => json.type).sort()).toEqual(EVENTS.map((e) => e.type).sort());
		for (const event of EVENTS) {
			expect(outputs.find((json) => json.type === event.type)?.data).toEqual(event.data);
		}
	});

	test('a tampered, a stale, a legacy-signed and a replayed delivery start no execution', async () => {
		const [endpoint] = registered();
		const [orderPaid] = EVENTS;
		const tampered = await double.webhooks.deliver(endpoint.id, orderPaid, {
			tamper: (body) => body.replace('ord_1', 'ord_2'),
		});
		const stale = await double.webhooks.deliver(endpoint.id, orderPaid, {
			timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
		});
		// The endpoint states the standard scheme: the old key does not pass for it.
		const oldKey = await double.webhooks.deliver(endpoint.id, orderPaid, { scheme: 'legacy' });
		const replayed = await double.webhooks.deliver(endpoint.id, orderPaid, {
			webhookId: 'msg_order.paid',
		});
		expect([tampered, stale, oldKey, replayed].map((d) => `${d.status} ${d.responseBody}`)).toEqual(
			[
				expect.stringMatching(/^401 .*no signature matches/),
				expect.stringMatching(/^401 .*more than 5 minutes old/),
				expect.stringMatching(/^401 .*no signature matches/),
				expect.stringMatching(/^200 .*duplicate/),
			],
		);
		await sleep(3000); // an execution, had one started, would be listed by now
		expect(await executions()).toHaveLength(3);
	});

	// n8n parses JSON bodies before the node runs; these bodies do not survive a re-serialisation
	// byte for byte, so each passes only because the node verifies n8n's raw request bytes.
	test('bodies that re-serialise differently verify and run, with their parsed data', async () => {
		const [endpoint] = registered();
		const bodies = [
			'{ "data": {"id": "ord_7", "total_amount": 2500},\n  "timestamp": "2026-11-26T10:00:00Z", "type": "order.paid" }',
			'{"type":"customer.created","timestamp":"2026-11-26T10:00:00Z","data":{"name":"Ren\\u00e9e \\ud83d\\ude00","note":"caf\u00e9 \\/"}}',
			'{"type":"subscription.active","timestamp":"2026-11-26T10:00:00Z","data":{"big":12345678901234567890,"price":1.0}}',
		];
		for (const rawBody of bodies) {
			expect(JSON.stringify(JSON.parse(rawBody))).not.toBe(rawBody);
			const delivery = await double.webhooks.deliver(endpoint.id, JSON.parse(rawBody), {
				rawBody,
			});
			expect(delivery.status).toBe(200);
		}
		const runs = await waitForExecutions(6);
		expect(runs).toHaveLength(6);
		const outputs = (await Promise.all(runs.slice(0, 3).map((run) => triggerOutput(run.id))))
			.flat()
			.map((json) => json.data);
		const byText = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
		expect(outputs.sort(byText)).toEqual(bodies.map((body) => JSON.parse(body).data).sort(byText));
	});

	test('a dashboard endpoint with a legacy secret, in a Polar Webhook Secret credential, runs', async () => {
		expect((await activate(MANUAL_ID)).status).toBe(200);
		// n8n 2.x publishes in the background: until then its answer is 404, and Polar retries.
		let good = await double.webhooks.deliver(manualEndpointId, EVENTS[0], {
			webhookId: 'msg_manual_1',
		});
		for (let tries = 0; good.status === 404 && tries < 20; tries++) {
			await sleep(500);
			good = await double.webhooks.retry('msg_manual_1');
		}
		const forged = await double.webhooks.deliver(manualEndpointId, EVENTS[0], {
			secret: `polar_whs_${randomBytes(24).toString('base64url')}`,
		});
		expect([good.status, forged.status]).toEqual([200, 401]);
		const [run] = await waitForExecutions(1, MANUAL_ID);
		expect(run.status).toBe('success');
		expect(await triggerOutput(run.id)).toEqual([
			expect.objectContaining({ type: 'order.paid', data: EVENTS[0].data }),
		]);
	});

	test('three restarts keep one endpoint and its secret; deliveries Polar retried meanwhile arrive', async () => {
		const [{ id, secret }] = registered();
		const earlier = new Set((await executions()).map((run) => run.id));
		for (let restart = 1; restart <= 3; restart++) {
			await n8n.stop();
			const missed = await double.webhooks.deliver(id, {
				type: 'order.paid',
				data: { id: `ord_restart_${restart}` },
			});
			expect(missed.status).toBe(0); // n8n is down: the attempt fails, Polar will retry
			await startN8n();
			let retried = await double.webhooks.retry(missed.webhookId);
			const answers = [`${retried.status} ${retried.responseBody}`];
			for (let tries = 0; retried.status !== 200 && tries < 20; tries++) {
				await sleep(500);
				retried = await double.webhooks.retry(missed.webhookId);
				answers.push(`${retried.status} ${retried.responseBody}`);
			}
			// Until n8n has registered the webhook it answers 404; nothing else comes before the 200.
			expect(answers.slice(0, -1).filter((answer) => !answer.startsWith('404 '))).toEqual([]);
			expect(answers.at(-1)).toMatch(/^200 /);
			// Let the execution finish before the next stop (n8n 1.x marks one it was killed in as crashed).
			await waitForExecutions(earlier.size + restart);
		}
		expect(registered()).toEqual([expect.objectContaining({ id, secret, enabled: true })]);
		const all = await waitForExecutions(earlier.size + 3);
		const runs = all.filter((run) => !earlier.has(run.id));
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success']);
		const outputs = (await Promise.all(runs.map((run) => triggerOutput(run.id)))).flat();
		expect(outputs.map((json) => (json.data as { id: string }).id).sort()).toEqual([
			'ord_restart_1',
			'ord_restart_2',
			'ord_restart_3',
		]);
		// Three n8n starts, some 45 s each on a loaded machine.
	}, 300_000);

	test('the secret is not in the workflow n8n shows, serves through its API or exports, with its static data', async () => {
		const [{ id, secret }] = registered();
		const shown = await n8n.rest('GET', `/rest/workflows/${WORKFLOW_ID}`, undefined, cookie);
		expect(shown.status).toBe(200);
		const key = await n8n.rest(
			'POST',
			'/rest/api-keys',
			{ label: 'e2e', scopes: ['workflow:read'], expiresAt: null },
			cookie,
		);
		const apiKey = (key.body as { data: { rawApiKey: string } }).data.rawApiKey;
		const viaApi = await fetch(`${n8n.url}/api/v1/workflows/${WORKFLOW_ID}`, {
			headers: { 'X-N8N-API-KEY': apiKey },
		});
		expect(viaApi.status).toBe(200);
		const served = await viaApi.text();
		expect(served).toContain(id); // the static data, with the endpoint's ID only
		const exportFile = join(dir, 'export.json');
		await n8n.cli(['export:workflow', '--all', `--output=${exportFile}`]);
		const exported = readFileSync(exportFile, 'utf8');
		rmSync(exportFile);
		expect(exported).toContain(WORKFLOW_ID);
		for (const text of [JSON.stringify(shown.body), served, exported]) {
			expect(text).not.toContain(secret);
			expect(text).not.toContain(LEGACY_SECRET);
		}
	});

	test(
		version === N8N_VERSION
			? 'an endpoint deleted in Polar while n8n was down stays missing at start, until published again'
			: 'an endpoint deleted in Polar while n8n was down is created again at start',
		async () => {
			const [{ id }] = registered();
			await n8n.stop();
			double.webhooks.endpoints.delete(id);
			await startN8n();
			await sleep(3000); // what n8n does at start, it has done by now
			if (version === N8N_VERSION) {
				expect(registered()).toHaveLength(0);
				expect((await deactivate(WORKFLOW_ID)).status).toBe(200);
				expect((await activate(WORKFLOW_ID)).status).toBe(200);
				await until(() => registered().length > 0);
			}
			expect(registered()).toHaveLength(1);
			expect(registered()[0].id).not.toBe(id);
			const delivery = await double.webhooks.deliver(registered()[0].id, EVENTS[0]);
			expect(delivery.status).toBe(200);
		},
		180_000,
	);

	test('deactivation deletes the endpoint at the double', async () => {
		const [endpoint] = registered();
		expect((await deactivate(WORKFLOW_ID)).status).toBe(200);
		await until(() => registered().length === 0);
		expect(registered()).toHaveLength(0);
		expect(double.requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/v1/webhooks/endpoints/${endpoint.id}`,
			status: 204,
		});
	});

	test('Listen for test event registers the test URL, runs once, and deletes the endpoint', async () => {
		const before = (await executions()).length;
		// What the editor sends when the user clicks "Listen for test event" on the trigger.
		const body: Record<string, unknown> = { triggerToStartFrom: { name: 'Polar Trigger' } };
		if (version.startsWith('1.')) {
			// n8n 1.x runs the workflow the editor sends along.
			const stored = await n8n.rest('GET', `/rest/workflows/${WORKFLOW_ID}`, undefined, cookie);
			body.workflowData = (stored.body as { data: unknown }).data;
		}
		const listening = await n8n.rest('POST', `/rest/workflows/${WORKFLOW_ID}/run`, body, cookie);
		expect(listening.status).toBe(200);
		const testEndpoints = () => endpoints().filter((e) => e.url.includes('/webhook-test/'));
		await until(() => testEndpoints().length > 0);
		const [endpoint] = testEndpoints();
		expect(endpoint.url).toMatch(new RegExp(`:${port}/webhook-test/${WEBHOOK_PATH}$`));

		const delivery = await double.webhooks.deliver(endpoint.id, EVENTS[0]);
		expect(delivery.status).toBe(200);
		await until(() => testEndpoints().length === 0);
		expect(testEndpoints()).toHaveLength(0);
		const [run] = await waitForExecutions(before + 1);
		expect(run.mode).toBe('manual');
		expect(await triggerOutput(run.id)).toEqual([
			expect.objectContaining({ type: 'order.paid', data: EVENTS[0].data }),
		]);
	});

	test('the example: an order paid creates a portal link for that customer', async () => {
		expect((await activate(EXAMPLE_ID)).status).toBe(200);
		const exampleEndpoints = () => endpoints().filter((e) => e.id !== manualEndpointId);
		await until(() => exampleEndpoints().length > 0);
		const [endpoint] = exampleEndpoints();
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

	test('n8n printed neither the token nor a webhook secret', () => {
		const log = transcript.join('\n');
		expect(log).not.toContain(TOKEN);
		expect(log).not.toContain(EXAMPLE_TOKEN);
		expect(log).not.toMatch(/whsec_|polar_whs_/);
	});
});
