// The Customer resource in a real n8n: one workflow (workflows/customer-lifecycle.json) creates a
// customer by external ID, opens a portal session for it By External ID, reads its state,
// updates it and deletes it. The shared stack's token may only create sessions, so this file
// starts its own n8n, with a token that may also write customers under the credential the
// workflow names.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createN8nInstance, ensureN8n, type N8nInstance } from '../../dev/n8n';
import { startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import { items, pairedWith } from './assertions';
import { CREDENTIALS, filesContaining } from './stack';

const TOKEN = `polar_oat_e2e_customers_${randomBytes(16).toString('hex')}`;
const WORKFLOW = 'e2eCustomerLife1';
const EXTERNAL_ID = 'usr_e2e_lifecycle';

const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-customer-e2e-'));
const transcript: string[] = [];
let double: PolarDouble;
let n8n: N8nInstance;

beforeAll(async () => {
	const tarball = process.env.POLAR_E2E_TARBALL;
	if (!tarball) throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
	double = await startPolarDouble({
		tokens: { [TOKEN]: ['customers:write', 'customer_sessions:write'] },
	});
	n8n = await createN8nInstance({
		userFolder: join(dir, 'user'),
		installation: await ensureN8n(),
		echo: true,
		onProgress: (line) => transcript.push(line),
	});
	await n8n.installPackage(tarball);
	const { id, name } = CREDENTIALS.good;
	const data = {
		accessToken: TOKEN,
		environment: 'custom',
		baseUrl: double.url,
		organizationId: '',
	};
	// Outside the user folder, so the leak check sees only what n8n itself wrote.
	const credentialFile = join(dir, 'credentials.json');
	writeFileSync(credentialFile, JSON.stringify([{ id, name, type: 'polarApi', data }]), {
		mode: 0o600,
	});
	await n8n.importCredentials(credentialFile);
	rmSync(credentialFile);
	await n8n.importWorkflow(join(__dirname, 'workflows', 'customer-lifecycle.json'));
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await double?.close();
	rmSync(dir, { recursive: true, force: true });
});

test('create by external ID, portal session, state, update, delete: each node’s output and request', async () => {
	double.reset();
	const run = await n8n.execute(WORKFLOW);
	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');

	const nodes = [
		'Create customer',
		'Create portal session',
		'Get state',
		'Update customer',
		'Delete customer',
	];
	// One item through the chain, each paired with the one before it.
	for (const node of nodes) expect(pairedWith(items(run, node))).toEqual([0]);

	const [created] = items(run, 'Create customer');
	expect(created.json).toMatchObject({
		type: 'individual',
		email: 'lifecycle@e2e.example',
		external_id: EXTERNAL_ID,
		name: 'Lin Lifecycle',
		locale: 'en-GB',
		metadata: { plan: 'trial' },
	});
	const id = String(created.json.id);

	const [session] = items(run, 'Create portal session');
	expect(session.json).toMatchObject({
		customer_id: id,
		customer_external_id: EXTERNAL_ID,
		customer_email: 'lifecycle@e2e.example',
		return_url: 'https://app.e2e.example/account',
	});
	expect(session.json.customer_portal_url).toContain(String(session.json.token));
	expect(double.sessions.map((each) => each.id)).toEqual([session.json.id]);

	const [state] = items(run, 'Get state');
	expect(state.json).toMatchObject({
		id,
		external_id: EXTERNAL_ID,
		active_subscriptions: [],
		granted_benefits: [],
		active_meters: [],
	});

	const [updated] = items(run, 'Update customer');
	expect(updated.json).toMatchObject({
		id,
		name: 'Lin Renamed',
		metadata: { plan: 'pro', portal: session.json.id },
		modified_at: expect.any(String),
	});

	expect(items(run, 'Delete customer').map((item) => item.json)).toEqual([{ deleted: true, id }]);

	// What Polar received, in order: each customer endpoint, By External ID where chosen.
	expect(double.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
		[
			'POST',
			'/v1/customers/',
			{},
			{
				type: 'individual',
				email: 'lifecycle@e2e.example',
				external_id: EXTERNAL_ID,
				name: 'Lin Lifecycle',
				locale: 'en-GB',
				metadata: { plan: 'trial' },
			},
		],
		[
			'POST',
			'/v1/customer-sessions/',
			{},
			{ external_customer_id: EXTERNAL_ID, return_url: 'https://app.e2e.example/account' },
		],
		['GET', `/v1/customers/external/${EXTERNAL_ID}/state`, {}, undefined],
		[
			'PATCH',
			`/v1/customers/external/${EXTERNAL_ID}`,
			{},
			{ name: 'Lin Renamed', metadata: { plan: 'pro', portal: session.json.id } },
		],
		['DELETE', `/v1/customers/${id}`, { anonymize: 'true' }, undefined],
	]);
	expect(double.requests.map((r) => r.status)).toEqual([201, 201, 200, 200, 204]);
	expect(double.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
	expect(double.violations).toEqual([]);
	// The customer is gone from Polar.
	const after = await fetch(`${double.url}/v1/customers/${id}`, {
		headers: { authorization: `Bearer ${TOKEN}`, 'polar-version': '2026-04' },
	});
	expect(after.status).toBe(404);

	// The token is in no output item of any node.
	expect(JSON.stringify(run)).not.toContain(TOKEN);
});

test('the token appears nowhere in n8n’s output or files', async () => {
	await n8n.stop();
	expect(transcript.join('\n')).toContain('polar_cst_'); // the check sees n8n's output
	expect(transcript.join('\n')).not.toContain(TOKEN);
	expect(filesContaining(n8n.userFolder, TOKEN)).toEqual([]);
});
