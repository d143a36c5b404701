// The recovery the Webhook Delivery resource is for: a workflow's Polar Trigger was unreachable
// while Polar sent it events; once it is back, Get Many (failed) → Redeliver makes it run each
// missed event once. The trigger runs in n8n-core's WebhookContext (../trigger/fixtures.ts).

import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';

import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runListSearch } from '../../../dev/harness';
import { ORDER_PAID, triggerSuite, WEBHOOK_TOKEN } from '../trigger/fixtures';
import { runOperation, jsonOf } from '../fixtures';

const suite = triggerSuite();

/** A URL nothing listens at: the workflow's n8n while it is down. */
async function deadUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}/webhook/down`;
}

const run = (operation: string, parameters: IDataObject, items?: IDataObject[]) =>
	runOperation(suite.double, 'webhookDelivery', operation, {
		parameters,
		items,
		credential: { accessToken: WEBHOOK_TOKEN },
	});

const paid = (id: string) => ({ ...ORDER_PAID, data: { ...ORDER_PAID.data, id } });

it('Get Many (failed) → Redeliver runs each missed event once in the workflow', async () => {
	const { active, endpointId } = await suite.activeTrigger(['order.paid']);
	const down = { url: await deadUrl() };
	const webhooks = suite.double.webhooks;
	const missedA = await webhooks.deliver(endpointId, paid('order-a'), { ...down, maxAttempts: 3 });
	const missedB = await webhooks.deliver(endpointId, paid('order-b'), down);
	await webhooks.deliver(endpointId, paid('order-c')); // after n8n came back
	expect(active.executions.map((e) => e.items[0].json.data)).toMatchObject([{ id: 'order-c' }]);

	// The user finds the trigger's endpoint by the workflow's webhook URL.
	const { results } = await runListSearch({
		nodeType: new Polar(),
		methodName: 'searchWebhookEndpoints',
		credentialTypes: [new PolarApi()],
		credentials: {
			polarApi: { accessToken: WEBHOOK_TOKEN, environment: 'custom', baseUrl: suite.double.url },
		},
		filter: active.webhookUrl(),
	});
	expect(results.map((r) => r.value)).toEqual([endpointId]);

	const failed = await run('getAll', {
		returnAll: true,
		filters: { endpoint: { __rl: true, mode: 'list', value: results[0].value }, succeeded: false },
	});
	expect(
		jsonOf(failed.success).map((d) => [d.http_code, (d.webhook_event as { id: string }).id]),
	).toEqual([
		[null, missedB.webhookId],
		[null, missedA.webhookId],
		[null, missedA.webhookId],
		[null, missedA.webhookId],
	]);

	// Each failed attempt is an item: event A is redelivered three times, with one webhook-id.
	const redelivered = await run(
		'redeliver',
		{ eventId: '={{ $json.webhook_event.id }}' },
		jsonOf(failed.success),
	);
	expect(redelivered.success).toHaveLength(4);
	await webhooks.settled();

	const ran = active.executions.map((e) => (e.items[0].json.data as { id: string }).id);
	expect(ran.slice(1).sort()).toEqual(['order-a', 'order-b']);
	const succeeded = await run('getAll', {
		returnAll: true,
		filters: { endpoint: { __rl: true, mode: 'id', value: endpointId }, succeeded: true },
	});
	const recovered = new Set(
		jsonOf(succeeded.success).map((d) => (d.webhook_event as { id: string }).id),
	);
	expect([...recovered]).toEqual(expect.arrayContaining([missedA.webhookId, missedB.webhookId]));
	expect(recovered.size).toBe(3);
	expect(suite.double.violations.map((v) => v.message)).toEqual([]);
});
