// The Polar Trigger in n8n-core's real HookContext and WebhookContext (test/harness/trigger.ts),
// registering itself at the Polar double over HTTP and receiving deliveries the double signs as
// Polar does.

import { createRequire } from 'module';
import type { INodeParameters } from 'n8n-workflow';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { PolarTrigger } from '../../nodes/Polar/PolarTrigger.node';
import { startTriggerHarness, type TriggerHarness } from '../../dev/harness';
import {
	DEFAULT_TOKEN,
	polarSignature,
	startPolarDouble,
	WEBHOOK_EVENT_TYPES,
	type DeliverOptions,
	type PolarDouble,
	type WebhookEvent,
} from '../../dev/polar-double';

const NO_WEBHOOK_SCOPE = 'polar_oat_double_no_webhooks_scope';
const WEBHOOK_TOKEN = 'polar_oat_double_webhooks_token';

const ORDER_PAID: WebhookEvent = {
	type: 'order.paid',
	timestamp: '2026-11-26T10:00:00.000000Z',
	data: {
		id: 'b0c2b4a6-0f2e-4c1d-9a8b-7c6d5e4f3a2b',
		customer_id: '992fae2a-2a17-4b7a-8d9e-e287cf90131b',
		total_amount: 2500,
	},
};

let double: PolarDouble;
const harnesses: TriggerHarness[] = [];
const warnings: string[] = [];

beforeAll(async () => {
	double = await startPolarDouble({
		tokens: {
			[DEFAULT_TOKEN]: ['customer_sessions:write'],
			[WEBHOOK_TOKEN]: ['webhooks:write'],
			[NO_WEBHOOK_SCOPE]: ['webhooks:read', 'customers:read'],
		},
	});
	// What the node logs goes to n8n's Logger (Container.get(Logger) in every context), from
	// n8n-core's own copies of @n8n/di and @n8n/backend-common.
	const fromCore = createRequire(require.resolve('n8n-core'));
	const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
	const { Logger } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');
	const logger = Container.get(Logger);
	for (const level of ['error', 'warn', 'info', 'debug'] as const)
		jest
			.spyOn(logger, level)
			.mockImplementation((...args: unknown[]) => void warnings.push(String(args[0])));
});
afterEach(async () => {
	await Promise.all(harnesses.splice(0).map((h) => h.close()));
	double.reset();
	warnings.length = 0;
});
afterAll(async () => await double.close());

async function trigger(parameters: INodeParameters, token = WEBHOOK_TOKEN) {
	const harness = await startTriggerHarness({
		nodeType: new PolarTrigger(),
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: { accessToken: token, environment: 'custom', baseUrl: double.url } },
		parameters,
	});
	harnesses.push(harness);
	return harness;
}

/** An active trigger for `events`, its endpoint registered at the double. */
async function activeTrigger(
	events: string[] = ['order.paid', 'subscription.active'],
	options = {},
) {
	const active = await trigger({ events, options });
	const { checkExists, create } = await active.activate();
	expect(checkExists).toEqual({ ok: true, result: false });
	expect(create).toEqual({ ok: true, result: true });
	const endpointId = active.staticData()['node:Polar Trigger'] as { endpointId: string };
	return { active, endpointId: endpointId.endpointId };
}

const nodeData = (h: TriggerHarness, test = false) =>
	(h.staticData(test)['node:Polar Trigger'] ?? {}) as {
		endpointId?: string;
		secret?: string;
	};

describe('registration', () => {
	it('activation creates a raw endpoint for the production URL and chosen events, and keeps ID and secret in static data', async () => {
		const { active, endpointId } = await activeTrigger();
		const endpoints = [...double.webhooks.endpoints.values()];
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0]).toMatchObject({
			id: endpointId,
			url: active.webhookUrl(),
			format: 'raw',
			events: ['order.paid', 'subscription.active'],
		});
		expect(active.webhookUrl()).toMatch(/\/webhook\/[0-9a-f-]{36}\/webhook$/);
		expect(nodeData(active).secret).toBe(endpoints[0].secret);
		const create = double.requests.find((r) => r.method === 'POST');
		expect(create?.headers.authorization).toBe(`Bearer ${WEBHOOK_TOKEN}`);
		expect(double.violations).toEqual([]);
	});

	it('All Events registers every one of the 41 event types', async () => {
		const active = await trigger({ events: ['*'] });
		await active.activate();
		const [endpoint] = [...double.webhooks.endpoints.values()];
		expect([...endpoint.events].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
		expect(double.violations).toEqual([]);
	});

	it('a restart finds the endpoint in place and creates nothing', async () => {
		const { active, endpointId } = await activeTrigger();
		double.requests.length = 0;
		const again = await active.activate();
		expect(again).toEqual({ checkExists: { ok: true, result: true } });
		expect(double.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1/webhooks/endpoints/${endpointId}`,
		]);
		expect(double.webhooks.endpoints.size).toBe(1);
	});

	it('an endpoint removed in Polar’s dashboard is recreated, with its new secret', async () => {
		const { active, endpointId } = await activeTrigger();
		double.webhooks.endpoints.delete(endpointId);
		const again = await active.activate();
		expect(again.checkExists).toEqual({ ok: true, result: false });
		expect(again.create).toEqual({ ok: true, result: true });
		const [recreated] = [...double.webhooks.endpoints.values()];
		expect(recreated.id).not.toBe(endpointId);
		expect(nodeData(active)).toMatchObject({ endpointId: recreated.id, secret: recreated.secret });
		const delivery = await double.webhooks.deliver(recreated.id, ORDER_PAID);
		expect(delivery.status).toBe(200);
	});

	it('an endpoint whose events no longer match is replaced', async () => {
		const { active, endpointId } = await activeTrigger(['order.paid']);
		active.setParameters({ events: ['order.paid', 'order.refunded'] });
		const again = await active.activate();
		expect(again.checkExists).toEqual({ ok: true, result: false });
		expect(double.webhooks.endpoints.has(endpointId)).toBe(false);
		const [replacement] = [...double.webhooks.endpoints.values()];
		expect(replacement.events).toEqual(['order.paid', 'order.refunded']);
	});

	it('deactivation deletes the endpoint and forgets the secret; an endpoint already gone is no error', async () => {
		const { active, endpointId } = await activeTrigger();
		expect(await active.deactivate()).toEqual({ ok: true, result: true });
		expect(double.webhooks.endpoints.size).toBe(0);
		expect(double.requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/v1/webhooks/endpoints/${endpointId}`,
			status: 204,
		});
		expect(nodeData(active)).toEqual({});

		const again = await activeTrigger();
		double.webhooks.endpoints.clear();
		expect(await again.active.deactivate()).toEqual({ ok: true, result: true });
		expect(nodeData(again.active)).toEqual({});
	});

	it('a token without webhooks:write fails activation naming the scope and the manual mode, and creates nothing', async () => {
		const active = await trigger({ events: ['order.paid'] }, NO_WEBHOOK_SCOPE);
		const { create } = await active.activate();
		expect(create?.ok).toBe(false);
		const error = create?.ok === false ? create.error : undefined;
		expect(error?.message).toBe('The access token lacks the webhooks:write scope (403)');
		expect(error?.description).toContain('Created in Polar’s Dashboard');
		expect(JSON.stringify(error)).not.toContain(NO_WEBHOOK_SCOPE);
		expect(double.webhooks.endpoints.size).toBe(0);
		expect(nodeData(active)).toEqual({});
	});

	it('Listen for test event registers the test URL apart from production, runs once, and cleans up', async () => {
		const { active, endpointId } = await activeTrigger();
		const test = await active.activate(true);
		expect(test.create).toEqual({ ok: true, result: true });
		const testEndpoint = [...double.webhooks.endpoints.values()].find((e) => e.id !== endpointId)!;
		expect(testEndpoint.url).toBe(active.webhookUrl(true));
		expect(nodeData(active).endpointId).toBe(endpointId); // production untouched

		expect((await double.webhooks.deliver(testEndpoint.id, ORDER_PAID)).status).toBe(200);
		expect(active.executions.map((e) => e.test)).toEqual([true]);

		expect(await active.deactivate(true)).toEqual({ ok: true, result: true });
		expect([...double.webhooks.endpoints.keys()]).toEqual([endpointId]);
	});
});

describe('Created in Polar’s Dashboard', () => {
	const SECRET = 'whsec_pastedFromPolarsDashboard0123456789abcdefg';

	it('registers nothing and verifies deliveries with the pasted secret', async () => {
		const active = await trigger({
			registration: 'manual',
			secret: SECRET,
			events: ['order.paid'],
		});
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(await active.deactivate()).toEqual({ ok: true, result: true });
		expect(double.requests).toEqual([]);
		await active.activate();

		// An endpoint the user made in the dashboard, with the URL n8n shows.
		const answer = double.webhooks.handle(
			'create',
			{
				method: 'POST',
				path: '/v1/webhooks/endpoints',
				headers: {},
				body: { url: active.webhookUrl(), format: 'raw', events: ['order.paid'] },
			},
			[],
			() => undefined,
		);
		const endpoint = JSON.parse(answer.body);
		const good = await double.webhooks.deliver(endpoint.id, ORDER_PAID, { secret: SECRET });
		const bad = await double.webhooks.deliver(endpoint.id, ORDER_PAID);
		expect([good.status, bad.status]).toEqual([200, 401]);
		expect(active.executions).toHaveLength(1);
	});
});

describe('verification of deliveries', () => {
	const now = () => Math.floor(Date.now() / 1000);
	let active: TriggerHarness;
	let endpointId: string;
	beforeEach(async () => {
		({ active, endpointId } = await activeTrigger());
	});
	const deliver = (options: DeliverOptions = {}, event = ORDER_PAID) =>
		double.webhooks.deliver(endpointId, event, options);

	it('a correctly signed delivery starts one execution with type, timestamp and data', async () => {
		const delivery = await deliver();
		expect(delivery.status).toBe(200);
		expect(active.executions).toHaveLength(1);
		expect(active.executions[0].items.map((i) => i.json)).toEqual([
			{ type: 'order.paid', timestamp: ORDER_PAID.timestamp, data: ORDER_PAID.data },
		]);
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

	it('a valid signature for one webhook-id does not pass for another', async () => {
		const body = JSON.stringify(ORDER_PAID);
		const secret = nodeData(active).secret!;
		const ts = String(now());
		const response = await fetch(active.webhookUrl(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_b',
				'webhook-timestamp': ts,
				'webhook-signature': polarSignature(secret, 'msg_a', ts, body),
			},
			body,
		});
		expect(response.status).toBe(401);
		expect(active.executions).toHaveLength(0);
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
		const parsed = JSON.parse(rawBody);
		expect(active.executions.map((e) => e.items[0].json)).toEqual([
			{ type: parsed.type, timestamp: parsed.timestamp, data: parsed.data },
		]);
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

	it('an event the user did not choose is answered 200 and starts nothing', async () => {
		const delivery = await deliver({}, { ...ORDER_PAID, type: 'order.refunded' });
		expect(delivery.status).toBe(200);
		expect(active.executions).toHaveLength(0);
	});

	it('the secret and the token appear in no output, answer or log line', async () => {
		await deliver();
		await deliver({ secret: 'whsec_wrong' });
		const secret = nodeData(active).secret!;
		const seen = JSON.stringify([active.executions, double.webhooks.deliveries, warnings]);
		expect(secret).toMatch(/^whsec_/);
		expect(seen).not.toContain(secret);
		expect(seen).not.toContain(WEBHOOK_TOKEN);
	});
});

it('Output Only Data outputs the event’s data alone', async () => {
	const { active, endpointId } = await activeTrigger(['order.paid'], { onlyData: true });
	await double.webhooks.deliver(endpointId, ORDER_PAID);
	expect(active.executions.map((e) => e.items.map((i) => i.json))).toEqual([[ORDER_PAID.data]]);
});
