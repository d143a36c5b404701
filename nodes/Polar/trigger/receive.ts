import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ALL_EVENTS } from './events';
import type { TriggerStaticData } from './endpoint';
import { isReplay } from './replay';
import { verifyDelivery } from './signature';

function header(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name];
	return Array.isArray(value) ? value.join(' ') : value;
}

/** Answers at once without starting an execution. */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function secretOf(context: IWebhookFunctions, data: TriggerStaticData): string {
	const manual = context.getNodeParameter('registration', 'automatic') === 'manual';
	const secret = manual ? context.getNodeParameter('secret', '') : data.secret;
	return typeof secret === 'string' ? secret.trim() : '';
}

function parseEvent(body: Buffer): IDataObject | undefined {
	try {
		const event: unknown = JSON.parse(body.toString('utf8'));
		const isEvent =
			typeof event === 'object' &&
			event !== null &&
			typeof (event as IDataObject).type === 'string' &&
			'data' in event;
		return isEvent ? (event as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One delivery from Polar: verified over the exact bytes n8n received, answered at once, and
 * turned into one item unless it is forged, stale, a replay or an event the user did not pick.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const data = this.getWorkflowStaticData('node') as TriggerStaticData;
	const secret = secretOf(this, data);
	if (!secret) {
		this.logger.warn('Polar Trigger rejected a delivery: the trigger has no webhook secret');
		return answer(this, 401, { error: 'This trigger has no webhook secret yet' });
	}

	// n8n keeps the request's bytes in rawBody before it parses them; req.body would be a
	// re-serialisation that need not match what Polar signed.
	const request = this.getRequestObject();
	if (!request.rawBody) await request.readRawBody?.();
	const body = request.rawBody ?? Buffer.alloc(0);
	const id = header(this, 'webhook-id');
	const verification = verifyDelivery(
		{
			id,
			timestamp: header(this, 'webhook-timestamp'),
			signature: header(this, 'webhook-signature'),
			body,
		},
		secret,
		Math.floor(Date.now() / 1000),
	);
	if (!verification.valid) {
		this.logger.warn(`Polar Trigger rejected a delivery: ${verification.reason}`);
		return answer(this, 401, { error: `Invalid webhook signature: ${verification.reason}` });
	}

	const event = parseEvent(body);
	if (!event) return answer(this, 400, { error: 'The body is not a Polar webhook event' });

	const trigger = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`;
	if (isReplay(trigger, id!)) return answer(this, 200, { received: true, duplicate: true });

	const chosen = this.getNodeParameter('events', []) as string[];
	if (!chosen.includes(ALL_EVENTS) && !chosen.includes(String(event.type))) {
		return answer(this, 200, { received: true, ignored: true });
	}

	const onlyData = this.getNodeParameter('options.onlyData', false) === true;
	const json = onlyData
		? (event.data as IDataObject)
		: { type: event.type, timestamp: event.timestamp, data: event.data };
	return { workflowData: [this.helpers.returnJsonArray(json)] };
}
