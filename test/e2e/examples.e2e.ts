// Every workflow in examples/ imports into a real n8n and runs there against the Polar API double,
// with the example credential, as a user who downloads it would run it: none is only a file.

import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCredential } from '../../dev/demo/example';
import { createN8nInstance, ensureN8n, repoRoot, type N8nInstance } from '../../dev/n8n';
import { startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import { items } from './assertions';

const EXAMPLES_DIR = join(repoRoot(), 'examples');
/** Started by a webhook call, not by `n8n execute`: the e2e file named activates and calls it. */
const WEBHOOK_STARTED: Record<string, string> = {
	'order-paid-portal-link.json': 'trigger.e2e.ts',
	'license-key-check.json': 'licenseKeyCheck.e2e.ts',
};
/** Run twice by the e2e file named, which checks what Polar then holds. */
const RUN_ELSEWHERE: Record<string, string> = {
	'usage-billing.json': 'usageBilling.e2e.ts',
};
const TRIGGERED = Object.keys(WEBHOOK_STARTED);
const ELSEWHERE = [...TRIGGERED, ...Object.keys(RUN_ELSEWHERE)];
const ALL = readdirSync(EXAMPLES_DIR).filter(
	(file) => file.endsWith('.json') && !file.endsWith('.credential.json'),
);
const WORKFLOWS = ALL.filter((file) => !ELSEWHERE.includes(file));

/** What each example does against the double: whose sessions it creates, whose items fail. */
const EXPECTED: Record<string, { node: string; sessionsFor: string[]; failedFor: string[] }> = {
	'customer-portal-links.json': {
		node: 'Create portal link',
		sessionsFor: ['usr_ada', 'usr_grace', 'team_acme'],
		failedFor: [],
	},
	'failed-items-to-error-output.json': {
		node: 'Create portal session',
		sessionsFor: ['usr_ada', 'usr_grace'],
		failedFor: ['usr_never_paid'],
	},
};

const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-examples-'));
let double: PolarDouble;
let n8n: N8nInstance | undefined;

beforeAll(async () => {
	const tarball = process.env.POLAR_E2E_TARBALL;
	if (!tarball) throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
	double = await startPolarDouble();
	n8n = await createN8nInstance({ userFolder: join(dir, 'user'), installation: await ensureN8n() });
	await n8n.installPackage(tarball);
	const credentialFile = join(dir, 'credential.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([exampleCredential({ kind: 'double' }, double.url)]),
	);
	await n8n.importCredentials(credentialFile);
	// The files as they are, all in one import.
	const workflows = join(dir, 'workflows');
	mkdirSync(workflows);
	for (const file of WORKFLOWS) copyFileSync(join(EXAMPLES_DIR, file), join(workflows, file));
	await n8n.importWorkflow(workflows);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await double?.close();
	rmSync(dir, { recursive: true, force: true });
});

test('examples/ holds the workflows this file and the webhook e2e files know', () => {
	expect(ALL.sort()).toEqual([...Object.keys(EXPECTED), ...ELSEWHERE].sort());
	for (const [file, e2e] of Object.entries({ ...WEBHOOK_STARTED, ...RUN_ELSEWHERE }))
		expect(readFileSync(join(__dirname, e2e), 'utf8')).toContain(`'examples', '${file}'`);
});

test.each(WORKFLOWS)(
	'examples/%s runs: its sessions created, its failures on the error output',
	async (file) => {
		const { id } = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as { id: string };
		const expected = EXPECTED[file];
		double.reset();
		const run = await n8n!.execute(id);

		expect(run.data.resultData.error).toBeUndefined();
		expect(run.status).toBe('success');
		const sessions = items(run, expected.node, 0);
		expect(sessions.map((item) => item.json.customer_external_id)).toEqual(expected.sessionsFor);
		expect(
			sessions.every((item) => String(item.json.customer_portal_url).startsWith('https://')),
		).toBe(true);
		const failed = items(run, expected.node, 1);
		expect(failed.map((item) => item.json.userId)).toEqual(expected.failedFor);
		for (const item of failed)
			expect(item.json.message).toMatch(/^No Polar customer with external ID/);
		expect(double.violations).toEqual([]);
	},
);
