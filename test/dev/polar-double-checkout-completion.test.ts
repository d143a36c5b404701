// A buyer completing a checkout at the double, over real HTTP, and what Polar's server then does
// (server/polar/checkout/service.py confirm and handle_success, order/service.py,
// subscription/service.py): the order, the subscription, the customer and the signed webhooks.

import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Webhook } from 'standardwebhooks';

import {
	CHECKOUT_TTL_SECONDS,
	CONTROL_PREFIX,
	DISCOUNT_IDS,
	FIXTURE_IDS,
	PRODUCT_IDS,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';

const TOKEN = 'polar_oat_double_completion';

let double: PolarDouble;
beforeAll(async () => {
	double = await startPolarDouble({
		// The test's receiver listens on 127.0.0.1: Polar itself would refuse that URL.
		webhookUrls: 'allow-loopback',
		tokens: {
			[TOKEN]: [
				'checkouts:write',
				'orders:read',
				'subscriptions:read',
				'customers:read',
				'webhooks:write',
			],
		},
	});
});
afterEach(async () => {
	await Promise.all(receivers.splice(0).map((r) => r.close()));
	const violations = double.violations.map((v) => v.message);
	double.reset();
	expect(violations).toEqual([]);
});
afterAll(async () => await double.close());

async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${double.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${TOKEN}`,
			'content-type': 'application/json',
			'polar-version': '2026-04',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const complete = (id: string, buyer: Record<string, unknown> = {}) =>
	call('POST', `${CONTROL_PREFIX}checkouts/${id}/complete`, buyer);

const createCheckout = async (body: Record<string, unknown>) => {
	const { status, json } = await call('POST', '/v1/checkouts/', body);
	expect(status).toBe(201);
	return json!;
};

interface Receiver {
	url: string;
	received: Array<{ headers: IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}
const receivers: Receiver[] = [];

async function receiver(): Promise<Receiver> {
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			r.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const r: Receiver = {
		url: `http://127.0.0.1:${port}/webhook/polar`,
		received: [],
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
	receivers.push(r);
	return r;
}

/** An endpoint at the double for these events, registered over HTTP as a merchant would. */
async function endpointFor(url: string, events: string[]) {
	const { status, json } = await call('POST', '/v1/webhooks/endpoints', {
		url,
		format: 'raw',
		events,
	});
	expect(status).toBe(201);
	return json!;
}

async function receivedCount(r: Receiver, count: number): Promise<void> {
	for (let i = 0; i < 200 && r.received.length < count; i++)
		await new Promise((resolve) => setTimeout(resolve, 10));
	expect(r.received).toHaveLength(count);
}

/** The spec's payload schema of a webhook event type, e.g. WebhookOrderPaidPayload. */
const payloadSchema = (type: string) =>
	`Webhook${type
		.split(/[._]/)
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join('')}Payload`;

describe('completing a checkout at the double', () => {
	it('a recurring product: one paid order and one active subscription, readable through the API', async () => {
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.proMonthly],
			customer_id: FIXTURE_IDS.ada,
			discount_id: DISCOUNT_IDS.launch,
			metadata: { campaign: 'spring' },
		});
		const { status, json } = await complete(checkout.id);
		expect(status).toBe(200);
		const { order, subscription } = json!;

		const gotOrder = await call('GET', `/v1/orders/${order.id}`);
		expect(gotOrder.status).toBe(200);
		expect(gotOrder.json).toMatchObject({
			status: 'paid',
			paid: true,
			customer_id: FIXTURE_IDS.ada,
			product_id: PRODUCT_IDS.proMonthly,
			checkout_id: checkout.id,
			subscription_id: subscription.id,
			billing_reason: 'subscription_create',
			subtotal_amount: checkout.amount,
			discount_amount: checkout.discount_amount,
			net_amount: checkout.net_amount,
			discount_id: DISCOUNT_IDS.launch,
			metadata: { campaign: 'spring' },
		});
		expect(checkout.discount_amount).toBeGreaterThan(0);

		const gotSubscription = await call('GET', `/v1/subscriptions/${subscription.id}`);
		expect(gotSubscription.status).toBe(200);
		const sub = gotSubscription.json!;
		expect(sub).toMatchObject({
			status: 'active',
			customer_id: FIXTURE_IDS.ada,
			product_id: PRODUCT_IDS.proMonthly,
			checkout_id: checkout.id,
			recurring_interval: 'month',
		});
		// A month's period: 28 to 31 days from its start, the start being the completion.
		const days =
			(Date.parse(sub.current_period_end) - Date.parse(sub.current_period_start)) / 86_400_000;
		expect(days).toBeGreaterThanOrEqual(28);
		expect(days).toBeLessThanOrEqual(31);
		const byCheckout = await call('GET', `/v1/orders/?checkout_id=${checkout.id}`);
		expect(byCheckout.json!.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
		const subscriptionsNow = await call(
			'GET',
			`/v1/subscriptions/?customer_id=${FIXTURE_IDS.ada}&limit=100`,
		);
		expect(
			subscriptionsNow.json!.items.filter(
				(s: { checkout_id: string }) => s.checkout_id === checkout.id,
			),
		).toHaveLength(1);

		const checkoutNow = await call('GET', `/v1/checkouts/${checkout.id}`);
		expect(checkoutNow.json!.status).toBe('succeeded');
		double.subscriptions.restore();
	});

	it('sends order.paid to the endpoint registered for it, signed, its data the order', async () => {
		const r = await receiver();
		const endpoint = await endpointFor(r.url, ['order.paid']);
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.proMonthly],
			customer_id: FIXTURE_IDS.grace,
		});
		const { json } = await complete(checkout.id);
		await receivedCount(r, 1);

		const payload = new Webhook(endpoint.secret).verify(
			r.received[0].body,
			r.received[0].headers as Record<string, string>,
		) as { type: string; data: Record<string, unknown> };
		expect(payload.type).toBe('order.paid');
		const gotOrder = await call('GET', `/v1/orders/${json!.order.id}`);
		expect(payload.data).toEqual(gotOrder.json);
		expect(polarSpec().checkSchema('WebhookOrderPaidPayload', payload)).toEqual([]);
		double.subscriptions.restore();
	});

	it('sends every event Polar sends, in Polar’s order, each valid by the spec’s payload schema', async () => {
		const r = await receiver();
		const types = [
			'checkout.updated',
			'customer.created',
			'order.created',
			'order.updated',
			'order.paid',
			'subscription.created',
			'subscription.active',
			'subscription.updated',
		];
		await endpointFor(r.url, types);
		// Another endpoint, not subscribed to these events, gets none.
		const other = await receiver();
		await endpointFor(other.url, ['refund.created']);
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.teamYearly],
			external_customer_id: 'usr_new_buyer',
			customer_email: 'new.buyer@example.com',
		});
		const done = await double.completeCheckout(checkout.id);
		expect(done.status).toBe(200);
		const received = r.received.map((d) => JSON.parse(d.body) as { type: string });
		expect(received.map((e) => e.type)).toEqual([
			'checkout.updated',
			'customer.created',
			'subscription.created',
			'subscription.active',
			'subscription.updated',
			'order.created',
			'order.updated',
			'order.paid',
			'checkout.updated',
		]);
		for (const event of received)
			expect([event.type, polarSpec().checkSchema(payloadSchema(event.type), event)]).toEqual([
				event.type,
				[],
			]);
		expect(other.received).toEqual([]);
		double.subscriptions.restore();
	});

	it('a one-time product makes an order and no subscription', async () => {
		const before = double.subscriptions.subscriptions.length;
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.ebook],
			customer_id: FIXTURE_IDS.ada,
		});
		const { status, json } = await complete(checkout.id);
		expect(status).toBe(200);
		expect(json!.subscription).toBeNull();
		const gotOrder = await call('GET', `/v1/orders/${json!.order.id}`);
		expect(gotOrder.json).toMatchObject({
			billing_reason: 'purchase',
			subscription_id: null,
			checkout_id: checkout.id,
			status: 'paid',
		});
		expect(double.subscriptions.subscriptions).toHaveLength(before);
	});

	it('refuses an expired checkout as Polar does: 410 ExpiredCheckoutError, nothing made', async () => {
		const orders = double.orders.orders.length;
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.ebook],
			customer_id: FIXTURE_IDS.ada,
		});
		double.clock.advance((CHECKOUT_TTL_SECONDS + 1) * 1000);
		const { status, json } = await complete(checkout.id);
		expect(status).toBe(410);
		expect(json).toEqual({
			error: 'ExpiredCheckoutError',
			detail: 'This checkout session has expired.',
		});
		expect(double.orders.orders).toHaveLength(orders);
	});

	it('refuses a second completion as Polar refuses to confirm a checkout not open: 403 NotOpenCheckout', async () => {
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.ebook],
			customer_id: FIXTURE_IDS.ada,
		});
		expect((await complete(checkout.id)).status).toBe(200);
		const orders = double.orders.orders.length;
		const { status, json } = await complete(checkout.id);
		expect(status).toBe(403);
		expect(json).toEqual({
			error: 'NotOpenCheckout',
			detail: `Checkout ${checkout.id} is not open: succeeded`,
		});
		expect(double.orders.orders).toHaveLength(orders);
	});

	it('a new external customer ID creates the customer, with the checkout’s email, who owns the order', async () => {
		const checkout = await createCheckout({
			products: [PRODUCT_IDS.ebook],
			external_customer_id: 'usr_first_purchase',
		});
		expect(checkout.customer_id).toBeNull();
		expect((await call('GET', '/v1/customers/external/usr_first_purchase')).status).toBe(404);
		// The buyer types their email into the form.
		const { status, json } = await complete(checkout.id, {
			customer_email: 'first@example.com',
		});
		expect(status).toBe(200);
		const customer = await call('GET', '/v1/customers/external/usr_first_purchase');
		expect(customer.status).toBe(200);
		expect(customer.json).toMatchObject({
			external_id: 'usr_first_purchase',
			email: 'first@example.com',
		});
		expect(json!.order.customer_id).toBe(customer.json!.id);
		expect((await call('GET', `/v1/checkouts/${checkout.id}`)).json!.customer_id).toBe(
			customer.json!.id,
		);
	});

	it('needs an email when the checkout names no customer, as Polar’s confirm does', async () => {
		const checkout = await createCheckout({ products: [PRODUCT_IDS.ebook] });
		const { status, json } = await complete(checkout.id);
		expect(status).toBe(422);
		expect(json!.detail[0]).toMatchObject({ loc: ['body', 'customer_email'], type: 'missing' });
		expect((await call('GET', `/v1/checkouts/${checkout.id}`)).json!.status).toBe('open');
	});
});
