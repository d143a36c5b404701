// Two examples started by a webhook, in a real n8n (`n8n start`) on the last 1.x and the newest
// 2.x, activated as they are, against the Polar API double:
// - examples/support-desk-cancellation.json: a helpdesk posts a ticket; the customer's active
//   subscriptions, found by external ID or by email, are set to cancel at the period end with the
//   ticket's reason (mapped to Polar's) and text; the helpdesk is told what was done, that there
//   was nothing to cancel, or (400) that the ticket names no customer;
// - examples/invoice-to-accounting.json: a buyer completes a checkout, Polar sends order.paid,
//   and the order's invoice PDF lands in the accounting folder.

import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCredential } from '../../dev/demo/example';
import { createN8nInstance, ensureN8n, repoRoot, type N8nInstance } from '../../dev/n8n';
import {
	DEFAULT_TOKEN,
	DEFAULT_TOKEN_SCOPES,
	FIXTURE_IDS,
	POLAR_API_VERSION,
	PRODUCT_IDS,
	startPolarDouble,
	SUBSCRIPTION_IDS,
	type PolarDouble,
} from '../../dev/polar-double';
import { TRIGGER_VERSIONS } from './versions';

const SUPPORT_FILE = join(repoRoot(), 'examples', 'support-desk-cancellation.json');
const INVOICE_FILE = join(repoRoot(), 'examples', 'invoice-to-accounting.json');

interface ExampleFile {
	id: string;
	nodes: Array<{ type: string; parameters: { path?: string; fileName?: string } }>;
}
const SUPPORT = JSON.parse(readFileSync(SUPPORT_FILE, 'utf8')) as ExampleFile;
const INVOICE = JSON.parse(readFileSync(INVOICE_FILE, 'utf8')) as ExampleFile;
const TICKET_PATH = SUPPORT.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!.parameters
	.path!;
/** The folder the invoice example writes to, relative to where n8n runs. */
const INBOX = /^=?(.*)\/\{\{/.exec(
	INVOICE.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile')!.parameters.fileName!,
)![1];

const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-examples-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

interface ExecutionSummary {
	id: string;
	status: string;
}

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-webhook-examples-'));
	const userFolder = join(dir, 'user');
	const inbox = join(userFolder, INBOX);
	let double: PolarDouble;
	let n8n: N8nInstance;
	let cookie: string;

	const subscription = (id: string) => double.subscriptions.find(id)!;
	/** The requests the double received from `from` on, the trigger's own endpoint checks aside. */
	const requestsSince = (from: number) =>
		double.requests
			.slice(from)
			.filter((request) => !request.path.startsWith('/v1/webhooks/'))
			.map(({ method, path, query, body }) => ({ method, path, query, body }));
	const cancellations = (from: number) =>
		requestsSince(from).filter((request) => request.method === 'PATCH');

	/** POSTs a ticket to the support example's production webhook, as a helpdesk would. */
	async function postTicket(body: unknown): Promise<Answer> {
		const response = await fetch(`${n8n.url}/webhook/${TICKET_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
	}

	async function executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await n8n.rest('GET', `/rest/executions?filter=${filter}`, undefined, cookie);
		return (res.body as { data: { results: ExecutionSummary[] } }).data.results;
	}

	async function finishedExecutions(workflowId: string, count: number) {
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

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		// The example credential's token, with the scopes the two examples' sticky notes ask for.
		double = await startPolarDouble({
			// n8n (or the test's receiver) listens on 127.0.0.1: Polar itself would refuse that URL.
			webhookUrls: 'allow-loopback',
			tokens: {
				[DEFAULT_TOKEN]: [
					...DEFAULT_TOKEN_SCOPES,
					'subscriptions:read',
					'subscriptions:write',
					'webhooks:write',
					'orders:read',
					'checkouts:write',
				],
			},
		});
		n8n = await createN8nInstance({ userFolder, installation: await ensureN8n({ version }) });
		await n8n.installPackage(tarball);
		const credentialFile = join(dir, 'credential.json');
		writeFileSync(
			credentialFile,
			JSON.stringify([exampleCredential({ kind: 'double' }, double.url)]),
			{ mode: 0o600 },
		);
		await n8n.importCredentials(credentialFile);
		rmSync(credentialFile);
		await n8n.importWorkflow(SUPPORT_FILE); // the files as a user downloads them
		await n8n.importWorkflow(INVOICE_FILE);
		// As the invoice example's sticky note says: the folder exists, and n8n 2.x may write there.
		mkdirSync(inbox, { recursive: true });
		await n8n.start({ env: { N8N_RESTRICT_FILE_ACCESS_TO: join(userFolder, '.n8n-files') } });
		cookie = (await n8n.setupOwner(OWNER)).cookie;
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('both examples activate as they are', async () => {
		expect((await activate(SUPPORT.id)).status).toBe(200);
		expect((await activate(INVOICE.id)).status).toBe(200);
		// n8n 2.x publishes the activation in the background: the trigger's endpoint follows shortly.
		for (let tries = 0; double.webhooks.endpoints.size === 0 && tries < 40; tries++)
			await sleep(250);
		expect([...double.webhooks.endpoints.values()].map((e) => e.events)).toEqual([['order.paid']]);
	});

	describe('support desk cancellation', () => {
		beforeEach(() => double.subscriptions.restore());

		test('a ticket by external ID: the active subscription ends at its period end, with the reason and the ticket text', async () => {
			const from = double.requests.length;
			const message = 'We moved to a cheaper plan elsewhere.';
			const ticket = {
				ticket_id: 'T-4711',
				external_customer_id: 'usr_ada',
				reason: 'Too expensive',
				message,
			};
			// n8n 2.x registers the webhook in the background: until then it answers 404, running nothing.
			let answer = await postTicket(ticket);
			for (let tries = 0; answer.status === 404 && tries < 40; tries++) {
				await sleep(250);
				answer = await postTicket(ticket);
			}
			const canceled = subscription(SUBSCRIPTION_IDS.adaPro);
			expect(canceled).toMatchObject({
				status: 'active',
				cancel_at_period_end: true,
				ends_at: canceled.current_period_end,
				customer_cancellation_reason: 'too_expensive',
				customer_cancellation_comment: message,
			});
			expect(answer).toEqual({
				status: 200,
				body: {
					ticket_id: 'T-4711',
					result: 'canceled_at_period_end',
					subscriptions: [
						{
							id: SUBSCRIPTION_IDS.adaPro,
							product: 'Pro Monthly',
							status: 'active',
							ends_at: canceled.current_period_end,
							reason: 'too_expensive',
						},
					],
					message: expect.stringMatching(
						/^Canceled 1 subscription\(s\) of external customer ID "usr_ada"/,
					),
				},
			});
			// Only the active one not yet ending was asked for; Ada's paused one is untouched.
			expect(requestsSince(from)[0]).toMatchObject({
				method: 'GET',
				path: '/v1/subscriptions/',
				query: { external_customer_id: 'usr_ada', active: 'true', cancel_at_period_end: 'false' },
			});
			expect(cancellations(from)).toEqual([
				{
					method: 'PATCH',
					path: `/v1/subscriptions/${SUBSCRIPTION_IDS.adaPro}`,
					query: {},
					body: {
						cancel_at_period_end: true,
						customer_cancellation_reason: 'too_expensive',
						customer_cancellation_comment: message,
					},
				},
			]);
			expect(subscription(SUBSCRIPTION_IDS.adaPaused).cancel_at_period_end).toBe(false);
			expect(double.violations).toEqual([]);
		});

		test('a ticket by email: the customer found by exact email, the subscription not yet ending canceled, the reason mapped', async () => {
			const from = double.requests.length;
			const answer = await postTicket({
				ticket_id: 'T-4712',
				email: 'grace.hopper@example.org',
				reason: 'competitor',
				message: 'Switching to another tool.',
			});
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({
				result: 'canceled_at_period_end',
				subscriptions: [{ id: SUBSCRIPTION_IDS.gracePending, reason: 'switched_service' }],
			});
			const requests = requestsSince(from);
			expect(requests.slice(0, 2)).toMatchObject([
				{ path: '/v1/customers/', query: { email: 'grace.hopper@example.org', limit: '1' } },
				{ path: '/v1/subscriptions/', query: { customer_id: FIXTURE_IDS.grace, active: 'true' } },
			]);
			expect(cancellations(from).map((request) => request.path)).toEqual([
				`/v1/subscriptions/${SUBSCRIPTION_IDS.gracePending}`,
			]);
			expect(subscription(SUBSCRIPTION_IDS.gracePending).customer_cancellation_reason).toBe(
				'switched_service',
			);
		});

		test('a reason Polar has no name for is sent as Other; a trialing subscription is canceled too', async () => {
			const from = double.requests.length;
			const answer = await postTicket({
				external_customer_id: 'team_acme',
				reason: 'Moving abroad',
				message: 'We close our office here.',
			});
			expect(answer.body).toMatchObject({
				ticket_id: null,
				result: 'canceled_at_period_end',
				subscriptions: [{ id: SUBSCRIPTION_IDS.acmeTrial, status: 'trialing', reason: 'other' }],
			});
			expect(cancellations(from)).toHaveLength(1);
		});

		test('nothing to cancel (only ended subscriptions, an unknown external ID, an unknown email): 200 saying so, nothing changed', async () => {
			const from = double.requests.length;
			const tickets = [
				{ ticket_id: 'T-1', email: 'alan@example.net', reason: 'unused' },
				{ ticket_id: 'T-2', external_customer_id: 'usr_nobody', reason: 'unused' },
				{ ticket_id: 'T-3', email: 'nobody@example.com', reason: 'unused' },
			];
			const answers: Answer[] = [];
			for (const ticket of tickets) answers.push(await postTicket(ticket));
			expect(answers).toEqual(
				tickets.map((ticket) => ({
					status: 200,
					body: {
						ticket_id: ticket.ticket_id,
						result: 'nothing_to_cancel',
						subscriptions: [],
						message: expect.stringContaining(
							ticket.email ? `email "${ticket.email}"` : `external customer ID "usr_nobody"`,
						),
					},
				})),
			);
			expect(cancellations(from)).toEqual([]);
			// An unknown email never reaches a subscription list without a customer filter.
			expect(
				requestsSince(from).filter(
					(request) =>
						request.path === '/v1/subscriptions/' &&
						!request.query.customer_id &&
						!request.query.external_customer_id,
				),
			).toEqual([]);
		});

		test('a ticket naming no customer: 400, nothing sent to Polar', async () => {
			const from = double.requests.length;
			const answer = await postTicket({
				ticket_id: 'T-9',
				reason: 'too expensive',
				message: 'Cancel!',
			});
			expect(answer).toEqual({
				status: 400,
				body: {
					ticket_id: 'T-9',
					error: 'The ticket names no customer: send external_customer_id or email.',
				},
			});
			expect(requestsSince(from)).toEqual([]);
		});
	});

	test('invoice to accounting: a completed checkout’s order.paid puts its invoice PDF in the folder', async () => {
		// n8n 2.x publishes the activation in the background: the endpoint follows shortly.
		for (let tries = 0; double.webhooks.endpoints.size === 0 && tries < 40; tries++)
			await sleep(250);
		expect([...double.webhooks.endpoints.values()].map((e) => e.events)).toEqual([['order.paid']]);
		const created = await fetch(`${double.url}/v1/checkouts/`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${DEFAULT_TOKEN}`,
				'content-type': 'application/json',
				'polar-version': POLAR_API_VERSION,
			},
			body: JSON.stringify({
				products: [PRODUCT_IDS.ebook],
				customer_email: 'marie.curie@example.com',
				customer_name: 'Marie Curie',
				customer_billing_name: 'Curie Labs SARL',
				customer_billing_address: {
					country: 'FR',
					line1: '11 Rue Pierre et Marie Curie',
					city: 'Paris',
					postal_code: '75005',
				},
			}),
		});
		const checkout = (await created.json()) as { id: string };
		expect({ status: created.status, checkout }).toMatchObject({ status: 201 });
		// The buyer pays: Polar records the order and sends order.paid to the example's endpoint.
		const completed = await fetch(`${double.url}/__double/checkouts/${checkout.id}/complete`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(completed.status).toBe(200);
		const { order } = (await completed.json()) as {
			order: { id: string; invoice_number: string };
		};

		const [run] = await finishedExecutions(INVOICE.id, 1);
		expect(run.status).toBe('success');
		const file = join(inbox, `Invoice-${order.invoice_number}.pdf`);
		expect(readdirSync(inbox)).toEqual([`Invoice-${order.invoice_number}.pdf`]);
		expect(existsSync(file)).toBe(true);
		const pdf = readFileSync(file, 'latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
		expect(pdf).toContain(`Invoice ${order.invoice_number} for Curie Labs SARL`);
		expect(double.orders.downloads).toEqual([
			{ path: expect.stringContaining(order.id), authorization: false },
		]);
		expect(double.violations).toEqual([]);
	});
});
