import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requireUuid } from '../../helpers/validation';
import { isPolarNotFound, type RefineFailure } from '../../transport/errors';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [
	{ method: 'POST', path: '/v1/webhooks/events/{id}/redeliver' },
];

const WHERE_THE_ID_IS =
	'Take webhook_event.id of a delivery from Webhook Delivery → Get Many (not the delivery’s own ID), or the webhook-id header of a delivery a workflow received.';

const properties: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
		description:
			'The ID of the webhook event to send again to its endpoint: after Get Many, the ID inside each delivery’s webhook_event. Polar sends it with the same webhook ID header, so a receiver that already took it (the Polar Trigger remembers one for 10 minutes) can tell.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhookDelivery'], operation: ['redeliver'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return requireUuid(this.getNodeParameter('eventId', itemIndex), 'Event ID', WHERE_THE_ID_IS);
}

export function describeDone(id: string): string {
	return `redelivery of webhook event ${id} scheduled`;
}

/** Polar's 404: the organization has no such event (service.py redeliver_event). */
const refineNotFound =
	(id: string): RefineFailure =>
	(failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar webhook event with ID "${id}"`,
					description: `${WHERE_THE_ID_IS} Check also that the credential points at the environment (sandbox or production) and organization whose endpoint the event was sent to.`,
				}
			: failure;

export async function send(
	client: PolarClient,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	await client.request(
		{
			...endpoints[0],
			path: `/v1/webhooks/events/${apiPath`${id}`}/redeliver`,
			// A repeat sends the same event again with the same webhook-id, as Polar's own retries do:
			// receivers already treat that as one event (the Polar Trigger drops a repeat it took).
			repeatable: true,
			noContent: true,
			refine: refineNotFound(id),
		},
		itemIndex,
	);
	return { event_id: id, redelivery_scheduled: true };
}
