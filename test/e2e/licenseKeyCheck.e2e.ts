// The license key example (examples/license-key-check.json) in a real n8n (`n8n start`), on the
// last 1.x and the newest 2.x: activated as it is, its webhook answers an app's license check.
// A valid key: 200 with valid: true and the key's customer, expiry and usage, one validation
// more at Polar. A revoked, expired or unknown key, or an unknown activation: 200 with valid:
// false and Polar's reason, and no failed execution. A malformed body: 400 naming the field,
// nothing sent to Polar, and a failed execution saying which field. Polar refusing the token:
// 502, never valid: false.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCredential } from '../../dev/demo/example';
import { createN8nInstance, ensureN8n, repoRoot, type N8nInstance } from '../../dev/n8n';
import {
	DEFAULT_TOKEN,
	DEFAULT_TOKEN_SCOPES,
	FIXTURE_IDS,
	LICENSE_KEY_IDS,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';
import { editorApi, sleep } from './editorApi';
import { TRIGGER_VERSIONS } from './versions';

const EXAMPLE_FILE = join(repoRoot(), 'examples', 'license-key-check.json');
const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as {
	id: string;
	nodes: Array<{ type: string; parameters: { path?: string } }>;
};
const WEBHOOK_PATH = EXAMPLE.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!
	.parameters.path!;
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-license-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};
/** Bodies with keys Polar does not accept (service.validate), and the reason the app gets. */
const REFUSED: Array<[Record<string, string>, string]> = [
	[{ key: 'POLAR-REVOKED-0003' }, 'License key is no longer active.'],
	[{ key: 'POLAR-EXPIRED-0004' }, 'License key has expired.'],
	[{ key: 'NO-SUCH-KEY' }, 'License key not found.'],
	[
		{ key: 'POLAR-LIMITED-0002', activation_id: '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00' },
		'License key or its activation not found.',
	],
];

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-license-'));
	let double: PolarDouble;
	let n8n: N8nInstance;
	let cookie: string;

	const validationsOf = (id: string) =>
		double.licenseKeys.find((key) => key.id === id)!.validations;
	const validateRequests = () =>
		double.requests.filter((request) => request.path === '/v1/license-keys/validate');

	/** POSTs a body to the example's production webhook, as an app would. */
	async function check(body: unknown): Promise<Answer> {
		const response = await fetch(`${n8n.url}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
	}

	const api = () => editorApi(n8n, cookie);
	/** The executions once `count` of them have finished, newest first. */
	const finishedExecutions = (count: number) => api().finishedExecutions(EXAMPLE.id, count);
	/** The error a failed execution ended with. */
	const executionError = async (id: string) =>
		(await api().execution(id)).data.resultData.error?.message;

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		// The example credential's token, allowed to validate license keys.
		double = await startPolarDouble({
			tokens: { [DEFAULT_TOKEN]: [...DEFAULT_TOKEN_SCOPES, 'license_keys:write'] },
		});
		n8n = await createN8nInstance({
			userFolder: join(dir, 'user'),
			installation: await ensureN8n({ version }),
		});
		await n8n.installPackage(tarball);
		const credentialFile = join(dir, 'credential.json');
		writeFileSync(
			credentialFile,
			JSON.stringify([exampleCredential({ kind: 'double' }, double.url)]),
			{ mode: 0o600 },
		);
		await n8n.importCredentials(credentialFile);
		rmSync(credentialFile);
		await n8n.importWorkflow(EXAMPLE_FILE); // the file as a user downloads it
		await n8n.start();
		cookie = (await n8n.setupOwner(OWNER)).cookie;
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('the example activates as it is', async () => {
		const stored = await n8n.rest('GET', `/rest/workflows/${EXAMPLE.id}`, undefined, cookie);
		const { versionId } = (stored.body as { data: { versionId: string } }).data;
		const activated = await n8n.rest(
			'POST',
			`/rest/workflows/${EXAMPLE.id}/activate`,
			{ versionId },
			cookie,
		);
		expect(activated.status).toBe(200);
	});

	test('a valid key: 200, valid: true with the customer, expiry and usage; Polar counted one validation', async () => {
		const before = validationsOf(LICENSE_KEY_IDS.active);
		// n8n 2.x registers the webhook in the background: until then it answers 404, running nothing.
		let answer = await check({ key: 'POLAR-ACTIVE-0001' });
		for (let tries = 0; answer.status === 404 && tries < 40; tries++) {
			await sleep(250);
			answer = await check({ key: 'POLAR-ACTIVE-0001' });
		}
		expect(answer).toEqual({
			status: 200,
			body: {
				valid: true,
				status: 'granted',
				customer: {
					id: FIXTURE_IDS.ada,
					email: expect.any(String),
					name: expect.any(String),
					external_id: expect.any(String),
				},
				expires_at: null,
				usage: 8,
				limit_usage: 10,
				validations: before + 1,
				limit_activations: null,
				activation: null,
			},
		});
		expect(validationsOf(LICENSE_KEY_IDS.active)).toBe(before + 1);
		expect(validateRequests().map((request) => request.body)).toEqual([
			{ key: 'POLAR-ACTIVE-0001', organization_id: FIXTURE_IDS.organization },
		]);
		expect(double.violations).toEqual([]);
	});

	test('a valid key with its activation ID: the activation in the answer', async () => {
		double.reset();
		const answer = await check({
			key: 'POLAR-LIMITED-0002',
			activation_id: LICENSE_KEY_IDS.activation,
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			valid: true,
			limit_activations: 1,
			activation: { id: LICENSE_KEY_IDS.activation, label: 'laptop' },
		});
		expect(validateRequests()[0].body).toMatchObject({ activation_id: LICENSE_KEY_IDS.activation });
	});

	test('a revoked, an expired, an unknown key and an unknown activation: 200, valid: false with Polar’s reason, and no failed execution', async () => {
		const before = (await finishedExecutions(2)).length;
		double.reset();
		const answers: Answer[] = [];
		for (const [body] of REFUSED) answers.push(await check(body));
		expect(answers).toEqual(
			REFUSED.map(([, reason]) => ({ status: 200, body: { valid: false, reason } })),
		);
		expect(validateRequests().map((request) => request.status)).toEqual([404, 404, 404, 404]);
		expect(validationsOf(LICENSE_KEY_IDS.revoked)).toBe(0);
		const runs = await finishedExecutions(before + REFUSED.length);
		expect(runs.map((run) => run.status)).toEqual(Array(before + REFUSED.length).fill('success'));
	});

	test('a malformed body: 400 naming the field, nothing sent to Polar, a failed execution saying which field', async () => {
		const before = (await finishedExecutions(2 + REFUSED.length)).length;
		double.reset();
		const noKey = await check({ licence: 'POLAR-ACTIVE-0001' });
		const badActivation = await check({ key: 'POLAR-ACTIVE-0001', activation_id: 'laptop' });
		expect([noKey, badActivation]).toEqual([
			{ status: 400, body: { error: 'Key is empty [item 0]' } },
			{
				status: 400,
				body: {
					error: expect.stringMatching(/^Activation ID "laptop" is not a Polar ID .*\[item 0\]$/),
				},
			},
		]);
		expect(double.requests).toEqual([]);
		const runs = (await finishedExecutions(before + 2)).slice(0, 2);
		expect(runs.map((run) => run.status)).toEqual(['error', 'error']);
		const errors = await Promise.all(runs.map((run) => executionError(run.id)));
		expect(errors.sort()).toEqual([badActivation.body.error, noKey.body.error].sort());
	});

	test('Polar refusing the token: 502 with the reason, never valid: false', async () => {
		const credential = exampleCredential({ kind: 'double' }, double.url);
		const withToken = (accessToken: string) =>
			n8n.rest(
				'PATCH',
				`/rest/credentials/${credential.id}`,
				{ ...credential, data: { ...credential.data, accessToken } },
				cookie,
			);
		const revoked = `polar_oat_e2e_revoked_${randomBytes(16).toString('hex')}`;
		expect((await withToken(revoked)).status).toBe(200);
		try {
			const answer = await check({ key: 'POLAR-ACTIVE-0001' });
			expect(answer.status).toBe(502);
			expect(answer.body.valid).toBeUndefined();
			expect(String(answer.body.error)).toMatch(/401/);
			expect(JSON.stringify(answer.body)).not.toContain(revoked);
		} finally {
			expect((await withToken(credential.data.accessToken)).status).toBe(200);
		}
	});
});
