// Test connection behind n8n's own guards, in a real n8n: its SSRF protection and its outbound
// proxy apply to Test connection's probe exactly as to the node's own requests. The node runs
// with `n8n execute` (the same settings), Test connection as the editor asks for it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_IDS } from '../../dev/polar-double';
import { ADMIN_CONSOLE, startStranger, type StrangerServer } from '../strangers';
import { startRecordingProxy, type RecordingProxy } from '../strangers/proxy';
import { startStack, TOKENS, type Stack } from './stack';

const OWNER = {
	email: 'e2e@example.com',
	password: 'E2e-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};
const OK = {
	status: 'OK',
	message: 'Connection successful: Polar accepted the token and its scope',
};

let stack: Stack;
let adminConsole: StrangerServer;
let proxy: RecordingProxy;
let scratch: string;
/** The double's address by host name: a proxy is bypassed for 127.0.0.1 (NO_PROXY below). */
let polarByName: string;

/** A credential for `baseUrl` and a workflow whose Polar node creates a session with it. */
function nodeRunFiles(key: string, baseUrl: string) {
	const credential = { id: `e2ePolar${key}`, name: `Polar (e2e, ${key})` };
	const workflow = {
		id: `e2eGuard${key}`,
		versionId:
			key === 'Console1'
				? 'a1f8c0de-0b7e-4c51-9d8e-3c1e2f4a5b01'
				: 'a1f8c0de-0b7e-4c51-9d8e-3c1e2f4a5b02',
		name: `e2e: a session through n8n's guards (${key})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'c1c2c3c4-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c1c2c3c4-0000-4000-8000-000000000002',
				name: 'Create session',
				type: 'n8n-nodes-polarsh.polar',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'customerSession',
					operation: 'create',
					customer: { __rl: true, mode: 'id', value: FIXTURE_IDS.ada },
					simplify: true,
					additionalFields: {},
					options: { retryOnFailure: false },
				},
				credentials: { polarApi: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Create session', type: 'main', index: 0 }]] } },
		pinData: {},
	};
	const data = { accessToken: TOKENS.good, environment: 'custom', baseUrl, organizationId: '' };
	return { credential: { ...credential, type: 'polarApi', data }, workflow };
}

beforeAll(async () => {
	stack = await startStack();
	adminConsole = await startStranger(ADMIN_CONSOLE, '127.0.0.2');
	proxy = await startRecordingProxy();
	polarByName = stack.double.url.replace('127.0.0.1', 'localhost');
	scratch = mkdtempSync(join(tmpdir(), 'n8n-polar-guards-'));
	const runs = [nodeRunFiles('Console1', adminConsole.url), nodeRunFiles('Proxied1', polarByName)];
	const credentialFile = join(scratch, 'credentials.json');
	writeFileSync(credentialFile, JSON.stringify(runs.map((run) => run.credential)), { mode: 0o600 });
	await stack.n8n.importCredentials(credentialFile);
	rmSync(credentialFile);
	const workflowFile = join(scratch, 'workflows.json');
	writeFileSync(workflowFile, JSON.stringify(runs.map((run) => run.workflow)));
	await stack.n8n.importWorkflow(workflowFile);
}, 300_000);
afterAll(async () => {
	await adminConsole?.close();
	await proxy?.close();
	await stack?.stop();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
});

let ownerReady = false;
/** `n8n start` with `env`, signed in as the owner. */
async function openEditor(env: Record<string, string>): Promise<string> {
	await stack.n8n.start({ env });
	if (ownerReady) return (await stack.n8n.login(OWNER.email, OWNER.password)).cookie;
	ownerReady = true;
	return (await stack.n8n.setupOwner(OWNER)).cookie;
}

/** What the editor shows for the stored good credential pointed at `baseUrl`. */
async function testConnection(cookie: string, baseUrl: string) {
	stack.double.reset();
	const data = { ...stack.credentialData('good'), baseUrl };
	const response = await stack.n8n.rest(
		'POST',
		'/rest/credentials/test',
		{ credentials: { id: 'e2ePolarGood0001', name: 'Polar (e2e)', type: 'polarApi', data } },
		cookie,
	);
	expect(response.status).toBe(200);
	return (response.body as { data: { status: string; message: string } }).data;
}

describe('with n8n’s SSRF protection on (N8N_SSRF_PROTECTION_ENABLED)', () => {
	// The double (127.0.0.1) is allowed; the console (127.0.0.2) is in the blocked 127.0.0.0/8.
	const SSRF_ENV = {
		N8N_SSRF_PROTECTION_ENABLED: 'true',
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
	};

	test('a loopback admin console: the node is refused, and Test connection with the same words; nothing reaches it', async () => {
		const blocked = `Could not reach Polar at ${adminConsole.url}: The request was blocked because it resolves to a restricted IP address`;
		const run = await stack.n8n.execute('e2eGuardConsole1', { env: SSRF_ENV });
		expect(run.data.resultData.error?.message).toBe(blocked);

		const cookie = await openEditor(SSRF_ENV);
		try {
			await expect(testConnection(cookie, adminConsole.url)).resolves.toEqual({
				status: 'Error',
				message: `${blocked}. n8n’s SSRF protection blocks this address for the node too: use Polar’s API, or ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES)`,
			});
			expect(adminConsole.requests).toEqual([]);
			// Polar, at an address the administrator allowed, still passes.
			await expect(testConnection(cookie, stack.double.url)).resolves.toEqual(OK);
			expect(stack.double.requests).toHaveLength(1);
		} finally {
			await stack.n8n.stop();
		}
	});
});

describe('behind an outbound proxy (HTTP_PROXY)', () => {
	const proxyEnv = () => ({
		HTTP_PROXY: proxy.url,
		http_proxy: proxy.url,
		HTTPS_PROXY: proxy.url,
		https_proxy: proxy.url,
		// n8n's own loopback traffic (its task runners) goes direct.
		NO_PROXY: '127.0.0.1',
		no_proxy: '127.0.0.1',
	});
	const sessionRequest = () => ({ method: 'POST', target: `${polarByName}/v1/customer-sessions/` });

	test('Test connection goes through the proxy, as the node does', async () => {
		proxy.requests.length = 0;
		stack.double.reset();
		const run = await stack.n8n.execute('e2eGuardProxied1', { env: proxyEnv() });
		expect(run.status).toBe('success');
		expect(proxy.requests).toEqual([sessionRequest()]);
		expect(stack.double.requests).toHaveLength(1);

		const cookie = await openEditor(proxyEnv());
		try {
			proxy.requests.length = 0;
			await expect(testConnection(cookie, polarByName)).resolves.toEqual(OK);
			expect(proxy.requests).toEqual([sessionRequest()]);
			expect(stack.double.requests).toHaveLength(1);
		} finally {
			await stack.n8n.stop();
		}
	});
});
