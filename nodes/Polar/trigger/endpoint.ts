import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import type { RefineFailure } from '../transport/errors';
import { listItems } from '../transport/pagination';
import { apiPath } from '../transport/path';
import { PolarClient, type ClientOptions, type PolarRequest } from '../transport/PolarClient';
import { POLAR_API_VERSION } from '../transport/servers';
import { eventTypes } from './events';
import { forgetSecret, rememberSecret, type KnownSecret } from './secrets';
import { checkWebhookUrl, refusedUrlFailure, refusesUrl } from './webhookUrl';

export const ENDPOINTS_PATH = '/v1/webhooks/endpoints';

/**
 * What the node keeps in the workflow's static data: the endpoint's ID only. Static data is in
 * the workflow's export and n8n's public API, so the secret is never kept there (0.2.0 did: it is
 * removed on sight).
 */
export interface TriggerStaticData extends IDataObject {
	endpointId?: string;
	secret?: string;
}

/** Polar's endpoint, as far as the node reads it. */
export interface WebhookEndpoint extends IDataObject {
	id: string;
	url: string;
	secret: string;
	format: string;
	events: string[];
	enabled: boolean;
	created_at: string;
	/** Set by Polar since September 2026: which key signs its deliveries. */
	uses_standard_webhook_signature?: boolean;
	/** The API version of its payloads (SDK 1.0.1 `WebhookEndpoint.api_version`). */
	api_version?: string;
}

type EndpointContext = IHookFunctions | IWebhookFunctions;

const CLIENT_OPTIONS: ClientOptions = {
	timeoutMs: 10_000,
	retry: { maxRetries: 2, maxWaitMs: 10_000 },
};

/**
 * A delivery's look-up of the endpoint: deliveries wait for it a few seconds only (receive.ts
 * LOOKUP_WAIT_MS), so short attempts and one quick retry; a longer wait is Polar's own retry of
 * the delivery, and a 429's Retry-After of a minute fails it at once.
 */
const LOOKUP_OPTIONS: ClientOptions = {
	timeoutMs: 5_000,
	retry: { maxRetries: 1, maxWaitMs: 1_000 },
};

const SCOPE = 'webhooks:write';

/** Listening for a test event: n8n runs the test URL's registration and deliveries as manual. */
const isTest = (context: EndpointContext) => context.getMode() === 'manual';

/** The key of this trigger's secret in memory: its workflow, node, and test or production. */
export function triggerKey(context: EndpointContext): string {
	const { id = '' } = context.getWorkflow();
	return [id, context.getNode().name, isTest(context) ? 'test' : 'live'].join('\u0000');
}

export function staticData(context: EndpointContext): TriggerStaticData {
	const data = context.getWorkflowStaticData('node') as TriggerStaticData;
	if ('secret' in data) delete data.secret;
	return data;
}

/** The client's errors already are node errors; anything else is wrapped into one. */
function asNodeError(context: EndpointContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

/**
 * The trigger's own wording of Polar's answers: a 403 names the scope and the way around it; a
 * 422 about the URL (one the check before sending did not foresee) names Polar's URL rule and
 * the ways out, as that check does.
 */
const explainFor =
	(context: EndpointContext): RefineFailure =>
	(failure, answer) => {
		if (!refusesUrl(answer)) return explainScope(failure, answer);
		const detail = (answer.body as { detail: Array<{ msg?: unknown }> }).detail;
		const said = detail.map((entry) => String(entry.msg ?? '')).join(' ');
		const url = context.getNodeWebhookUrl('default') ?? String(answer.requestBody?.url ?? '');
		return { ...failure, ...refusedUrlFailure(url, `was refused by Polar (422: ${said})`) };
	};

const explainScope: RefineFailure = (failure, answer) =>
	answer.status === 403
		? {
				...failure,
				// n8n 2.x shows a failed publication with the message alone: it names the way out too.
				message: `The access token lacks the ${SCOPE} scope (403): add it, or set Webhook Endpoint to “Created in Polar’s Dashboard”`,
				description: `The Polar Trigger registers its webhook endpoint in Polar, which needs a token with the ${SCOPE} scope: add it to the token in Polar’s dashboard (Settings → Developers). Or set Webhook Endpoint to “Created in Polar’s Dashboard”, create the endpoint there with this node’s Production URL, and paste its secret into a Polar Webhook Secret credential.`,
			}
		: failure;

async function clientFor(context: EndpointContext, options = CLIENT_OPTIONS): Promise<PolarClient> {
	return await PolarClient.create(context, options);
}

async function send<T>(context: EndpointContext, request: PolarRequest): Promise<T> {
	try {
		return await (
			await clientFor(context)
		).request<T>({
			...request,
			refine: explainFor(context),
		});
	} catch (error) {
		throw asNodeError(context, error);
	}
}

/** The endpoint, or undefined when Polar itself says there is no such endpoint. */
export async function getEndpoint(
	context: EndpointContext,
	id: string,
	options = CLIENT_OPTIONS,
): Promise<WebhookEndpoint | undefined> {
	try {
		return await (
			await clientFor(context, options)
		).find<WebhookEndpoint>({
			method: 'GET',
			path: apiPath`/v1/webhooks/endpoints/${id}`,
			repeatable: true,
			refine: explainScope,
		});
	} catch (error) {
		throw asNodeError(context, error);
	}
}

/**
 * A URL as Polar stores it (pydantic's HttpUrl, WHATWG rules): lower-case host, default port
 * dropped, IDN as punycode, `/` for an empty path. Compared this way, a URL n8n spells
 * differently is still the same endpoint.
 */
export function normaliseUrl(url: string): string {
	try {
		return new URL(url).href;
	} catch {
		return url;
	}
}

function webhookUrl(context: EndpointContext): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave the trigger no webhook URL');
	return url;
}

function chosenEvents(context: IHookFunctions): string[] {
	return eventTypes(context.getNodeParameter('events', []) as string[]);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Polar's endpoints for this trigger's URL, oldest first. */
export async function endpointsFor(
	context: EndpointContext,
	url: string,
	options = CLIENT_OPTIONS,
): Promise<WebhookEndpoint[]> {
	const client = await clientFor(context, options);
	let all: IDataObject[];
	try {
		all = await listItems(
			client,
			{ method: 'GET', path: ENDPOINTS_PATH, repeatable: true, refine: explainScope },
			undefined,
			0,
		);
	} catch (error) {
		throw asNodeError(context, error);
	}
	const wanted = normaliseUrl(url);
	return (all as WebhookEndpoint[])
		.filter((endpoint) => normaliseUrl(endpoint.url) === wanted)
		.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/**
 * Brings an endpoint in line with the node (URL, events, format Raw, enabled) with one PATCH
 * when anything differs: its secret, and Polar's queued retries, stay.
 */
async function reconcile(
	context: IHookFunctions,
	endpoint: WebhookEndpoint,
): Promise<WebhookEndpoint> {
	const url = webhookUrl(context);
	const events = chosenEvents(context);
	const changes: IDataObject = {};
	if (normaliseUrl(endpoint.url) !== normaliseUrl(url)) changes.url = url;
	if (!sameSet(endpoint.events, events)) changes.events = events;
	if (endpoint.format !== 'raw') changes.format = 'raw';
	if (!endpoint.enabled) changes.enabled = true;
	// The version of its payloads: the node's own, so what the workflow gets is what it was
	// built for. Changed in place (never deleted and recreated): its secret, its deliveries'
	// history and what the user set in Polar's dashboard stay. A server that states no version
	// is left alone.
	if (endpoint.api_version !== undefined && endpoint.api_version !== POLAR_API_VERSION)
		changes.api_version = POLAR_API_VERSION;
	if (Object.keys(changes).length === 0) return endpoint;
	return await send<WebhookEndpoint>(context, {
		method: 'PATCH',
		path: apiPath`/v1/webhooks/endpoints/${endpoint.id}`,
		body: changes,
		// Setting the same values again is harmless.
		repeatable: true,
	});
}

function adopt(context: EndpointContext, endpoint: WebhookEndpoint): void {
	staticData(context).endpointId = endpoint.id;
	rememberSecret(triggerKey(context), endpoint);
}

/**
 * The trigger's endpoint in Polar: the one static data names or, when there is none (static
 * data lost, or not yet written by n8n), the oldest Polar has for `url`.
 */
async function findEndpoint(
	context: EndpointContext,
	url: string | undefined,
	options = CLIENT_OPTIONS,
): Promise<WebhookEndpoint | undefined> {
	const { endpointId } = staticData(context);
	const remembered = endpointId ? await getEndpoint(context, endpointId, options) : undefined;
	if (remembered || url === undefined) return remembered;
	return (await endpointsFor(context, url, options))[0];
}

/**
 * Reads the trigger's endpoint from Polar for a delivery; its secret is kept in memory. Called
 * through receive.ts's one look-up at a time (lookups.ts), never per delivery.
 */
export async function readEndpoint(context: IWebhookFunctions): Promise<KnownSecret | undefined> {
	// n8n gives a webhook its production URL only: a test endpoint is found by static data.
	const url = isTest(context) ? undefined : webhookUrl(context);
	const endpoint = await findEndpoint(context, url, LOOKUP_OPTIONS);
	return endpoint ? rememberSecret(triggerKey(context), endpoint) : undefined;
}

/**
 * Whether this trigger has its endpoint in Polar, made current. The one it remembers, or, when
 * static data was lost, one Polar has for its URL, is adopted and PATCHed where it differs (a
 * disabled endpoint is enabled again); it is never deleted and recreated. Only Polar's own "no
 * such object" 404 means the endpoint is gone.
 */
export async function endpointExists(context: IHookFunctions): Promise<boolean> {
	await checkWebhookUrl(context, webhookUrl(context));
	const endpoint = await findEndpoint(context, webhookUrl(context));
	if (!endpoint) {
		const data = staticData(context);
		if (data.endpointId) forgetSecret(data.endpointId);
		delete data.endpointId;
		return false;
	}
	adopt(context, await reconcile(context, endpoint));
	return true;
}

/**
 * Creates the endpoint. When the answer is lost, or another activation created one at the same
 * time, Polar's list for this URL decides: the oldest endpoint is kept, any other deleted, so
 * the trigger ends with exactly one.
 */
export async function createEndpoint(context: IHookFunctions): Promise<boolean> {
	await checkWebhookUrl(context, webhookUrl(context));
	// organization_id is the client's to add: a user's token names it, an organization's may not.
	const body: IDataObject = {
		url: webhookUrl(context),
		format: 'raw',
		events: chosenEvents(context),
		// Payloads in the node's version, as its requests are (default: Polar's Current).
		api_version: POLAR_API_VERSION,
	};
	let created: WebhookEndpoint | undefined;
	let lostAnswer: NodeApiError | NodeOperationError | undefined;
	try {
		created = await send<WebhookEndpoint>(context, {
			method: 'POST',
			path: ENDPOINTS_PATH,
			body,
			// Not repeated: the list below finds what a lost answer created.
			repeatable: false,
			effect: 'created the webhook endpoint',
		});
	} catch (error) {
		lostAnswer = asNodeError(context, error);
		if (lostAnswer.context.mayHaveActed !== true) throw lostAnswer;
	}
	const [kept = created, ...duplicates] = await endpointsFor(context, body.url as string);
	if (!kept) throw lostAnswer!;
	for (const duplicate of duplicates) await deleteById(context, duplicate.id);
	adopt(context, await reconcile(context, kept));
	return true;
}

/** Deletes one endpoint; one already gone from Polar counts as deleted. */
async function deleteById(context: EndpointContext, id: string): Promise<void> {
	await (
		await clientFor(context)
	)
		.find({
			method: 'DELETE',
			path: apiPath`/v1/webhooks/endpoints/${id}`,
			noContent: true,
			// Harmless to repeat: an endpoint already gone counts as deleted.
			repeatable: true,
			refine: explainScope,
		})
		.catch((error: unknown) => {
			throw asNodeError(context, error);
		});
	forgetSecret(id);
}

/**
 * Deletes the trigger's endpoint: the one it remembers, or, when static data was lost, every
 * endpoint Polar has for its URL.
 */
export async function deleteEndpoint(context: IHookFunctions): Promise<boolean> {
	const data = staticData(context);
	const ids = data.endpointId
		? [data.endpointId]
		: (await endpointsFor(context, webhookUrl(context))).map((endpoint) => endpoint.id);
	for (const id of ids) await deleteById(context, id);
	delete data.endpointId;
	return true;
}
