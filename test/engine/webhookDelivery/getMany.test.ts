import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runListSearch } from '../../../dev/harness';
import {
	byId,
	endpointAt,
	jsonOf,
	orderPaid,
	receiver,
	runWebhookDelivery,
	TOKENS,
	useWebhookDouble,
} from './fixtures';

const polar = useWebhookDouble();

const list = (filters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
	runWebhookDelivery(polar(), 'getAll', {
		token: TOKENS.read,
		parameters: { returnAll: true, filters, ...extra },
	});

const endpointList = (filter?: string, accessToken = TOKENS.read) =>
	runListSearch({
		nodeType: new Polar(),
		methodName: 'searchWebhookEndpoints',
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: { accessToken, environment: 'custom', baseUrl: polar().url } },
		filter,
	});

describe('Webhook Delivery → Get Many, in n8n’s engine against the Polar double', () => {
	it('finds the failed deliveries to one endpoint by filter, and only those', async () => {
		const up = await receiver(200);
		const down = await receiver(503);
		const upId = endpointAt(polar(), up.url);
		const downId = endpointAt(polar(), down.url, ['order.paid', 'subscription.active']);
		await polar().webhooks.deliver(upId, orderPaid('o1'));
		const missed = await polar().webhooks.deliver(downId, orderPaid('o2'), { maxAttempts: 2 });
		await polar().webhooks.deliver(downId, { type: 'subscription.active', data: { id: 's1' } });

		const result = await list({
			endpoint: byId(downId),
			succeeded: false,
			eventType: ['order.paid'],
		});
		expect(result.executionError).toBeUndefined();
		const items = jsonOf(result.success);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item).toMatchObject({
				succeeded: false,
				http_code: 503,
				response: 'workflow unavailable',
				webhook_event: { id: missed.webhookId, type: 'order.paid' },
			});
		}
		const [request] = polar().requests;
		expect(request.query).toMatchObject({
			endpoint_id: downId,
			succeeded: 'false',
			event_type: 'order.paid',
		});
		// Without filters: all four attempts, newest first.
		expect(jsonOf((await list()).success).map((d) => d.http_code)).toEqual([503, 503, 503, 200]);
	});

	it('reaches the code class, search, time window and Limit', async () => {
		const down = await receiver(404);
		const downId = endpointAt(polar(), down.url);
		const before = new Date(Date.now() - 60_000).toISOString();
		const first = await polar().webhooks.deliver(downId, orderPaid('o1'));
		await polar().webhooks.deliver(downId, orderPaid('o2'));

		const found = await list({
			httpCodeClass: '4xx',
			query: first.webhookId,
			deliveredAfter: before,
			deliveredBefore: new Date(Date.now() + 60_000).toISOString(),
		});
		expect(jsonOf(found.success).map((d) => (d.webhook_event as { id: string }).id)).toEqual([
			first.webhookId,
		]);
		expect(polar().requests[0].query).toMatchObject({
			http_code_class: '4xx',
			query: first.webhookId,
			start_timestamp: before,
		});
		expect((await list({ httpCodeClass: '5xx' })).success).toHaveLength(0);
		const limited = await list({}, { returnAll: false, limit: 1 });
		expect(limited.success).toHaveLength(1);
	});

	it('refuses a bad filter before anything is sent, naming the field', async () => {
		const notId = await list({ endpoint: byId('hook_1') });
		expect(notId.executionError?.message).toMatch(
			/^Filters → Endpoint \(By ID\) "hook_1" is not a Polar ID/,
		);
		const window = await list({
			deliveredAfter: '2026-11-02T00:00:00Z',
			deliveredBefore: '2026-11-01T00:00:00Z',
		});
		expect(window.executionError?.message).toMatch(
			/^Filters → Delivered Before is not after Delivered After/,
		);
		expect(polar().requests).toHaveLength(0);
	});
});

describe('Endpoint → From List', () => {
	it('finds a Polar Trigger’s endpoint by its URL, disabled ones marked', async () => {
		const named = endpointAt(polar(), 'https://hooks.example.com/polar');
		const trigger = endpointAt(polar(), 'https://n8n.example.com/webhook/0d9c-orders/webhook');
		polar().webhooks.endpoints.get(named)!.name = 'Accounting';
		polar().webhooks.endpoints.get(trigger)!.enabled = false;

		const { results } = await endpointList('n8n.example.com/webhook/0d9c');
		expect(results).toEqual([
			{ name: 'https://n8n.example.com/webhook/0d9c-orders/webhook · (disabled)', value: trigger },
		]);
		expect((await endpointList('accounting')).results).toEqual([
			{ name: 'Accounting · https://hooks.example.com/polar', value: named },
		]);
	});
});
