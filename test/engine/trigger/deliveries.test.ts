// Deliveries to the Polar Trigger in n8n-core's real WebhookContext: verified with the secret and
// scheme Polar states for the endpoint (read from Polar, never stored in n8n), over the exact
// bytes, fresh, once.

import { forgetSecret, rememberSecret } from '../../../nodes/Polar/trigger/secrets';
import { POLAR_API_VERSION } from '../../../nodes/Polar/transport/servers';
import type { TriggerHarness } from '../../../dev/harness';
import type { DeliverOptions } from '../../../dev/polar-double';
import { ORDER_PAID, WEBHOOK_TOKEN, triggerSuite } from './fixtures';

const suite = triggerSuite();
/** The harness's trigger as the node keys its secret: workflow, node, production. */
const HARNESS_TRIGGER = ['harness-trigger-workflow', 'Polar Trigger', 'live'].join('\u0000');
const warnings = suite.warnings;

describe('Created in Polar’s Dashboard', () => {
	/** An endpoint the user made in Polar's dashboard, with the URL n8n shows. */
	const dashboardEndpoint = (url: string) => {
		const answer = suite.double.webhooks.handle(
			'create',
			{
				method: 'POST',
				path: '/v1/webhooks/endpoints',
				headers: {},
				body: { url, format: 'raw', events: ['order.paid'] },
			},
			[],
			() => undefined,
		);
		return JSON.parse(answer.body) as { id: string; secret: string };
	};

	it('registers nothing and verifies deliveries with the secret in a Polar Webhook Secret credential', async () => {
		const active = await suite.trigger(
			{ registration: 'manual', events: ['order.paid'] },
			{ webhookSecret: 'whsec_placeholder' },
		);
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(await active.deactivate()).toEqual({ ok: true, result: true });
		expect(suite.double.requests).toEqual([]);
		const endpoint = dashboardEndpoint(active.webhookUrl());
		const pasted = await suite.trigger(
			{ registration: 'manual', events: ['order.paid'] },
			{ webhookSecret: ` ${endpoint.secret} ` },
		);
		const toPasted = { url: pasted.webhookUrl() };
		const good = await suite.double.webhooks.deliver(endpoint.id, ORDER_PAID, toPasted);
		const bad = await suite.double.webhooks.deliver(endpoint.id, ORDER_PAID, {
			...toPasted,
			secret: 'whsec_someoneElsesSecret000000000000000000000',
		});
		expect([good.status, bad.status]).toEqual([200, 401]);
		expect(pasted.executions).toHaveLength(1);
		expect(JSON.stringify(pasted.staticData())).not.toContain(endpoint.secret);
	});

	it('a version 1 node keeps verifying with the secret in its Webhook Secret parameter', async () => {
		const v1 = await suite.trigger(
			{ registration: 'manual', events: ['order.paid'] },
			{ typeVersion: 1 },
		);
		const endpoint = dashboardEndpoint(v1.webhookUrl());
		v1.setParameters({ registration: 'manual', secret: endpoint.secret, events: ['order.paid'] });
		expect((await suite.double.webhooks.deliver(endpoint.id, ORDER_PAID)).status).toBe(200);
		expect(v1.executions).toHaveLength(1);
	});

	it('without a secret, every delivery is refused', async () => {
		const active = await suite.trigger({ registration: 'manual', events: ['order.paid'] });
		const endpoint = dashboardEndpoint(active.webhookUrl());
		const delivery = await suite.double.webhooks.deliver(endpoint.id, ORDER_PAID);
		expect(delivery.status).toBe(401);
		expect(JSON.parse(delivery.responseBody).error).toContain('no webhook secret');
	});
});

describe('verification of deliveries', () => {
	const now = () => Math.floor(Date.now() / 1000);
	let active: TriggerHarness;
	let endpointId: string;
	beforeEach(async () => {
		({ active, endpointId } = await suite.activeTrigger());
	});
	const deliver = (options: DeliverOptions = {}, event = ORDER_PAID) =>
		suite.double.webhooks.deliver(endpointId, event, options);

	it('a correctly signed delivery starts one execution with every top-level field of the event', async () => {
		const rawBody = JSON.stringify({ ...ORDER_PAID, api_version: '2026-04', extra: { a: 1 } });
		const delivery = await deliver({ rawBody });
		expect(delivery.status).toBe(200);
		expect(active.executions.map((e) => e.items.map((i) => i.json))).toEqual([
			[JSON.parse(rawBody)],
		]);
	});

	it('after a restart the secret is read from Polar once, not from n8n', async () => {
		forgetSecret(endpointId); // what a new n8n process knows
		suite.double.requests.length = 0;
		expect((await deliver()).status).toBe(200);
		expect((await deliver()).status).toBe(200);
		expect(suite.double.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1/webhooks/endpoints/${endpointId}`,
		]);
		expect(active.executions).toHaveLength(2);
	});

	it('a secret reset in Polar’s dashboard is picked up, at most one look-up a minute', async () => {
		const endpoint = suite.double.webhooks.endpoints.get(endpointId)!;
		const before = endpoint.secret;
		suite.double.webhooks.handle(
			'resetSecret',
			{
				method: 'PATCH',
				path: `/v1/webhooks/endpoints/${endpointId}/secret`,
				headers: {},
				body: {},
			},
			[],
			() => undefined,
		);
		expect(endpoint.secret).not.toBe(before);
		suite.double.requests.length = 0;
		// Within a minute of reading it, the old secret is kept: a forged delivery cannot make
		// the node ask Polar.
		expect((await deliver()).status).toBe(401);
		expect(suite.double.requests).toEqual([]);
		// A minute later (the secret as read at activation, aged by a minute).
		rememberSecret(HARNESS_TRIGGER, { ...endpoint, secret: before }, Date.now() - 61_000);
		expect((await deliver()).status).toBe(200);
		expect((await deliver()).status).toBe(200);
		expect(suite.double.requests).toHaveLength(1);
		expect(active.executions).toHaveLength(2);
	});

	it.each<[string, DeliverOptions]>([
		['signed with another secret', { secret: 'whsec_someoneElsesSecret000000000000000000000' }],
		['a tampered body', { tamper: (body) => body.replace('2500', '1') }],
		['a timestamp 6 minutes old', { timestamp: now() - 6 * 60 }],
		['a timestamp 6 minutes ahead', { timestamp: now() + 6 * 60 }],
		['no webhook-id', { omitHeaders: ['webhook-id'] }],
		['no webhook-timestamp', { omitHeaders: ['webhook-timestamp'] }],
		['no webhook-signature', { omitHeaders: ['webhook-signature'] }],
	])('%s is answered 401 and starts nothing', async (_case, options) => {
		const delivery = await deliver(options);
		expect(delivery.status).toBe(401);
		expect(JSON.parse(delivery.responseBody).error).toMatch(/^Invalid webhook signature: /);
		expect(active.executions).toHaveLength(0);
		expect(warnings.some((w) => w.startsWith('Polar Trigger rejected a delivery'))).toBe(true);
	});

	it('a timestamp 4 minutes old or ahead is still accepted (clock skew)', async () => {
		expect((await deliver({ timestamp: now() - 4 * 60 })).status).toBe(200);
		expect((await deliver({ timestamp: now() + 4 * 60 })).status).toBe(200);
		expect(active.executions).toHaveLength(2);
	});

	it('several signatures pass when any one is right, and fail when none is', async () => {
		const wrong = ['v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'v2,whatever'];
		expect((await deliver({ extraSignatures: wrong })).status).toBe(200);
		expect(active.executions).toHaveLength(1);
		const onlyWrong = await deliver({ secret: 'whsec_wrong', extraSignatures: wrong });
		expect(onlyWrong.status).toBe(401);
		expect(active.executions).toHaveLength(1);
	});

	it('an empty body: unsigned is 401, correctly signed is 400; neither starts anything', async () => {
		const unsigned = await deliver({ rawBody: '', secret: 'whsec_wrong' });
		const signed = await deliver({ rawBody: '' });
		expect([unsigned.status, signed.status]).toEqual([401, 400]);
		expect(active.executions).toHaveLength(0);
	});

	// Each body parses to data whose JSON.stringify differs from the bytes Polar signed: a node
	// that verified a re-serialisation of n8n's parsed body would reject every one of them.
	it.each([
		[
			'key order and spacing',
			'{ "data": {"total_amount": 2500, "id": "ord_1"},\n  "type": "order.paid", "timestamp": "2026-11-26T10:00:00Z" }',
		],
		[
			'Unicode escapes',
			'{"type":"order.paid","timestamp":"2026-11-26T10:00:00Z","data":{"customer_name":"Ren\\u00e9e \\ud83d\\ude00","note":"caf\u00e9 \\/ slash"}}',
		],
		[
			'large numbers and 1.0',
			'{"type":"order.paid","timestamp":"2026-11-26T10:00:00Z","data":{"big":12345678901234567890,"price":1.0,"tiny":1e-7}}',
		],
	])('the signature is checked over the exact bytes: %s', async (_case, rawBody) => {
		expect(JSON.stringify(JSON.parse(rawBody))).not.toBe(rawBody);
		const delivery = await deliver({ rawBody });
		expect(delivery.status).toBe(200);
		expect(active.executions.map((e) => e.items[0].json)).toEqual([JSON.parse(rawBody)]);
	});

	it('a replayed webhook-id is answered 200 and starts nothing; a forged replay is still 401', async () => {
		const webhookId = `msg_${Date.now()}`;
		const first = await deliver({ webhookId });
		const replay = await deliver({ webhookId });
		const forged = await deliver({ webhookId, secret: 'whsec_wrong' });
		expect([first.status, replay.status, forged.status]).toEqual([200, 200, 401]);
		expect(JSON.parse(replay.responseBody)).toEqual({ received: true, duplicate: true });
		expect(active.executions).toHaveLength(1);
	});

	it('a replay after 600 other deliveries is still refused', async () => {
		const webhookId = `msg_first_${Date.now()}`;
		expect((await deliver({ webhookId })).status).toBe(200);
		for (let i = 0; i < 600; i++) await deliver();
		const replay = await deliver({ webhookId });
		expect(JSON.parse(replay.responseBody)).toEqual({ received: true, duplicate: true });
		expect(active.executions).toHaveLength(601);
	}, 60_000);

	it('an event the user did not choose is answered 200 and starts nothing', async () => {
		const delivery = await deliver({}, { ...ORDER_PAID, type: 'order.refunded' });
		expect(delivery.status).toBe(200);
		expect(active.executions).toHaveLength(0);
	});

	it('the secret and the token appear in no output, answer or log line', async () => {
		await deliver();
		await deliver({ secret: 'whsec_wrong' });
		const { secret } = suite.double.webhooks.endpoints.get(endpointId)!;
		const seen = JSON.stringify([active.executions, suite.double.webhooks.deliveries, warnings]);
		expect(secret).toMatch(/^whsec_/);
		expect(seen).not.toContain(secret);
		expect(seen).not.toContain(WEBHOOK_TOKEN);
	});
});

describe('what a delivery outputs', () => {
	it('the event as Polar sent it, its API version (the node’s) included', async () => {
		const { active, endpointId } = await suite.activeTrigger(['order.paid']);
		await suite.double.webhooks.deliver(endpointId, ORDER_PAID);
		expect(active.executions.map((e) => e.items.map((i) => i.json))).toEqual([
			[{ ...ORDER_PAID, api_version: POLAR_API_VERSION }],
		]);
	});

	const MIGRATED = { id: 'sub_migrated_1', status: 'active' };
	const PROVIDER = { provider: 'stripe', provider_subscription_id: 'sub_1Stripe' };

	it.each([
		['the whole event', {}, { type: 'subscription.migrated', data: MIGRATED, ...PROVIDER }],
		['Output Only Data', { onlyData: true }, { ...MIGRATED, ...PROVIDER }],
	])(
		'subscription.migrated keeps provider and provider_subscription_id: %s',
		async (_case, options, expected) => {
			const { active } = await suite.activeTrigger(['subscription.migrated'], options);
			const [delivery] = await suite.double.webhooks.publish(
				'subscription.migrated',
				MIGRATED,
				PROVIDER,
			);
			expect(delivery.status).toBe(200);
			const [[item]] = active.executions.map((e) => e.items.map((i) => i.json));
			expect(item).toEqual(expect.objectContaining(expected));
			expect(suite.double.violations).toEqual([]);
		},
	);
});

describe('an event type newer than the node (a dashboard endpoint may subscribe to one)', () => {
	const NEWER = {
		type: 'payout.created',
		timestamp: '2027-02-01T10:00:00Z',
		api_version: POLAR_API_VERSION,
		payout: { id: 'po_1', amount: 10_000 },
	};
	/** A delivery of it to a dashboard endpoint, and the trigger that has its secret. */
	const deliverTo = async (events: string[]) => {
		const created = suite.double.webhooks.handle(
			'create',
			{
				method: 'POST',
				path: '/v1/webhooks/endpoints',
				headers: {},
				body: { url: 'https://n8n.example.com/webhook/x', format: 'raw', events: ['order.paid'] },
			},
			[],
			() => undefined,
		);
		const { id, secret } = JSON.parse(created.body) as { id: string; secret: string };
		const active = await suite.trigger(
			{ registration: 'manual', events },
			{ webhookSecret: secret },
		);
		const delivery = await suite.double.webhooks.deliver(
			id,
			{ type: NEWER.type, data: {} },
			{
				rawBody: JSON.stringify(NEWER),
				url: active.webhookUrl(),
			},
		);
		return { delivery, executions: active.executions };
	};

	it('with All Events, is answered 200 and runs the workflow with it', async () => {
		const { delivery, executions } = await deliverTo(['*']);
		expect(delivery.status).toBe(200);
		expect(executions.map((e) => e.items.map((i) => i.json))).toEqual([[NEWER]]);
	});

	it('with chosen events, is answered 200 and ignored', async () => {
		const { delivery, executions } = await deliverTo(['order.paid']);
		expect([delivery.status, JSON.parse(delivery.responseBody)]).toEqual([
			200,
			{ received: true, ignored: true },
		]);
		expect(executions).toEqual([]);
	});
});

it('Output Only Data outputs the event’s data alone', async () => {
	const { active, endpointId } = await suite.activeTrigger(['order.paid'], { onlyData: true });
	await suite.double.webhooks.deliver(endpointId, ORDER_PAID);
	expect(active.executions.map((e) => e.items.map((i) => i.json))).toEqual([[ORDER_PAID.data]]);
});
