// The history of webhook deliveries and their redelivery, as Polar's server keeps them:
// server/polar/webhook/endpoints.py `list_webhook_deliveries` and `redeliver_webhook_event`
// (lines 163-238 at the mirrored HEAD), service.py `list_deliveries` (231-316: newest first,
// created_at strictly after start / before end, `query` matching the delivery's id, its event's
// id or its HTTP code as text, the code class as a range) and `redeliver_event` (318-336: 404
// for an event the organization does not have, else the send job with redeliver=True), and
// tasks.py `_webhook_event_send` (one new delivery row per attempt, to the event's one endpoint;
// none while the endpoint is disabled). schemas.py WebhookDelivery, WebhookEvent.

import type { LostAnswers } from './checkouts';
import { isUuid4, validateCommonHeaders, violation } from './contract';
import type { Delivery, WebhookEventRecord } from './webhook-deliveries';
import { page } from './meters';
import { matchesAny } from './payments';
import { jsonResponse, polarErrors } from './responses';
import { pathIds, type Route } from './route';
import type { RecordedRequest } from './server';
import type { WebhookEndpointStore } from './webhooks';

type Json = Record<string, unknown>;

/** The first 2048 characters Polar keeps of an answer (tasks.py), or null for none. */
const kept = (text: string): string | null =>
	text ? text.replace(/\0/g, '').slice(0, 2048) : null;

/** Polar's WebhookEvent schema of a recorded event. */
export function webhookEventJson(record: WebhookEventRecord): Json {
	return {
		created_at: record.createdAt,
		modified_at: record.modifiedAt,
		id: record.webhookId,
		last_http_code: record.lastHttpCode,
		succeeded: record.succeeded,
		skipped: record.skipped,
		payload: record.body,
		type: record.type,
		is_archived: false,
	};
}

/**
 * Polar's WebhookDelivery of one attempt: http_code null when the endpoint could not be reached,
 * and then the error as its response (an error answer without a body gets httpx's message).
 */
export function webhookDeliveryJson(delivery: Delivery, record: WebhookEventRecord): Json {
	const reached = delivery.status > 0;
	const errorText = reached
		? `${delivery.status >= 500 ? 'Server' : 'Client'} error '${delivery.status}'`
		: delivery.responseBody;
	return {
		created_at: delivery.createdAt,
		modified_at: null,
		id: delivery.id,
		succeeded: delivery.succeeded,
		http_code: reached ? delivery.status : null,
		response: kept(reached ? delivery.responseBody : '') ?? (delivery.succeeded ? null : errorText),
		webhook_event: webhookEventJson(record),
	};
}

const CODE_CLASSES: Record<string, [number, number]> = {
	'2xx': [200, 300],
	'3xx': [300, 400],
	'4xx': [400, 500],
	'5xx': [500, 600],
};

/** Whether a delivery passes the list's filters (the spec check has refused malformed ones). */
function matches(request: RecordedRequest, delivery: Delivery): boolean {
	const q = request.query;
	const at = Date.parse(delivery.createdAt);
	if (q.start_timestamp && !(at > Date.parse(q.start_timestamp))) return false;
	if (q.end_timestamp && !(at < Date.parse(q.end_timestamp))) return false;
	if (q.succeeded && String(delivery.succeeded) !== q.succeeded) return false;
	if (q.query !== undefined) {
		const needle = q.query.toLowerCase();
		const code = delivery.status > 0 ? String(delivery.status) : '';
		if (![delivery.id, delivery.webhookId, code].some((text) => text.includes(needle)))
			return false;
	}
	const range = q.http_code_class ? CODE_CLASSES[q.http_code_class] : undefined;
	if (range && !(delivery.status >= range[0] && delivery.status < range[1])) return false;
	return (
		matchesAny(request, 'endpoint_id', delivery.endpointId) &&
		matchesAny(request, 'event_type', delivery.type)
	);
}

/** The {id} of /v1/webhooks/events/{id}/redeliver (pathIds: [events, {id}, redeliver]). */
const eventId = (request: RecordedRequest): string => pathIds(request)[1] ?? '';

/** `lost` lets a test lose Redeliver's answer after the redelivery was scheduled. */
export function webhookDeliveryRoutes(webhooks: WebhookEndpointStore, lost: LostAnswers): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/webhooks/deliveries',
			scopes: ['webhooks:read', 'webhooks:write'],
			answer: (request) =>
				page(
					[...webhooks.deliveries]
						.reverse()
						.filter((delivery) => matches(request, delivery))
						.map((delivery) =>
							webhookDeliveryJson(delivery, webhooks.events.get(delivery.webhookId)!),
						),
					request.query,
				),
		},
		{
			method: 'POST',
			template: '/v1/webhooks/events/{id}/redeliver',
			scopes: ['webhooks:write'],
			// The path's id is a UUID4 (endpoints.py): anything else is refused with 422.
			contract: (request) => {
				const found = validateCommonHeaders(request.headers);
				const id = eventId(request);
				if (!isUuid4(id))
					found.push(violation(['path', 'id'], 'uuid_parsing', 'Input should be a valid UUID', id));
				return found;
			},
			answer: (request) => {
				const id = eventId(request).toLowerCase();
				if (!webhooks.redeliver(id)) return polarErrors.notFound();
				return lost.deliver('POST /v1/webhooks/events/{id}/redeliver', jsonResponse(202, null));
			},
		},
	];
}
