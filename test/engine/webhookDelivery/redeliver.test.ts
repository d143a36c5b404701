import {
	endpointAt,
	jsonOf,
	orderPaid,
	receiver,
	runWebhookDelivery,
	useWebhookDouble,
} from './fixtures';

const polar = useWebhookDouble();

const redeliver = (eventId: string, onError?: 'continueErrorOutput') =>
	runWebhookDelivery(polar(), 'redeliver', { parameters: { eventId }, onError });

/** Every delivery of one event, newest first, as Get Many lists them. */
const deliveriesOf = async (eventId: string) =>
	jsonOf(
		(
			await runWebhookDelivery(polar(), 'getAll', {
				parameters: { returnAll: true, filters: { query: eventId } },
			})
		).success,
	);

describe('Webhook Delivery → Redeliver, in n8n’s engine against the Polar double', () => {
	it('a failed delivery, redelivered once the endpoint is back: a succeeded delivery appears', async () => {
		const workflow = await receiver(502);
		const endpointId = endpointAt(polar(), workflow.url);
		const failed = await polar().webhooks.deliver(endpointId, orderPaid('o1'));
		const [found] = await deliveriesOf(failed.webhookId);
		expect(found).toMatchObject({ succeeded: false, http_code: 502 });

		workflow.status = 200;
		const eventId = (found.webhook_event as { id: string }).id;
		const result = await redeliver(eventId);
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([{ event_id: eventId, redelivery_scheduled: true }]);
		await polar().webhooks.settled();

		expect(workflow.webhookIds).toEqual([failed.webhookId, failed.webhookId]);
		const after = await deliveriesOf(failed.webhookId);
		expect(after.map((d) => [d.succeeded, d.http_code])).toEqual([
			[true, 200],
			[false, 502],
		]);
		expect(after[0].webhook_event).toMatchObject({ succeeded: true });
	});

	it('an event Polar does not have: the item fails saying which ID to take', async () => {
		const unknown = '8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d';
		const result = await redeliver(unknown, 'continueErrorOutput');
		expect(result.success).toHaveLength(0);
		const error = result.error[0].json.error as { message: string; description: string };
		expect(error.message).toMatch(new RegExp(`^No Polar webhook event with ID "${unknown}"`));
		expect(error.description).toMatch(/webhook_event\.id .*not the delivery’s own ID/);
		expect(result.error[0].pairedItem).toEqual({ item: 0 });
	});

	it('an Event ID that is not a UUID fails before anything is sent', async () => {
		const result = await redeliver('evt_123');
		expect(result.executionError?.message).toMatch(/^Event ID "evt_123" is not a Polar ID/);
		expect(polar().requests).toHaveLength(0);
	});

	it('is sent again when Polar’s answer is lost: the event arrives twice, with one webhook-id', async () => {
		const workflow = await receiver(200);
		const sent = await polar().webhooks.deliver(endpointAt(polar(), workflow.url), orderPaid('o1'));
		polar().loseAnswer('POST /v1/webhooks/events/{id}/redeliver');
		const result = await redeliver(sent.webhookId);
		await polar().webhooks.settled();
		expect(result.executionError).toBeUndefined();
		expect(result.success).toHaveLength(1);
		expect(polar().requests.filter((r) => r.method === 'POST')).toHaveLength(2);
		expect(workflow.webhookIds).toEqual([sent.webhookId, sent.webhookId, sent.webhookId]);
	});
});
