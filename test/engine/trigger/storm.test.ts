// A storm of deliveries (Polar retrying everything at once after n8n was down) costs Polar one
// look-up of the endpoint's secret per process, and whatever arrives cannot spend the
// organization's rate limit: one look-up at a time, none again for a minute after one that
// failed or found nothing, none at all for a malformed or stale delivery. Polar's own
// fixed-window limiter is on in the double.

import { randomBytes, randomUUID } from 'crypto';

import { forgetSecret, rememberSecret } from '../../../nodes/Polar/trigger/secrets';
import type { TriggerHarness } from '../../../dev/harness';
import { ORDER_PAID, WEBHOOK_TOKEN, triggerSuite } from './fixtures';

/** Polar's limiter, as its server counts: a fixed window of a minute. */
const LIMIT = 40;
const suite = triggerSuite({ rateLimit: { limit: LIMIT, windowMs: 60_000, kind: 'fixed' } });
/** The harness's trigger as the node keys its secret: workflow, node, production. */
const HARNESS_TRIGGER = ['harness-trigger-workflow', 'Polar Trigger', 'live'].join('\u0000');

let active: TriggerHarness;
let endpointId: string;
beforeEach(async () => {
	({ active, endpointId } = await suite.activeTrigger(['order.paid']));
	// What a freshly started n8n process knows of Polar: nothing.
	forgetSecret(endpointId);
	suite.double.requests.length = 0;
});

const apiRequests = () => suite.double.requests.map((r) => `${r.method} ${r.path} → ${r.status}`);

/** An order.paid event of its own, so each run can be told apart. */
const orderPaid = (n: number) => ({
	...ORDER_PAID,
	data: { ...ORDER_PAID.data, id: `order_${n}` },
});

/** Spends the rest of Polar's window, as other clients of the organization would. */
async function spendRateLimit(): Promise<void> {
	for (let sent = 0; sent <= LIMIT; sent++) {
		const answer = await fetch(`${suite.double.url}/v1/webhooks/endpoints/`, {
			headers: { authorization: `Bearer ${WEBHOOK_TOKEN}` },
		});
		if (answer.status === 429) return;
	}
	throw new Error('the double’s limiter never answered 429');
}

/** A POST to the trigger with fresh headers and a signature of no secret Polar has. */
async function forged(headers: Record<string, string> = {}): Promise<number> {
	const answer = await fetch(active.webhookUrl(), {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'webhook-id': randomUUID(),
			'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
			'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
			...headers,
		},
		body: JSON.stringify(ORDER_PAID),
	});
	return answer.status;
}

it('50 deliveries at once to a fresh process cost one look-up and run each event exactly once', async () => {
	// 25 events, each delivered twice at once (Polar retrying one whose answer it lost).
	const ids = Array.from({ length: 25 }, (_, n) => ({ n, webhookId: randomUUID() }));
	const deliveries = await Promise.all(
		[...ids, ...ids].map(({ n, webhookId }) =>
			suite.double.webhooks.deliver(endpointId, orderPaid(n), { webhookId }),
		),
	);
	expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
	expect(apiRequests()).toEqual([`GET /v1/webhooks/endpoints/${endpointId} → 200`]);
	const runs = active.executions.map((e) => (e.items[0].json.data as { id: string }).id).sort();
	expect(runs).toEqual(ids.map(({ n }) => `order_${n}`).sort());
});

it('a look-up Polar refuses (429) is shared by every delivery waiting for it and not repeated within the minute', async () => {
	await spendRateLimit();
	suite.double.requests.length = 0;
	const storm = await Promise.all(
		Array.from(
			{ length: 50 },
			async (_, n) => await suite.double.webhooks.deliver(endpointId, orderPaid(n)),
		),
	);
	expect(storm.map((d) => d.status)).toEqual(storm.map(() => 503));
	const later = [];
	for (let n = 0; n < 10; n++)
		later.push((await suite.double.webhooks.deliver(endpointId, orderPaid(n))).status);
	expect(later).toEqual(later.map(() => 503));
	expect(apiRequests()).toEqual([`GET /v1/webhooks/endpoints/${endpointId} → 429`]);
	expect(active.executions).toHaveLength(0);
	// Polar keeps the events and retries them: answered 503, not refused as forged.
	expect(JSON.parse(storm[0].responseBody)).toEqual({
		error: 'The delivery could not be checked; retry later',
	});
});

describe('an endpoint deleted in Polar', () => {
	beforeEach(() => {
		suite.double.webhooks.handle(
			'delete',
			{
				method: 'DELETE',
				path: `/v1/webhooks/endpoints/${endpointId}`,
				headers: {},
				body: undefined,
			},
			[],
			() => undefined,
		);
	});

	it('costs one look-up a minute, however many POSTs arrive, at once or one after another', async () => {
		const atOnce = await Promise.all(Array.from({ length: 20 }, async () => await forged()));
		const oneByOne = [];
		for (let n = 0; n < 20; n++) oneByOne.push(await forged());
		expect([...atOnce, ...oneByOne]).toEqual([...atOnce, ...oneByOne].map(() => 401));
		// One look-up: the endpoint static data names, then Polar's list for the trigger's URL.
		expect(apiRequests()).toEqual([
			`GET /v1/webhooks/endpoints/${endpointId} → 404`,
			'GET /v1/webhooks/endpoints → 200',
		]);
		expect(active.executions).toHaveLength(0);
	});

	it('with its old secret still in memory, forged POSTs re-read it at most once a minute', async () => {
		const endpoint = {
			id: endpointId,
			secret: 'whsec_placeholder',
			uses_standard_webhook_signature: true,
		};
		// Read more than a minute ago: a signature that fails may mean the secret was reset.
		rememberSecret(HARNESS_TRIGGER, endpoint, Date.now() - 61_000);
		const statuses = [];
		for (let n = 0; n < 10; n++) statuses.push(await forged());
		expect(statuses).toEqual(statuses.map(() => 401));
		expect(apiRequests()).toHaveLength(2);
	});
});

it.each<[string, Record<string, string>]>([
	[
		'a timestamp 6 minutes old',
		{ 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 360) },
	],
	[
		'a timestamp 6 minutes ahead',
		{ 'webhook-timestamp': String(Math.floor(Date.now() / 1000) + 360) },
	],
	['a timestamp in milliseconds', { 'webhook-timestamp': String(Date.now()) }],
	['no webhook-id', { 'webhook-id': '' }],
	['no webhook-signature', { 'webhook-signature': '' }],
	['a signature of no scheme Polar signs with', { 'webhook-signature': 'v2,whatever v1a,abc' }],
])('%s is refused without any look-up', async (_case, headers) => {
	const statuses = await Promise.all(Array.from({ length: 5 }, async () => await forged(headers)));
	expect(statuses).toEqual([401, 401, 401, 401, 401]);
	expect(suite.double.requests).toEqual([]);
});
