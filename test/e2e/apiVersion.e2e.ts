// Polar's API version in a real n8n, on the last 1.x and the newest 2.x: against the double
// serving 2026-10 an operation, Test connection and the Polar Trigger's activation work; once
// the double removes 2026-10, as Polar's release does (POST /__double/versions), each says that
// Polar no longer serves the version this package speaks and that it must be updated.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createN8nInstance, ensureN8n, freePort, type N8nInstance } from '../../dev/n8n';
import { FIXTURE_IDS, startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import { itemError, items } from './assertions';
import { editorApi, sleep, until } from './editorApi';
import { TRIGGER_VERSIONS } from './versions';

const OPERATION_ID = 'e2eApiVersionOp1';
const TRIGGER_ID = 'e2eApiVersionTr1';
const CREDENTIAL = { id: 'e2eApiVersionCr1', name: 'Polar (e2e, API version)' };
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-version-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};
const UPDATE_PACKAGE = `Polar no longer serves API version ${POLAR_API_VERSION} that this package speaks: update n8n-nodes-polarsh (Settings → Community Nodes)`;

const polarNode = { polarApi: CREDENTIAL };
const ORDER_PAID = { type: 'order.paid', data: { id: FIXTURE_IDS.ada, status: 'paid' } };
const workflows = [
	{
		id: OPERATION_ID,
		name: 'e2e: Customer → Get, errors on the error output',
		active: false,
		versionId: '2c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e61',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
				name: 'Get customer',
				type: 'n8n-nodes-polarsh.polar',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'customer',
					operation: 'get',
					customer: { __rl: true, mode: 'id', value: FIXTURE_IDS.ada },
				},
				credentials: polarNode,
				onError: 'continueErrorOutput',
			},
		],
		connections: { Start: { main: [[{ node: 'Get customer', type: 'main', index: 0 }]] } },
	},
	{
		id: TRIGGER_ID,
		name: 'e2e: Polar Trigger, API version',
		active: false,
		versionId: '3d0e9f8a-7b6c-4d5e-8f1a-2b3c4d5e6f72',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '8b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
				name: 'Polar Trigger',
				type: 'n8n-nodes-polarsh.polarTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: '9c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
				parameters: { events: ['order.paid'] },
				credentials: polarNode,
			},
		],
		connections: {},
	},
];

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const TOKEN = `polar_oat_e2e_version_${randomBytes(16).toString('hex')}`;
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-version-'));
	const transcript: string[] = [];
	let double: PolarDouble;
	let n8n: N8nInstance;
	let cookie: string;
	let port: number;

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		double = await startPolarDouble({
			tokens: { [TOKEN]: ['customers:read', 'customer_sessions:write', 'webhooks:write'] },
			// n8n listens on loopback here: Polar would refuse its URL, the double is told to allow it.
			webhookUrls: 'allow-loopback',
		});
		port = await freePort();
		n8n = await createN8nInstance({
			userFolder: join(dir, 'user'),
			installation: await ensureN8n({ version }),
			echo: true,
			onProgress: (line) => transcript.push(line),
		});
		await n8n.installPackage(tarball);
		const credentialFile = join(dir, 'credentials.json');
		writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					...CREDENTIAL,
					type: 'polarApi',
					data: { accessToken: TOKEN, environment: 'custom', baseUrl: double.url },
				},
			]),
			{ mode: 0o600 },
		);
		await n8n.importCredentials(credentialFile);
		rmSync(credentialFile);
		const workflowDir = join(dir, 'workflows');
		mkdirSync(workflowDir);
		for (const workflow of workflows)
			writeFileSync(join(workflowDir, `${workflow.id}.json`), JSON.stringify(workflow));
		await n8n.importWorkflow(workflowDir);
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const api = () => editorApi(n8n, cookie);

	/** Test connection as the editor runs it for the stored credential. */
	async function testConnection(): Promise<{ status: string; message: string }> {
		const response = await n8n.rest(
			'POST',
			'/rest/credentials/test',
			{
				credentials: {
					...CREDENTIAL,
					type: 'polarApi',
					data: { accessToken: TOKEN, environment: 'custom', baseUrl: double.url },
				},
			},
			cookie,
		);
		expect(response.status).toBe(200);
		const { data } = response.body as { data: { status: string; message: string } };
		expect(data.message).not.toContain(TOKEN);
		return data;
	}

	/**
	 * Why n8n could not activate the workflow: its answer, or what it keeps for the editor to show
	 * (n8n 2.x publishes in the background, trying a trigger 5 times over some 15 s, then records
	 * the failure in publication-status; 1.x: active-workflows/error).
	 */
	async function activationError(): Promise<string> {
		const answer = await api().activate(TRIGGER_ID);
		if (answer.status !== 200) return JSON.stringify(answer.body);
		let kept = '';
		for (let tries = 0; tries < 160 && !kept.includes('Polar'); tries++) {
			await sleep(250);
			const paths = [
				`/rest/workflows/${TRIGGER_ID}/publication-status`,
				`/rest/active-workflows/error/${TRIGGER_ID}`,
			];
			const answers = await Promise.all(
				paths.map((path) => n8n.rest('GET', path, undefined, cookie)),
			);
			kept = JSON.stringify(answers.map((each) => each.body));
		}
		return kept;
	}

	test('an operation, in n8n’s CLI, speaks 2026-10 and gets the customer', async () => {
		double.reset();
		const run = await n8n.execute(OPERATION_ID);
		expect(run.status).toBe('success');
		expect(items(run, 'Get customer').map((item) => item.json.id)).toEqual([FIXTURE_IDS.ada]);
		expect(double.requests.map((r) => [r.headers['polar-version'], r.status])).toEqual([
			['2026-10', 200],
		]);
	});

	test('Test connection passes and the trigger activates, in 2026-10', async () => {
		await n8n.start({ port });
		cookie = (await n8n.setupOwner(OWNER)).cookie;
		double.reset();
		expect(await testConnection()).toEqual({
			status: 'OK',
			message: 'Connection successful: Polar accepted the token and its scope',
		});
		expect((await api().activate(TRIGGER_ID)).status).toBe(200);
		await until(() => double.webhooks.endpoints.size > 0);
		expect(double.webhooks.endpoints.size).toBe(1);
		expect(double.requests.every((r) => r.apiVersion === '2026-10')).toBe(true);
		// The endpoint is made in 2026-10, so Polar's deliveries come in 2026-10 payloads.
		const [endpoint] = [...double.webhooks.endpoints.values()];
		expect(endpoint.api_version).toBe('2026-10');
		const delivery = await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		expect(delivery.status).toBe(200);
		const [run] = await api().finishedExecutions(TRIGGER_ID, 1);
		const [output] = items(await api().execution(run.id), 'Polar Trigger');
		expect(output.json).toMatchObject({ type: 'order.paid', api_version: '2026-10' });
		expect((await api().deactivate(TRIGGER_ID)).status).toBe(200);
		await until(() => double.webhooks.endpoints.size === 0);
		expect(double.violations).toEqual([]);
	});

	test('once Polar removes 2026-10, Test connection and the activation say to update', async () => {
		const removed = await fetch(`${double.url}/__double/versions`, {
			method: 'POST',
			body: JSON.stringify({ remove: '2026-10' }),
		});
		expect(removed.status).toBe(200);
		const result = await testConnection();
		expect(result.status).toBe('Error');
		expect(result.message.startsWith(`${UPDATE_PACKAGE}.`)).toBe(true);
		// n8n 2.x shows the error's message, 1.x its description: each names version and way out.
		expect(await activationError()).toMatch(
			/Polar no longer serves API version 2026-10[\s\S]*Settings → Community Nodes/,
		);
		expect(double.webhooks.endpoints.size).toBe(0);
		await n8n.stop();
	});

	test('and the operation puts it on the error output', async () => {
		// reset() serves every version again: the removal is repeated, as the release is final.
		double.reset();
		double.versions.remove('2026-10');
		const run = await n8n.execute(OPERATION_ID);
		expect(items(run, 'Get customer')).toEqual([]);
		const [failed] = items(run, 'Get customer', 1);
		expect(itemError(failed)).toMatchObject({ message: UPDATE_PACKAGE, httpCode: '404' });
		expect(double.requests).toHaveLength(1);
		expect(transcript.join('\n')).not.toContain(TOKEN);
	});
});
