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
import type { N8nExecution } from '../../dev/n8n';
import {
	DEFAULT_TOKEN,
	DEFAULT_TOKEN_SCOPES,
	PRODUCT_IDS,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';
import { items, pairedWith } from './assertions';
import { expectedMessage, parisYesterday, seedYesterday } from './dailyRevenue';

const EXAMPLES_DIR = join(repoRoot(), 'examples');
/** Started by a webhook call, not by `n8n execute`: the e2e file named activates and calls it. */
const WEBHOOK_STARTED: Record<string, string> = {
	'order-paid-portal-link.json': 'trigger.e2e.ts',
	'license-key-check.json': 'licenseKeyCheck.e2e.ts',
	'refund-from-support.json': 'refundAndRetention.e2e.ts',
	'retention-discount.json': 'refundAndRetention.e2e.ts',
	'support-desk-cancellation.json': 'webhookExamples.e2e.ts',
	'invoice-to-accounting.json': 'webhookExamples.e2e.ts',
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

type Check = (run: N8nExecution, double: PolarDouble) => void;

/** A portal-link example: whose sessions it creates, whose items fail. */
function portalLinks(node: string, sessionsFor: string[], failedFor: string[]): Check {
	return (run) => {
		const sessions = items(run, node, 0);
		expect(sessions.map((item) => item.json.customer_external_id)).toEqual(sessionsFor);
		expect(
			sessions.every((item) => String(item.json.customer_portal_url).startsWith('https://')),
		).toBe(true);
		const failed = items(run, node, 1);
		expect(failed.map((item) => item.json.userId)).toEqual(failedFor);
		for (const item of failed)
			expect(item.json.message).toMatch(/^No Polar customer with external ID/);
	};
}

/** checkout-links.json: one checkout per lead, made for them, and an email a mail node sends. */
const checkoutsForLeads: Check = (run, double) => {
	const leads = items(run, 'Leads').map((item) => item.json);
	const bodies = double.requests
		.filter((request) => request.method === 'POST' && request.path === '/v1/checkouts/')
		.map((request) => request.body);
	expect(bodies).toEqual(
		leads.map((lead) => ({
			products: [PRODUCT_IDS.proMonthly],
			external_customer_id: lead.leadId,
			customer_email: lead.email,
			customer_name: lead.name,
			metadata: { lead_id: lead.leadId, lead_source: lead.source },
			success_url: 'https://example.com/welcome?checkout_id={CHECKOUT_ID}',
		})),
	);
	const emails = items(run, 'Email for the lead');
	expect(pairedWith(emails)).toEqual(leads.map((_, index) => index));
	const open = double.checkouts.checkouts;
	expect(emails.map((email) => email.json.to)).toEqual(leads.map((lead) => lead.email));
	for (const [index, { json: email }] of emails.entries()) {
		// The link the lead gets opens that lead's checkout, still open, for another 24 hours.
		const checkout = open.find((each) => each.url === email.checkout_url);
		expect(checkout).toMatchObject({
			status: 'open',
			external_customer_id: leads[index].leadId,
			expires_at: email.expires_at,
		});
		const hoursLeft = (Date.parse(String(email.expires_at)) - Date.now()) / 3_600_000;
		expect(hoursLeft).toBeGreaterThan(23);
		expect(email.text).toContain(String(email.checkout_url));
		expect(email.text).toContain(new Date(String(email.expires_at)).toUTCString());
	}
};

/** daily-revenue.json: one message with yesterday's figures, from one metrics request. */
const revenueMessage: Check = (run, double) => {
	const message = items(run, 'Write the message', 0);
	expect(message.map((item) => item.json.text)).toEqual([expectedMessage(double)]);
	// Yesterday's orders were counted: the figures are not all zero.
	expect(message[0].json.text).toMatch(/\$\d+\.\d\d revenue from [1-9]/);
	expect(double.requests.map((r) => [r.path, r.query.start_date, r.query.timezone])).toEqual([
		['/v1/metrics/', parisYesterday(), 'Europe/Paris'],
	]);
};

/** What each example started by `n8n execute` does against the double. */
const EXPECTED: Record<string, Check> = {
	'customer-portal-links.json': portalLinks(
		'Create portal link',
		['usr_ada', 'usr_grace', 'team_acme'],
		[],
	),
	'failed-items-to-error-output.json': portalLinks(
		'Create portal session',
		['usr_ada', 'usr_grace'],
		['usr_never_paid'],
	),
	'checkout-links.json': checkoutsForLeads,
	'daily-revenue.json': revenueMessage,
};

/** Examples whose run needs data at the double first: yesterday's orders for the report. */
const SEEDS: Partial<Record<string, (double: PolarDouble) => void>> = {
	'daily-revenue.json': seedYesterday,
};

const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-examples-'));
let double: PolarDouble;
let n8n: N8nInstance | undefined;

beforeAll(async () => {
	const tarball = process.env.POLAR_E2E_TARBALL;
	if (!tarball) throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
	// The example credential's token, allowed what the examples do.
	double = await startPolarDouble({
		tokens: { [DEFAULT_TOKEN]: [...DEFAULT_TOKEN_SCOPES, 'checkouts:write', 'metrics:read'] },
	});
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

test.each(WORKFLOWS)('examples/%s runs and does what it says against the double', async (file) => {
	const { id } = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as { id: string };
	double.reset();
	SEEDS[file]?.(double);
	const run = await n8n!.execute(id);

	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	EXPECTED[file](run, double);
	expect(double.violations).toEqual([]);
});
