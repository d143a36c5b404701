import {
	sleep,
	type IDataObject,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { ALL_EVENTS } from './events';
import { readEndpoint, triggerKey } from './endpoint';
import { endpointLookups, type LookupResult } from './lookups';
import { replayGuard } from './replay';
import { recallSecret, type KnownSecret } from './secrets';
import {
	checkHeaders,
	signingKeys,
	verifyDelivery,
	type SignedDelivery,
	type Verification,
} from './signature';

/**
 * A signature that fails with a secret read this long ago is checked once more with the
 * endpoint read again: its secret may have been reset in Polar's dashboard. Not sooner, so
 * forged deliveries cannot make the node call Polar at will.
 */
export const REREAD_SECRET_AFTER_MS = 60_000;

/**
 * The longest a delivery waits for a look-up of the endpoint before it is answered 503 (Polar
 * retries it): Polar gives up on an answer after 10 s (server/polar/webhook/tasks.py,
 * `_webhook_event_send`: `timeout=10.0`), and n8n spends some of them before the node runs. The
 * look-up goes on, for the deliveries after it.
 */
export const LOOKUP_WAIT_MS = 7_000;

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

function reject(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	context.logger.warn(`Polar Trigger rejected a delivery: ${reason}`);
	return answer(context, 401, { error: `Invalid webhook signature: ${reason}` });
}

/**
 * The secret pasted for a dashboard endpoint: a Polar Webhook Secret credential; nodes of
 * version 1 may still hold it in their Webhook Secret parameter.
 */
async function pastedSecret(context: IWebhookFunctions): Promise<string> {
	if (context.getNode().typeVersion < 1.1) {
		const parameter = context.getNodeParameter('secret', '');
		return typeof parameter === 'string' ? parameter.trim() : '';
	}
	try {
		const credential = await context.getCredentials('polarWebhookSecretApi');
		return String(credential.secret ?? '').trim();
	} catch {
		return '';
	}
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Any JSON object with a type is an event: Polar adds event types (and their payloads may take
 * other shapes), and a verified delivery it made must never be refused, since every refusal
 * counts towards Polar disabling the endpoint.
 */
function parseEvent(body: Buffer): IDataObject | undefined {
	try {
		const event: unknown = JSON.parse(body.toString('utf8'));
		return isObject(event) && typeof event.type === 'string' ? event : undefined;
	} catch {
		return undefined;
	}
}

type Outcome = Verification | { valid: false; status: number; reason: string };

/** Polar retries the delivery; its queued events are kept meanwhile. */
const unchecked = (reason: string): Outcome => ({ valid: false, status: 503, reason });

/** The promise's value, or undefined when it takes longer than `ms`. */
async function atMost<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	const settled = new AbortController();
	const late = sleep(ms, settled.signal).then(
		() => undefined,
		() => undefined,
	);
	try {
		return await Promise.race([promise, late]);
	} finally {
		settled.abort();
	}
}

/**
 * The trigger's endpoint read from Polar, through this process's one look-up at a time
 * (lookups.ts); undefined when it takes longer than a delivery may wait.
 */
async function lookUp(context: IWebhookFunctions): Promise<LookupResult<KnownSecret> | undefined> {
	const key = triggerKey(context);
	return await atMost(
		endpointLookups.run(key, async () => await readEndpoint(context)),
		LOOKUP_WAIT_MS,
	);
}

/**
 * Verifies a delivery to the endpoint this trigger registered, with the secret and scheme Polar
 * states for it, read from Polar (not from n8n's database) and kept in memory.
 */
async function verifyRegistered(
	context: IWebhookFunctions,
	delivery: SignedDelivery,
	nowSeconds: number,
): Promise<Outcome> {
	const check = (secret: KnownSecret) =>
		verifyDelivery(delivery, signingKeys(secret.secret, secret.scheme), nowSeconds);
	const known = recallSecret(triggerKey(context));
	if (known) {
		const verification = check(known);
		const mayBeReset = Date.now() - known.readAt >= REREAD_SECRET_AFTER_MS;
		if (verification.valid || !mayBeReset) return verification;
	}
	const lookup = await lookUp(context);
	if (!lookup) return unchecked('Polar did not answer the look-up of the endpoint in time');
	if (lookup.kind === 'failed') {
		return unchecked(`could not read the endpoint’s secret from Polar: ${lookup.error.message}`);
	}
	if (lookup.kind === 'found') return check(lookup.value);
	// No endpoint for this trigger in Polar (deleted there, or not found yet): refused. Polar counts
	// any non-2xx answer alike and retries with back-off (webhook/tasks.py, `_webhook_event_send`),
	// so a live endpoint the look-up missed gets its events on a retry after the pause.
	return known ? check(known) : { valid: false, reason: 'this trigger has no endpoint in Polar' };
}

/**
 * One delivery from Polar: verified over the exact bytes n8n received, answered at once, and
 * turned into one item unless it is forged, stale, a replay or an event the user did not pick.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// n8n keeps the request's bytes in rawBody before it parses them; req.body would be a
	// re-serialisation that need not match what Polar signed.
	const request = this.getRequestObject();
	if (!request.rawBody) await request.readRawBody?.();
	const delivery: SignedDelivery = {
		id: header(this, 'webhook-id'),
		timestamp: header(this, 'webhook-timestamp'),
		signature: header(this, 'webhook-signature'),
		body: request.rawBody ?? Buffer.alloc(0),
	};
	const nowSeconds = Math.floor(Date.now() / 1000);
	const headers = checkHeaders(delivery, nowSeconds);
	if (!headers.valid) return reject(this, headers.reason);

	let outcome: Outcome;
	if (this.getNodeParameter('registration', 'automatic') === 'manual') {
		const secret = await pastedSecret(this);
		if (!secret) return reject(this, 'the trigger has no webhook secret');
		outcome = verifyDelivery(delivery, signingKeys(secret, 'either'), nowSeconds);
	} else {
		outcome = await verifyRegistered(this, delivery, nowSeconds);
	}
	if (!outcome.valid) {
		if (!('status' in outcome)) return reject(this, outcome.reason);
		this.logger.warn(`Polar Trigger could not check a delivery: ${outcome.reason}`);
		return answer(this, outcome.status, {
			error: 'The delivery could not be checked; retry later',
		});
	}

	const event = parseEvent(delivery.body as Buffer);
	if (!event) return answer(this, 400, { error: 'The body is not a Polar webhook event' });
	const scope = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`;
	const seen = replayGuard.check(scope, delivery.id!, Date.now());
	if (seen === 'replay') return answer(this, 200, { received: true, duplicate: true });
	if (seen === 'full') {
		this.logger.warn('Polar Trigger is refusing deliveries: too many in the last 10 minutes');
		return answer(this, 503, { error: 'Too many deliveries; retry later' });
	}

	// All Events takes every event Polar sends, types newer than this node included (a dashboard
	// endpoint may subscribe to them); chosen events ignore the rest, answered 200 all the same.
	const chosen = this.getNodeParameter('events', []) as string[];
	if (!chosen.includes(ALL_EVENTS) && !chosen.includes(String(event.type))) {
		return answer(this, 200, { received: true, ignored: true });
	}
	const onlyData = this.getNodeParameter('options.onlyData', false) === true;
	return { workflowData: [[{ json: onlyData ? eventData(event) : event }]] };
}

/** What Only Data leaves out: the envelope every payload has. */
const ENVELOPE = new Set(['type', 'timestamp', 'api_version', 'data']);

/**
 * The event's data, with the fields some payloads carry beside it (subscription.migrated's
 * `provider` and `provider_subscription_id`, SDK 1.0.1 `WebhookSubscriptionMigratedPayload`),
 * which belong to the event as much as its data; a data field of the same name is kept.
 */
function eventData(event: IDataObject): IDataObject {
	const data = isObject(event.data) ? event.data : {};
	const beside = Object.entries(event).filter(([key]) => !ENVELOPE.has(key) && !(key in data));
	return { ...data, ...Object.fromEntries(beside) };
}
