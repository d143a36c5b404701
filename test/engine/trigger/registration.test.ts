// The Polar Trigger's endpoint lifecycle at the Polar double: registration, restarts,
// republishing, changes made in Polar's dashboard, lost state and lost answers. The trigger must
// end with exactly one endpoint, keep its secret where it can, and never keep the secret in n8n.

import { startLossyGateway, startStranger, STRANGER_ANSWERS } from '../../strangers';
import { POLAR_API_VERSION } from '../../../nodes/Polar/transport/servers';
import {
	startPolarDouble,
	WEBHOOK_API_VERSIONS,
	WEBHOOK_EVENT_TYPES,
} from '../../../dev/polar-double';
import {
	NODE_KEY,
	NO_WEBHOOK_SCOPE,
	ORDER_PAID,
	WEBHOOK_TOKEN,
	nodeData,
	triggerSuite,
} from './fixtures';
import type { TriggerHarness } from '../../../dev/harness';

const suite = triggerSuite();
const endpoints = () => [...suite.double.webhooks.endpoints.values()];
const calls = () => suite.double.requests.map((r) => `${r.method} ${r.path}`);

describe('activation', () => {
	it('creates a raw endpoint for the production URL and chosen events, and keeps only its ID in static data', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		expect(endpoints()).toHaveLength(1);
		const [endpoint] = endpoints();
		expect(endpoint).toMatchObject({
			id: endpointId,
			url: active.webhookUrl(),
			format: 'raw',
			events: ['order.paid', 'subscription.active'],
			enabled: true,
		});
		expect(active.staticData()).toEqual({ [NODE_KEY]: { endpointId } });
		expect(JSON.stringify(active.staticData())).not.toContain(endpoint.secret);
		const create = suite.double.requests.find((r) => r.method === 'POST');
		expect(create?.headers.authorization).toBe(`Bearer ${WEBHOOK_TOKEN}`);
		expect(suite.double.violations).toEqual([]);
	});

	it('asks for payloads in the node’s own API version', async () => {
		await suite.activeTrigger();
		const create = suite.double.requests.find((r) => r.method === 'POST');
		expect(create?.body).toMatchObject({ api_version: POLAR_API_VERSION });
		expect(endpoints()[0].api_version).toBe(POLAR_API_VERSION);
		expect(suite.double.violations).toEqual([]);
	});

	it('All Events registers every one of the 42 event types, subscription.migrated included', async () => {
		const active = await suite.trigger({ events: ['*'] });
		await active.activate();
		expect(WEBHOOK_EVENT_TYPES).toHaveLength(42);
		expect([...endpoints()[0].events].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
		expect(endpoints()[0].events).toContain('subscription.migrated');
		expect(suite.double.violations).toEqual([]);
	});

	it('removes a secret that 0.2.0 kept in static data', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		active.setStaticData({ [NODE_KEY]: { endpointId, secret: endpoints()[0].secret } });
		await active.activate();
		expect(active.staticData()).toEqual({ [NODE_KEY]: { endpointId } });
	});

	it('a token without webhooks:write fails naming the scope and the dashboard mode, and creates nothing', async () => {
		const active = await suite.trigger({ events: ['order.paid'] }, { token: NO_WEBHOOK_SCOPE });
		const { checkExists, create } = await active.activate();
		const outcome = create ?? checkExists;
		const error = outcome.ok ? undefined : outcome.error;
		expect(error?.message).toBe(
			'The access token lacks the webhooks:write scope (403): add it, or set Webhook Endpoint to “Created in Polar’s Dashboard”',
		);
		expect(error?.description).toContain('Created in Polar’s Dashboard');
		expect(JSON.stringify(error)).not.toContain(NO_WEBHOOK_SCOPE);
		expect(endpoints()).toHaveLength(0);
		expect(nodeData(active)).toEqual({});
	});
});

describe('restarts and republishing keep the one endpoint and its secret', () => {
	it('a restart finds the endpoint in place and changes nothing', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		const { secret } = endpoints()[0];
		suite.double.requests.length = 0;
		for (let restart = 0; restart < 3; restart++)
			expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(calls()).toEqual(Array(3).fill(`GET /v1/webhooks/endpoints/${endpointId}`));
		expect(endpoints()).toMatchObject([{ id: endpointId, secret }]);
	});

	it('n8n spelling its host in capitals matches the URL Polar stored, lower-cased', async () => {
		const active = await suite.trigger({ events: ['order.paid'] }, { webhookHost: 'LocalHost' });
		await active.activate();
		const [{ id, secret, url }] = endpoints();
		expect(active.webhookUrl()).toContain('//LocalHost:');
		expect(url).toContain('//localhost:');
		await active.activate();
		expect(endpoints()).toMatchObject([{ id, secret }]);
		expect((await suite.double.webhooks.deliver(id, ORDER_PAID)).status).toBe(200);
	});

	it('changed events are PATCHed onto the same endpoint', async () => {
		const { active, endpointId } = await suite.activeTrigger(['order.paid']);
		const { secret } = endpoints()[0];
		active.setParameters({ events: ['order.paid', 'order.refunded'] });
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(endpoints()).toMatchObject([
			{ id: endpointId, secret, events: ['order.paid', 'order.refunded'] },
		]);
		expect(calls()).toContain(`PATCH /v1/webhooks/endpoints/${endpointId}`);
		expect(suite.double.violations).toEqual([]);
	});

	it('an endpoint in another API version is PATCHed to the node’s, keeping its ID and secret', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		const endpoint = endpoints()[0];
		const other = WEBHOOK_API_VERSIONS.find((version) => version !== POLAR_API_VERSION)!;
		endpoint.api_version = other; // e.g. changed in Polar's dashboard, or made by an older node
		suite.double.requests.length = 0;
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(suite.double.requests.map((r) => [`${r.method} ${r.path}`, r.body])).toEqual([
			[`GET /v1/webhooks/endpoints/${endpointId}`, undefined],
			[`PATCH /v1/webhooks/endpoints/${endpointId}`, { api_version: POLAR_API_VERSION }],
		]);
		expect(endpoints()).toMatchObject([
			{ id: endpointId, secret: endpoint.secret, api_version: POLAR_API_VERSION },
		]);
		expect(suite.double.violations).toEqual([]);
	});

	it('an endpoint Polar disabled is enabled again, not replaced', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		const endpoint = endpoints()[0];
		endpoint.enabled = false;
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(endpoints()).toMatchObject([{ id: endpointId, secret: endpoint.secret, enabled: true }]);
	});

	it('an endpoint removed in Polar’s dashboard is created again', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		suite.double.webhooks.endpoints.delete(endpointId);
		const again = await active.activate();
		expect(again).toEqual({
			checkExists: { ok: true, result: false },
			create: { ok: true, result: true },
		});
		const [recreated] = endpoints();
		expect(recreated.id).not.toBe(endpointId);
		expect(nodeData(active)).toEqual({ endpointId: recreated.id });
		expect((await suite.double.webhooks.deliver(recreated.id, ORDER_PAID)).status).toBe(200);
	});

	it('a 404 that is not Polar’s (a proxy, a wrong Base URL) fails activation and forgets nothing', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		const stranger = await startStranger(STRANGER_ANSWERS.notFoundHtml);
		try {
			const behindProxy = await suite.trigger(
				{ events: ['order.paid', 'subscription.active'] },
				{ baseUrl: stranger.url },
			);
			behindProxy.setStaticData(active.staticData());
			const { checkExists, create } = await behindProxy.activate();
			expect(create).toBeUndefined();
			expect(checkExists.ok ? undefined : checkExists.error.message).toBe(
				'Polar has no such endpoint (404)',
			);
			expect(nodeData(behindProxy)).toEqual({ endpointId });
			expect(endpoints().map((e) => e.id)).toEqual([endpointId]);
		} finally {
			await stranger.close();
		}
	});
});

describe('lost state and lost answers leave exactly one endpoint', () => {
	it('static data that was lost: the endpoint for the URL is adopted with its secret', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		const { secret } = endpoints()[0];
		active.setStaticData({});
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(endpoints()).toMatchObject([{ id: endpointId, secret }]);
		expect(nodeData(active)).toEqual({ endpointId });
		expect((await suite.double.webhooks.deliver(endpointId, ORDER_PAID)).status).toBe(200);
	});

	it('a create whose answer was lost is not repeated: the endpoint Polar made is adopted', async () => {
		const gateway = await startLossyGateway(
			suite.double.url,
			(method, path) => method === 'POST' && path === '/v1/webhooks/endpoints',
		);
		try {
			const active = await suite.trigger({ events: ['order.paid'] }, { baseUrl: gateway.url });
			const { create } = await active.activate();
			expect(create).toEqual({ ok: true, result: true });
			expect(gateway.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			const [endpoint] = endpoints();
			expect(endpoints()).toHaveLength(1);
			expect(nodeData(active)).toEqual({ endpointId: endpoint.id });
			expect((await suite.double.webhooks.deliver(endpoint.id, ORDER_PAID)).status).toBe(200);
		} finally {
			await gateway.close();
		}
	});

	it('two activations at once end with one endpoint, which both adopt', async () => {
		const active = await suite.trigger({ events: ['order.paid'] });
		const outcomes = await Promise.all([active.activate(), active.activate()]);
		expect(outcomes.map((o) => o.create ?? o.checkExists)).toEqual([
			{ ok: true, result: true },
			{ ok: true, result: true },
		]);
		expect(endpoints()).toHaveLength(1);
		expect(nodeData(active)).toEqual({ endpointId: endpoints()[0].id });
	});
});

describe('webhook URLs Polar refuses', () => {
	const failure = (outcome: Awaited<ReturnType<TriggerHarness['activate']>>) => {
		const last = outcome.create ?? outcome.checkExists;
		return last.ok ? undefined : last.error;
	};
	const WAY_OUT =
		/set n8n’s WEBHOOK_URL to a public https address \(e\.g\. a tunnel\), or for local development set Webhook Endpoint to “Created in Polar’s Dashboard” and relay events with Polar’s CLI: polar listen http:\/\/.+\/webhook$/;

	it.each([
		['a private address', '192.168.1.20', 'is not https'],
		['a public host over http', 'n8n.example.com', 'is not https'],
	])(
		'n8n’s URL on %s fails activation naming the rule and the ways out, before anything is sent',
		async (_case, webhookHost, reason) => {
			const active = await suite.trigger({ events: ['order.paid'] }, { webhookHost });
			const error = failure(await active.activate());
			expect(error?.message).toMatch(
				new RegExp(
					`^Polar sends events only to public https URLs, and this trigger’s webhook URL http://${webhookHost.replace(/\./g, '\\.')}:\\d+/webhook/\\S+ ${reason}: `,
				),
			);
			expect(error?.message).toMatch(WAY_OUT);
			expect(error?.description).toContain('cannot point to localhost or private IP addresses');
			expect(suite.double.requests).toEqual([]);
			expect(nodeData(active)).toEqual({});
		},
	);

	it('Polar’s own 422 for the URL gets the same wording', async () => {
		// A Polar on loopback, as the node's check lets through, that applies Polar's URL rules.
		const strict = await startPolarDouble({ tokens: { [WEBHOOK_TOKEN]: ['webhooks:write'] } });
		try {
			const active = await suite.trigger({ events: ['order.paid'] }, { baseUrl: strict.url });
			const error = failure(await active.activate());
			expect(error?.message).toMatch(
				/^Polar sends events only to public https URLs, and this trigger’s webhook URL http:\/\/127\.0\.0\.1:\d+\/webhook\/\S+ was refused by Polar \(422: URL scheme should be 'https'\): /,
			);
			expect(error?.message).toMatch(WAY_OUT);
			expect(strict.webhooks.endpoints.size).toBe(0);
		} finally {
			await strict.close();
		}
	});
});

describe('deactivation', () => {
	it('deletes the endpoint; one already gone is no error', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		expect(await active.deactivate()).toEqual({ ok: true, result: true });
		expect(endpoints()).toHaveLength(0);
		expect(suite.double.requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/v1/webhooks/endpoints/${endpointId}`,
			status: 204,
		});
		expect(nodeData(active)).toEqual({});

		const again = await suite.activeTrigger();
		suite.double.webhooks.endpoints.clear();
		expect(await again.active.deactivate()).toEqual({ ok: true, result: true });
		expect(nodeData(again.active)).toEqual({});
	});

	it('with static data lost, deletes the endpoint Polar has for the URL', async () => {
		const { active } = await suite.activeTrigger();
		const other = await suite.activeTrigger(['order.paid']);
		active.setStaticData({});
		expect(await active.deactivate()).toEqual({ ok: true, result: true });
		expect(endpoints().map((e) => e.id)).toEqual([other.endpointId]);
	});
});

describe('Listen for test event', () => {
	it('registers the test URL apart from production, runs once, and cleans up', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		const test = await active.activate(true);
		expect(test.create).toEqual({ ok: true, result: true });
		const testEndpoint = endpoints().find((e) => e.id !== endpointId)!;
		expect(testEndpoint.url).toBe(active.webhookUrl(true));
		expect(nodeData(active).endpointId).toBe(endpointId); // production untouched

		expect((await suite.double.webhooks.deliver(testEndpoint.id, ORDER_PAID)).status).toBe(200);
		expect(active.executions.map((e) => e.test)).toEqual([true]);

		expect(await active.deactivate(true)).toEqual({ ok: true, result: true });
		expect(endpoints().map((e) => e.id)).toEqual([endpointId]);
	});
});

describe('switching to Created in Polar’s Dashboard', () => {
	it('never fails activation; logs the endpoint left at Polar, which n8n gives no credential to delete', async () => {
		const { active, endpointId } = await suite.activeTrigger();
		active.setParameters({ registration: 'manual', events: ['order.paid'] });
		expect(await active.activate()).toEqual({ checkExists: { ok: true, result: true } });
		expect(endpoints().map((e) => e.id)).toEqual([endpointId]);
		expect(nodeData(active)).toEqual({});
		const warning = suite.warnings.find((w) => w.includes(endpointId));
		expect(warning).toContain('may still exist in Polar');
		expect(warning).toContain('Settings → Webhooks');
		expect(suite.warnings.join('\n')).not.toContain(endpoints()[0].secret);
	});
});
