// The support desk examples in a real n8n (`n8n start`), on the last 1.x and the newest 2.x,
// activated as they are and called as a help desk or an app would call their webhooks:
// - examples/refund-from-support.json: a ticket's "12.50" is refunded as 1250 cents with Polar's
//   reason for the desk's; "full" refunds what is left; the same order again answers "already
//   fully refunded", and more than is left answers so, as refunded: false, never a failed
//   execution; a refund whose answer was lost is not sent again; a ticket delivered twice (its
//   ID the refund's Idempotency Key) makes one refund.
// - examples/retention-discount.json: a 30 % discount for 3 months, one redemption, for the
//   subscription's product, applied to the subscription, and the offer mail's fields; a second
//   request for the same subscription makes no second discount.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCredential } from '../../dev/demo/example';
import { createN8nInstance, ensureN8n, repoRoot, type N8nInstance } from '../../dev/n8n';
import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	PRODUCT_IDS,
	REFUNDABLE_ORDER_IDS,
	seedRefundableOrders,
	startPolarDouble,
	SUBSCRIPTION_IDS,
	type PolarDouble,
} from '../../dev/polar-double';
import { TRIGGER_VERSIONS } from './versions';

interface Example {
	file: string;
	id: string;
	path: string;
}

function example(file: string): Example {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as {
		id: string;
		nodes: Array<{ type: string; parameters: { path?: string } }>;
	};
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!;
	return { file, id: workflow.id, path: webhook.parameters.path! };
}

const REFUND = example(join(repoRoot(), 'examples', 'refund-from-support.json'));
const RETENTION = example(join(repoRoot(), 'examples', 'retention-discount.json'));
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-money-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-money-'));
	let double: PolarDouble;
	let n8n: N8nInstance;
	let cookie: string;

	/** POSTs a body to an example's production webhook, waiting out n8n 2.x's late registration. */
	async function call(target: Example, body: unknown): Promise<Answer> {
		for (let tries = 0; ; tries++) {
			const response = await fetch(`${n8n.url}/webhook/${target.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await response.text();
			if (response.status !== 404 || tries >= 40)
				return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
			await sleep(250);
		}
	}

	/** The statuses of an example's executions once `count` have finished. */
	async function finished(target: Example, count: number): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: target.id }));
		let statuses: string[] = [];
		for (let tries = 0; tries < 60; tries++) {
			const res = await n8n.rest('GET', `/rest/executions?filter=${filter}`, undefined, cookie);
			statuses = (res.body as { data: { results: Array<{ status: string }> } }).data.results.map(
				(execution) => execution.status,
			);
			if (statuses.length >= count && statuses.every((s) => !['new', 'running'].includes(s))) break;
			await sleep(500);
		}
		return statuses;
	}

	const sent = () => double.requests.map((request) => `${request.method} ${request.path}`);
	const refundsOf = (order: string) => double.refunds.filter((r) => r.order_id === order);

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		// The example credential's token, with the scopes the README asks of both examples.
		double = await startPolarDouble({
			orders: seedRefundableOrders(FIXTURE_IDS.organization),
			tokens: {
				[DEFAULT_TOKEN]: ['orders:read', 'refunds:write', 'subscriptions:write', 'discounts:write'],
			},
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
		// The files as a user downloads them.
		await n8n.importWorkflow(REFUND.file);
		await n8n.importWorkflow(RETENTION.file);
		await n8n.start();
		cookie = (await n8n.setupOwner(OWNER)).cookie;
	}, 300_000);

	// Every request and answer of each test as Polar's spec has them (reset() clears the list).
	afterEach(() => expect(double.violations).toEqual([]));

	afterAll(async () => {
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test.each([REFUND, RETENTION])('$path: the example activates as it is', async ({ id }) => {
		const stored = await n8n.rest('GET', `/rest/workflows/${id}`, undefined, cookie);
		const { versionId } = (stored.body as { data: { versionId: string } }).data;
		const activated = await n8n.rest(
			'POST',
			`/rest/workflows/${id}/activate`,
			{ versionId },
			cookie,
		);
		expect(activated.status).toBe(200);
	});

	describe('refund from a support ticket', () => {
		const order = REFUNDABLE_ORDER_IDS.oneTime; // 29.00 USD with 5.80 USD tax

		test('"12.50" is refunded as 1250 cents, with Polar’s reason for the desk’s and the comment', async () => {
			double.reset();
			const answer = await call(REFUND, {
				order_id: order,
				amount: '12.50',
				reason: 'Charged twice',
				comment: 'Ticket #4521',
			});
			expect(answer).toEqual({
				status: 200,
				body: {
					refunded: true,
					order_id: order,
					refund_id: expect.any(String),
					amount: 1250,
					tax_amount: 250,
					currency: 'usd',
					reason: 'duplicate',
					status: 'succeeded',
					already_refunded: false,
				},
			});
			expect(double.requests.find((r) => r.method === 'POST')?.body).toEqual({
				order_id: order,
				reason: 'duplicate',
				comment: 'Ticket #4521',
				amount: 1250,
			});
			expect(refundsOf(order)).toEqual([
				expect.objectContaining({ id: answer.body.refund_id, amount: 1250, reason: 'duplicate' }),
			]);
			expect(double.orders.find(order)).toMatchObject({
				status: 'partially_refunded',
				refundable_amount: 1650,
			});
		});

		test('"full" refunds what is left; the same order again answers "already fully refunded", and no refund is sent', async () => {
			double.reset();
			const full = await call(REFUND, { order_id: order, amount: 'full', reason: 'not satisfied' });
			expect(full.body).toMatchObject({
				refunded: true,
				amount: 1650,
				reason: 'satisfaction_guarantee',
			});
			expect(double.orders.find(order)).toMatchObject({ status: 'refunded', refundable_amount: 0 });

			double.reset();
			const again = await call(REFUND, { order_id: order, amount: 'full', reason: 'outage' });
			const anAmount = await call(REFUND, { order_id: order, amount: '5', reason: 'fraud' });
			for (const answer of [again, anAmount]) {
				expect(answer).toEqual({
					status: 200,
					body: {
						refunded: false,
						order_id: order,
						message: `Order ${order} is already fully refunded`,
						description: expect.any(String),
					},
				});
			}
			// "full" reads the order and sends nothing; an amount is refused by Polar (403).
			expect(sent()).toEqual([
				`GET /v1/orders/${order}`,
				`GET /v1/orders/${order}`,
				'POST /v1/refunds/',
			]);
			expect(double.requests[2].status).toBe(403);
			expect(refundsOf(order).map((r) => r.amount)).toEqual([1650, 1250]);
		});

		test('more than is left answers what is left; nothing refunded', async () => {
			double.reset();
			const subscriptionOrder = REFUNDABLE_ORDER_IDS.subscription; // 19.00 USD
			const answer = await call(REFUND, {
				order_id: subscriptionOrder,
				amount: '50',
				reason: 'changed mind',
			});
			expect(answer.body).toEqual({
				refunded: false,
				order_id: subscriptionOrder,
				message: `A refund of 50.00 USD is more than order ${subscriptionOrder} has left to refund (19.00 USD)`,
				description: expect.stringMatching(/^Amounts are before tax/),
			});
			expect(refundsOf(subscriptionOrder)).toEqual([]);
		});

		test('a refund whose answer was lost is not sent again: one refund, and the desk is told to check', async () => {
			double.reset();
			const subscriptionOrder = REFUNDABLE_ORDER_IDS.subscription;
			double.failNext('commit-then-502');
			const answer = await call(REFUND, {
				order_id: subscriptionOrder,
				amount: '1',
				reason: 'outage',
			});
			expect(answer.body).toMatchObject({
				refunded: false,
				description: expect.stringMatching(
					/Polar may have refunded 1\.00 USD on order .* The node did not send it again/,
				),
			});
			expect(sent().filter((request) => request.startsWith('POST'))).toHaveLength(1);
			expect(refundsOf(subscriptionOrder)).toEqual([
				expect.objectContaining({ amount: 100, reason: 'service_disruption' }),
			]);
		});

		test('a ticket delivered twice by its webhook: one refund, the second answer says so', async () => {
			double.reset();
			const partly = REFUNDABLE_ORDER_IDS.partiallyRefunded; // 100.00 USD, 40.00 refunded
			const before = refundsOf(partly).length;
			const ticket = { ticket_id: '4711', order_id: partly, amount: '5', reason: 'outage' };
			const first = await call(REFUND, ticket);
			const second = await call(REFUND, ticket);
			expect(first.body).toMatchObject({ refunded: true, amount: 500, already_refunded: false });
			expect(second.body).toEqual({ ...first.body, already_refunded: true });
			expect(sent().filter((request) => request.startsWith('POST'))).toHaveLength(1);
			expect(refundsOf(partly)).toHaveLength(before + 1);
			expect(refundsOf(partly)[0]).toMatchObject({
				id: first.body.refund_id,
				metadata: { idempotency_key: '4711' },
			});
		});

		test('every ticket ran as a successful execution', async () => {
			expect(await finished(REFUND, 8)).toEqual(Array(8).fill('success'));
		});
	});

	describe('retention discount', () => {
		const subscription = SUBSCRIPTION_IDS.adaPro; // Ada, Pro Monthly, active
		const code = `STAY${subscription.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

		test('30 % for 3 months, one redemption, for the subscription’s product, applied; the offer mail’s fields', async () => {
			double.reset();
			const answer = await call(RETENTION, { subscription_id: subscription });
			const created = double.discounts.discounts.find((d) => d.code === code);
			expect(created).toMatchObject({
				type: 'percentage',
				basis_points: 3000,
				duration: 'repeating',
				duration_in_months: 3,
				max_redemptions: 1,
				redemptions_count: 1,
				products: [PRODUCT_IDS.proMonthly],
				metadata: { subscription_id: subscription },
			});
			expect(double.subscriptions.find(subscription)?.discount_id).toBe(created?.id);
			expect(answer).toEqual({
				status: 200,
				body: {
					offered: true,
					subscription_id: subscription,
					discount_id: created?.id,
					code,
					mail: {
						to: 'ada@example.com',
						subject: 'Before you go: 30 % off Pro Monthly for 3 months',
					},
				},
			});
		});

		test('the same subscription again: no second discount, the first stays applied', async () => {
			double.reset();
			const applied = double.subscriptions.find(subscription)?.discount_id;
			const answer = await call(RETENTION, { subscription_id: subscription });
			expect(answer.body).toEqual({
				offered: false,
				message: `Polar refused the discount: Another discount already has the code "${code}"`,
				description: expect.any(String),
			});
			expect(double.discounts.discounts.filter((d) => d.code === code)).toHaveLength(1);
			expect(sent().filter((request) => request.startsWith('PATCH'))).toEqual([]);
			expect(double.subscriptions.find(subscription)?.discount_id).toBe(applied);
		});

		test('a subscription Polar does not have: no offer, no discount', async () => {
			double.reset();
			const before = double.discounts.discounts.length;
			const answer = await call(RETENTION, {
				subscription_id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
			});
			expect(answer.body).toMatchObject({
				offered: false,
				message: expect.stringMatching(/subscription/i),
			});
			expect(double.discounts.discounts).toHaveLength(before);
			expect(await finished(RETENTION, 3)).toEqual(Array(3).fill('success'));
		});
	});
});
