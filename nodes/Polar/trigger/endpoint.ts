import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
} from 'n8n-workflow';

import type { RefineFailure } from '../transport/errors';

import { PolarClient, type ClientOptions, type PolarRequest } from '../transport/PolarClient';
import { eventTypes } from './events';

export const ENDPOINTS_PATH = '/v1/webhooks/endpoints';

/** What the node keeps in the workflow's static data: never output, logged or put in an error. */
export interface TriggerStaticData extends IDataObject {
	endpointId?: string;
	secret?: string;
}

/** Polar's endpoint, as far as the node reads it. */
interface WebhookEndpoint extends IDataObject {
	id: string;
	url: string;
	secret: string;
	events: string[];
	enabled: boolean;
}

const CLIENT_OPTIONS: ClientOptions = {
	timeoutMs: 10_000,
	retry: { maxRetries: 2, maxWaitMs: 10_000 },
};

const SCOPE = 'webhooks:write';

export function staticData(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function isStatus(error: unknown, status: string): boolean {
	return error instanceof NodeApiError && error.httpCode === status;
}

/** The client's errors already are node errors; anything else is wrapped into one. */
function asNodeError(context: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}

/** A 403 names the scope and the way around it: the trigger's own wording of Polar's answer. */
const explainScope: RefineFailure = (failure, answer) =>
	answer.status === 403
		? {
				...failure,
				message: `The access token lacks the ${SCOPE} scope (403)`,
				description: `The Polar Trigger registers its webhook endpoint in Polar, which needs a token with the ${SCOPE} scope: add it to the token in Polar’s dashboard (Settings → Developers). Or set Webhook Endpoint to “Created in Polar’s Dashboard”, create the endpoint there with this node’s Production URL, and paste its secret.`,
			}
		: failure;

async function send<T>(context: IHookFunctions, request: PolarRequest): Promise<T> {
	const client = await PolarClient.create(context, CLIENT_OPTIONS);
	return await client.request<T>({ ...request, refine: explainScope });
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave the trigger no webhook URL');
	return url;
}

function chosenEvents(context: IHookFunctions): string[] {
	return eventTypes(context.getNodeParameter('events', []) as string[]);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Whether the endpoint this node registered still exists in Polar, enabled, with this
 * workflow's URL and events. One that was changed is deleted, so a fresh one replaces it.
 */
export async function endpointExists(context: IHookFunctions): Promise<boolean> {
	const data = staticData(context);
	if (!data.endpointId) return false;
	let endpoint: WebhookEndpoint;
	try {
		endpoint = await send<WebhookEndpoint>(context, {
			method: 'GET',
			path: `${ENDPOINTS_PATH}/${data.endpointId}`,
			repeatable: true,
		});
	} catch (error) {
		if (!isStatus(error, '404')) throw asNodeError(context, error);
		// Removed in Polar's dashboard: forget it, so create() makes a new one.
		forget(data);
		return false;
	}
	const current =
		endpoint.enabled &&
		endpoint.url === webhookUrl(context) &&
		sameSet(endpoint.events, chosenEvents(context));
	if (!current) await deleteEndpoint(context);
	return current;
}

export async function createEndpoint(context: IHookFunctions): Promise<boolean> {
	const organizationId = String(
		(await context.getCredentials('polarApi')).organizationId ?? '',
	).trim();
	const body: IDataObject = {
		url: webhookUrl(context),
		format: 'raw',
		events: chosenEvents(context),
	};
	// Needed only by tokens that reach several organizations; the same header choice as requests.
	if (organizationId) body.organization_id = organizationId;
	const endpoint = await send<WebhookEndpoint>(context, {
		method: 'POST',
		path: ENDPOINTS_PATH,
		body,
		// A repeat after a lost answer would leave a second endpoint behind, unseen.
		repeatable: false,
		effect: 'created the webhook endpoint',
	});
	const data = staticData(context);
	data.endpointId = endpoint.id;
	data.secret = endpoint.secret;
	return true;
}

/** Deletes the endpoint; one already gone from Polar counts as deleted. */
export async function deleteEndpoint(context: IHookFunctions): Promise<boolean> {
	const data = staticData(context);
	if (!data.endpointId) return true;
	try {
		await send(context, {
			method: 'DELETE',
			path: `${ENDPOINTS_PATH}/${data.endpointId}`,
			noContent: true,
			// Harmless to repeat: an endpoint already gone (404) counts as deleted below.
			repeatable: true,
		});
	} catch (error) {
		if (!isStatus(error, '404')) throw asNodeError(context, error);
	}
	forget(data);
	return true;
}

function forget(data: TriggerStaticData): void {
	delete data.endpointId;
	delete data.secret;
}
