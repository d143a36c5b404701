// The revenue loop in a real n8n against the Polar double, with the workflows in revenue/:
// a checkout for a subscription opened by the node (`n8n execute`), the buyer completing it at
// the double (its control route plays Polar's checkout page and server: customer, subscription,
// paid order, signed webhooks); on the newest 2.x an active workflow (`n8n start`) that Polar's
// order.paid starts: the order, its invoice PDF as binary data and a portal session for its
// customer; then the subscription canceled at the period end, uncanceled and revoked. The last
// 1.x runs the checkout and subscription paths.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createN8nInstance, ensureN8n, type N8nInstance } from '../../dev/n8n';
import { PRODUCT_IDS, startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import { items, pairedWith } from './assertions';
import { editorApi, sleep, until } from './editorApi';
import { TRIGGER_VERSIONS } from './versions';

const CHECKOUT_WORKFLOW = 'e2eRevenueCheck1';
const ORDER_PAID_WORKFLOW = 'e2eRevenuePaid01';
const SUBSCRIPTION_WORKFLOW = 'e2eRevenueSubs01';
const ORDER_PAID_PATH = '3c7a9e1f-5b2d-4e8a-9c6f-1d2e3f4a5b6c/webhook';
/** Whom the checkout workflow sells to: a buyer Polar does not know yet, by your own ID. */
const BUYER = {
	externalId: 'usr_e2e_revenue',
	email: 'rosa@revenue.e2e.example',
	billingName: 'Revenue Labs Ltd',
};
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-revenue-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

type Json = Record<string, any>;

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	/** The order.paid workflow runs on 2.x only; 1.x runs the checkout and subscription paths. */
	const withTrigger = !version.startsWith('1.');
	const TOKEN = `polar_oat_e2e_revenue_${randomBytes(16).toString('hex')}`;
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-revenue-'));
	const transcript: string[] = [];
	let double: PolarDouble;
	let n8n: N8nInstance;
	/** What the checkout workflow opened, and what completing it made at Polar. */
	let checkout: Json;
	let completed: { checkout: Json; order: Json; subscription: Json; events: string[] };

	/** The requests the double received after `from` of them. */
	const requestsSince = (from: number) =>
		double.requests.slice(from).map((r) => [r.method, r.path, r.status]);

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		double = await startPolarDouble({
			// n8n (or the test's receiver) listens on 127.0.0.1: Polar itself would refuse that URL.
			webhookUrls: 'allow-loopback',
			tokens: {
				[TOKEN]: [
					'checkouts:write',
					'orders:read',
					'subscriptions:write',
					'customer_sessions:write',
					'webhooks:write',
				],
			},
		});
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
					id: 'e2eRevenueCred01',
					name: 'Polar (e2e, revenue)',
					type: 'polarApi',
					data: {
						accessToken: TOKEN,
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
		await n8n.importWorkflow(join(__dirname, 'revenue'));
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('Checkout → Create opens a checkout for the recurring product, for a buyer by external ID', async () => {
		const from = double.requests.length;
		const run = await n8n.execute(CHECKOUT_WORKFLOW);
		expect(run.data.resultData.error).toBeUndefined();
		const [item] = items(run, 'Create checkout');
		checkout = item.json;
		expect(checkout).toMatchObject({
			status: 'open',
			url: expect.stringContaining(String(checkout.client_secret)),
			product_id: PRODUCT_IDS.proMonthly,
			product: expect.objectContaining({ id: PRODUCT_IDS.proMonthly, is_recurring: true }),
			customer_id: null,
			external_customer_id: BUYER.externalId,
			customer_email: BUYER.email,
			customer_billing_name: BUYER.billingName,
			metadata: { campaign: 'e2e-spring' },
		});
		expect(requestsSince(from)).toEqual([['POST', '/v1/checkouts/', 201]]);
		expect(double.checkouts.find(String(checkout.id))?.record.status).toBe('open');
	});

	if (withTrigger) {
		test('activating the Order Paid workflow registers its endpoint at Polar for order.paid', async () => {
			await n8n.start();
			const { cookie } = await n8n.setupOwner(OWNER);
			expect((await editorApi(n8n, cookie).activate(ORDER_PAID_WORKFLOW)).status).toBe(200);
			// n8n 2.x publishes the activation in the background: the endpoint follows shortly.
			const endpoints = () =>
				[...double.webhooks.endpoints.values()].filter((e) => e.url.endsWith(ORDER_PAID_PATH));
			await until(() => endpoints().length > 0);
			expect(endpoints()).toEqual([
				expect.objectContaining({ events: ['order.paid'], format: 'raw', enabled: true }),
			]);
		});
	}

	test('the buyer completes the checkout: Polar makes the customer, the subscription and the paid order', async () => {
		const response = await fetch(
			`${double.url}/__double/checkouts/${String(checkout.id)}/complete`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			},
		);
		expect(response.status).toBe(200);
		completed = (await response.json()) as typeof completed;
		const { order, subscription } = completed;
		expect(completed.checkout).toMatchObject({ id: checkout.id, status: 'succeeded' });
		expect(subscription).toMatchObject({
			status: 'active',
			product_id: PRODUCT_IDS.proMonthly,
			checkout_id: checkout.id,
			cancel_at_period_end: false,
			metadata: { campaign: 'e2e-spring' },
		});
		expect(order).toMatchObject({
			status: 'paid',
			checkout_id: checkout.id,
			subscription_id: subscription.id,
			customer_id: subscription.customer_id,
			billing_reason: 'subscription_create',
			billing_name: BUYER.billingName,
			customer: expect.objectContaining({ external_id: BUYER.externalId, email: BUYER.email }),
		});
		expect(completed.events).toEqual(
			expect.arrayContaining(['customer.created', 'subscription.created', 'order.paid']),
		);
	});

	if (withTrigger) {
		test('order.paid runs the workflow: the order, its invoice PDF as binary data, a portal session for its customer', async () => {
			const endpoint = [...double.webhooks.endpoints.values()].find((e) =>
				e.url.endsWith(ORDER_PAID_PATH),
			)!;
			const toEndpoint = () =>
				double.webhooks.deliveries.filter((d) => d.endpointId === endpoint.id);
			await until(() => toEndpoint().length > 0);
			// Until n8n has registered the webhook it answers 404; Polar tries again later.
			let delivery = toEndpoint()[0];
			for (let tries = 0; delivery.status === 404 && tries < 20; tries++) {
				await sleep(500);
				delivery = await double.webhooks.retry(delivery.webhookId);
			}
			expect(`${delivery.status} ${delivery.responseBody}`).toMatch(/^200 /);
			// Of the events the completion published, the endpoint gets the one it subscribed to.
			expect(new Set(toEndpoint().map((d) => d.type))).toEqual(new Set(['order.paid']));

			const { cookie } = await n8n.login(OWNER.email, OWNER.password);
			const api = editorApi(n8n, cookie);
			const runs = await api.finishedExecutions(ORDER_PAID_WORKFLOW, 1);
			expect(runs.map((run) => run.status)).toEqual(['success']);
			const run = await api.execution(runs[0].id);
			const { order, subscription } = completed;
			const customerId = String(order.customer_id);

			const [event] = items(run, 'Order paid').map((item) => item.json);
			expect(event).toMatchObject({
				type: 'order.paid',
				data: expect.objectContaining({ id: order.id, checkout_id: checkout.id, status: 'paid' }),
			});

			const [fetched] = items(run, 'Get order').map((item) => item.json);
			expect(fetched).toMatchObject({
				id: order.id,
				status: 'paid',
				customer_id: customerId,
				subscription_id: subscription.id,
				checkout_id: checkout.id,
				billing_name: BUYER.billingName,
				billing_address: expect.objectContaining({ country: 'GB', city: 'London' }),
			});

			const [invoice] = items(run, 'Get invoice');
			expect(invoice.json).toEqual({ order_id: order.id, url: expect.any(String) });
			expect(invoice.binary?.invoice).toMatchObject({
				mimeType: 'application/pdf',
				fileName: `Invoice-${String(order.invoice_number)}.pdf`,
			});
			const pdf = await api.binary(invoice, 'invoice');
			expect(pdf.length).toBeGreaterThan(0);
			expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			// The double's invoice names its number and the billing name: this order's, no other.
			expect(pdf.toString('latin1')).toContain(
				`Invoice ${String(order.invoice_number)} for ${BUYER.billingName}`,
			);
			// Polar made the invoice on request; its PDF came from the presigned URL, with no token.
			expect(double.orders.downloads).toEqual([
				{ path: expect.stringContaining(`invoices/${String(order.id)}/`), authorization: false },
			]);

			const [session] = items(run, 'Create portal session').map((item) => item.json);
			expect(session).toMatchObject({
				customer_id: customerId,
				customer_external_id: BUYER.externalId,
				customer_email: BUYER.email,
				return_url: 'https://app.revenue.e2e.example/account',
			});
			expect(String(session.customer_portal_url)).toContain(String(session.token));
			expect(double.sessions.map((s) => [s.id, s.customer_id])).toEqual([[session.id, customerId]]);

			for (const node of ['Get order', 'Get invoice', 'Create portal session'])
				expect(pairedWith(items(run, node))).toEqual([0]);
			expect(double.violations).toEqual([]);
			await n8n.stop(); // the next workflow runs with `n8n execute`, alone on the database
		});
	}

	test('Subscription: canceled at the period end with the reason, uncanceled, revoked now', async () => {
		const { subscription } = completed;
		const from = double.requests.length;
		const before = Date.now();
		const run = await n8n.execute(SUBSCRIPTION_WORKFLOW);
		expect(run.data.resultData.error).toBeUndefined();
		const output = (node: string) => items(run, node).map((item) => item.json);

		expect(output('Find subscription')).toEqual([
			expect.objectContaining({ id: subscription.id, status: 'active' }),
		]);
		const [canceling] = output('Cancel at period end');
		expect(canceling).toMatchObject({
			id: subscription.id,
			status: 'active',
			cancel_at_period_end: true,
			ends_at: subscription.current_period_end,
			ended_at: null,
			customer_cancellation_reason: 'too_expensive',
			customer_cancellation_comment: 'Over budget this quarter',
		});
		expect(Date.parse(String(canceling.canceled_at))).toBeGreaterThanOrEqual(before - 1000);
		expect(output('Uncancel')).toEqual([
			expect.objectContaining({
				id: subscription.id,
				status: 'active',
				cancel_at_period_end: false,
				ends_at: null,
				canceled_at: null,
				customer_cancellation_reason: null,
				customer_cancellation_comment: null,
			}),
		]);
		const [revoked] = output('Revoke now');
		// Polar's _perform_cancellation, immediately: canceled, ending and ended now.
		expect(revoked).toMatchObject({
			id: subscription.id,
			status: 'canceled',
			cancel_at_period_end: false,
			customer_cancellation_reason: null,
		});
		expect(revoked.ended_at).toEqual(expect.any(String));
		expect(revoked.ends_at).toBe(revoked.ended_at);
		expect(revoked.canceled_at).toBe(revoked.ended_at);
		expect(Date.parse(String(revoked.ended_at))).toBeGreaterThanOrEqual(before - 1000);
		for (const node of ['Cancel at period end', 'Uncancel', 'Revoke now'])
			expect(pairedWith(items(run, node))).toEqual([0]);

		const path = `/v1/subscriptions/${String(subscription.id)}`;
		expect(requestsSince(from)).toEqual([
			['GET', '/v1/subscriptions/', 200],
			['PATCH', path, 200],
			['PATCH', path, 200],
			['DELETE', path, 200],
		]);
		expect(double.requests.slice(from).map((r) => r.body)).toEqual([
			undefined,
			{
				cancel_at_period_end: true,
				customer_cancellation_reason: 'too_expensive',
				customer_cancellation_comment: 'Over budget this quarter',
			},
			{ cancel_at_period_end: false },
			undefined,
		]);
		expect(double.subscriptions.find(String(subscription.id))).toMatchObject({
			status: 'canceled',
			ended_at: revoked.ended_at,
		});
		expect(double.violations).toEqual([]);
	});

	test('n8n printed no token', () => {
		expect(transcript.join('\n')).not.toContain(TOKEN);
	});
});
