// Webhook endpoints (CRUD as in Polar's 2026-04 spec, paths /v1/webhooks/endpoints…) and a
// deliverer that signs events the way Polar's server does (server/polar/webhook/tasks.py, as
// recorded in API-FACTS.md "Webhooks"). Written from the spec and the facts, not from the node.

import { createHmac, randomBytes, randomUUID } from 'crypto';

import type { ContractViolation, RequestLike } from './contract';
import { isObject, isUuid4, validateCommonHeaders, violation } from './contract';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';

export const WEBHOOK_ENDPOINTS_PATH = '/v1/webhooks/endpoints';

/** `WebhookEventType` of the 2026-04 spec, in the spec's order. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
	'checkout.created',
	'checkout.updated',
	'checkout.expired',
	'customer.created',
	'customer.updated',
	'customer.deleted',
	'customer.state_changed',
	'customer_seat.assigned',
	'customer_seat.claimed',
	'customer_seat.revoked',
	'member.created',
	'member.updated',
	'member.deleted',
	'order.created',
	'order.updated',
	'order.paid',
	'order.refunded',
	'subscription.created',
	'subscription.updated',
	'subscription.active',
	'subscription.canceled',
	'subscription.uncanceled',
	'subscription.cycled',
	'subscription.revoked',
	'subscription.past_due',
	'subscription.paused',
	'subscription.resumed',
	'refund.created',
	'refund.updated',
	'product.created',
	'product.updated',
	'discount.created',
	'discount.updated',
	'discount.deleted',
	'benefit.created',
	'benefit.updated',
	'benefit_grant.created',
	'benefit_grant.cycled',
	'benefit_grant.updated',
	'benefit_grant.revoked',
	'organization.updated',
];

const FORMATS = ['raw', 'discord', 'slack'];

/** Field lists of the spec's schemas; a test diffs them against the spec itself. */
export const WEBHOOK_SCHEMAS = {
	WebhookEndpointCreate: {
		required: ['url', 'format', 'events'],
		properties: ['url', 'name', 'format', 'events', 'organization_id'],
	},
	WebhookEndpointUpdate: {
		required: [] as string[],
		properties: ['url', 'name', 'format', 'events', 'enabled'],
	},
	WebhookEndpoint: {
		required: [
			'created_at',
			'modified_at',
			'id',
			'url',
			'format',
			'secret',
			'organization_id',
			'events',
			'enabled',
		],
		properties: [
			'created_at',
			'modified_at',
			'id',
			'url',
			'name',
			'format',
			'secret',
			'organization_id',
			'events',
			'enabled',
		],
	},
} as const;

export interface WebhookEndpoint {
	created_at: string;
	modified_at: string | null;
	id: string;
	url: string;
	name: string | null;
	format: 'raw' | 'discord' | 'slack';
	secret: string;
	organization_id: string;
	events: string[];
	enabled: boolean;
}

export interface Delivery {
	endpointId: string;
	webhookId: string;
	type: string;
	/** What the endpoint answered; 0 when the connection failed. */
	status: number;
	responseBody: string;
}

export interface DeliverOptions {
	/** The `webhook-id` header; a fresh `msg_…` by default. Reuse one to replay a delivery. */
	webhookId?: string;
	/** Unix seconds for `webhook-timestamp`; now by default. */
	timestamp?: number;
	/** The exact body to send (and sign) instead of `JSON.stringify(event)`. */
	rawBody?: string;
	/** Change the body after signing it (a tampered delivery). */
	tamper?: (body: string) => string;
	/** Sign with this secret instead of the endpoint's. */
	secret?: string;
	/** More `v1,…` entries before the real one in `webhook-signature`. */
	extraSignatures?: string[];
	/** Leave these headers out. */
	omitHeaders?: Array<'webhook-id' | 'webhook-timestamp' | 'webhook-signature'>;
	/** Deliver to this URL instead of the endpoint's. */
	url?: string;
}

export interface WebhookEvent {
	type: string;
	timestamp?: string;
	data: Record<string, unknown>;
}

/**
 * Polar's signature: Polar hands the standardwebhooks library base64(secret), which decodes it
 * again, so the HMAC key is the secret string's UTF-8 bytes, prefix included.
 */
export function polarSignature(
	secret: string,
	webhookId: string,
	timestamp: number | string,
	body: string | Buffer,
): string {
	const key = Buffer.from(Buffer.from(secret, 'utf8').toString('base64'), 'base64');
	const content = Buffer.concat([
		Buffer.from(`${webhookId}.${timestamp}.`, 'utf8'),
		typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
	]);
	return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
}

function checkUrl(v: unknown, loc: Array<string | number>): ContractViolation | undefined {
	if (typeof v !== 'string')
		return violation(loc, 'string_type', 'Input should be a valid string', v);
	if (v.length < 1 || v.length > 2083)
		return violation(loc, 'string_length', 'String should have 1 to 2083 characters', v);
	try {
		new URL(v);
	} catch {
		return violation(loc, 'url_parsing', 'Input should be a valid URL', v);
	}
	return undefined;
}

function checkEvents(v: unknown, loc: Array<string | number>): ContractViolation[] {
	if (!Array.isArray(v)) return [violation(loc, 'list_type', 'Input should be a valid list', v)];
	return v.flatMap((event, i) =>
		WEBHOOK_EVENT_TYPES.includes(event as string)
			? []
			: [violation([...loc, i], 'enum', 'Input should be a WebhookEventType', event)],
	);
}

/** A create or update body: the spec's fields, types and enums; unknown fields are violations. */
export function validateEndpointBody(
	body: unknown,
	kind: 'create' | 'update',
): ContractViolation[] {
	if (!isObject(body))
		return [violation(['body'], 'model_attributes_type', 'Input should be a JSON object', body)];
	const schema =
		WEBHOOK_SCHEMAS[kind === 'create' ? 'WebhookEndpointCreate' : 'WebhookEndpointUpdate'];
	const out: ContractViolation[] = [];
	for (const key of schema.required)
		if (!(key in body)) out.push(violation(['body', key], 'missing', 'Field required'));
	for (const [key, value] of Object.entries(body)) {
		const loc = ['body', key];
		if (!(schema.properties as readonly string[]).includes(key)) {
			out.push(violation(loc, 'extra_forbidden', 'Extra inputs are not permitted', value));
			continue;
		}
		if (value === null && (kind === 'update' || key === 'name' || key === 'organization_id'))
			continue;
		if (key === 'url') {
			const v = checkUrl(value, loc);
			if (v) out.push(v);
		} else if (key === 'format' && !FORMATS.includes(value as string)) {
			out.push(violation(loc, 'enum', "Input should be 'raw', 'discord' or 'slack'", value));
		} else if (key === 'events') {
			out.push(...checkEvents(value, loc));
		} else if (key === 'name' && typeof value !== 'string') {
			out.push(violation(loc, 'string_type', 'Input should be a valid string', value));
		} else if (key === 'organization_id' && !isUuid4(value)) {
			out.push(violation(loc, 'uuid_parsing', 'Input should be a valid UUID', value));
		} else if (key === 'enabled' && typeof value !== 'boolean') {
			out.push(violation(loc, 'bool_type', 'Input should be a valid boolean', value));
		}
	}
	return out;
}

type Route = 'list' | 'create' | 'get' | 'update' | 'delete' | 'resetSecret';

/** The route of a webhook endpoints request, or undefined for any other path. */
export function webhookRoute(method: string, path: string): Route | undefined {
	const rest = path.startsWith(WEBHOOK_ENDPOINTS_PATH)
		? path.slice(WEBHOOK_ENDPOINTS_PATH.length)
		: undefined;
	if (rest === undefined) return undefined;
	if (rest === '' || rest === '/')
		return method === 'GET' ? 'list' : method === 'POST' ? 'create' : undefined;
	const parts = rest.split('/').filter(Boolean);
	if (parts.length === 2 && parts[1] === 'secret' && method === 'PATCH') return 'resetSecret';
	if (parts.length !== 1) return undefined;
	return ({ GET: 'get', PATCH: 'update', DELETE: 'delete' } as Record<string, Route>)[method];
}

/** Scopes any one of which Polar accepts for each route (from the spec's security). */
const ROUTE_SCOPES: Record<Route, string[]> = {
	list: ['webhooks:read', 'webhooks:write'],
	get: ['webhooks:read', 'webhooks:write'],
	create: ['webhooks:write'],
	update: ['webhooks:write'],
	delete: ['webhooks:write'],
	resetSecret: ['webhooks:write'],
};

/** Method, headers, path id and body of a webhook endpoints request. */
export function validateWebhookRequest(req: RequestLike): ContractViolation[] {
	const route = webhookRoute(req.method, req.path);
	const out = validateCommonHeaders(req.headers);
	if (route === undefined) {
		out.push(
			violation(
				['path'],
				'unknown_route',
				'not a webhook endpoints route',
				`${req.method} ${req.path}`,
			),
		);
		return out;
	}
	const id = req.path.slice(WEBHOOK_ENDPOINTS_PATH.length).split('/').filter(Boolean)[0];
	if (id !== undefined && !isUuid4(id))
		out.push(violation(['path', 'id'], 'uuid_parsing', 'Input should be a valid UUID', id));
	if (route === 'create' || route === 'update') out.push(...validateEndpointBody(req.body, route));
	return out;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64url').slice(0, 43)}`;

export interface WebhookEndpointStore {
	readonly endpoints: Map<string, WebhookEndpoint>;
	readonly deliveries: Delivery[];
	/** Answers a webhook endpoints request; `authorize` answers 401/403 or undefined. */
	handle(
		route: Route,
		req: RequestLike,
		found: ContractViolation[],
		authorize: (scopes: string[]) => CannedResponse | undefined,
	): CannedResponse;
	/** Signs and POSTs an event to an endpoint as Polar does; resolves with the answer. */
	deliver(endpointId: string, event: WebhookEvent, options?: DeliverOptions): Promise<Delivery>;
	reset(): void;
}

export function createWebhookEndpointStore(organizationId: string): WebhookEndpointStore {
	const endpoints = new Map<string, WebhookEndpoint>();
	const deliveries: Delivery[] = [];

	const idOf = (req: RequestLike) =>
		req.path.slice(WEBHOOK_ENDPOINTS_PATH.length).split('/').filter(Boolean)[0];

	return {
		endpoints,
		deliveries,
		handle(route, req, found, authorize) {
			const denied = authorize(ROUTE_SCOPES[route]);
			if (denied) return denied;
			if (found.length > 0)
				return polarErrors.validation(
					found.map((v) => ({ loc: v.loc, msg: v.msg, type: v.type, input: v.input ?? null })),
				);
			const body = (req.body ?? {}) as Record<string, unknown>;
			if (route === 'list') {
				const items = [...endpoints.values()];
				return jsonResponse(200, { items, pagination: { total_count: items.length, max_page: 1 } });
			}
			if (route === 'create') {
				const endpoint: WebhookEndpoint = {
					created_at: new Date().toISOString(),
					modified_at: null,
					id: randomUUID(),
					url: body.url as string,
					name: (body.name as string | null | undefined) ?? null,
					format: body.format as WebhookEndpoint['format'],
					secret: newSecret(),
					organization_id: (body.organization_id as string | null | undefined) ?? organizationId,
					events: body.events as string[],
					enabled: true,
				};
				endpoints.set(endpoint.id, endpoint);
				return jsonResponse(201, endpoint);
			}
			const endpoint = endpoints.get(idOf(req));
			if (!endpoint) return polarErrors.notFound();
			if (route === 'delete') {
				endpoints.delete(endpoint.id);
				return { status: 204, headers: {}, body: '' };
			}
			if (route === 'update') {
				for (const [key, value] of Object.entries(body))
					if (value !== null) (endpoint as unknown as Record<string, unknown>)[key] = value;
				endpoint.modified_at = new Date().toISOString();
			}
			if (route === 'resetSecret') endpoint.secret = newSecret();
			return jsonResponse(200, endpoint);
		},
		async deliver(endpointId, event, options = {}) {
			const endpoint = endpoints.get(endpointId);
			if (!endpoint) throw new Error(`No webhook endpoint ${endpointId} at the double`);
			const webhookId = options.webhookId ?? `msg_${randomBytes(12).toString('hex')}`;
			const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
			const signed =
				options.rawBody ??
				JSON.stringify({ ...event, timestamp: event.timestamp ?? new Date().toISOString() });
			const signature = polarSignature(
				options.secret ?? endpoint.secret,
				webhookId,
				timestamp,
				signed,
			);
			const headers: Record<string, string> = {
				'content-type': 'application/json',
				'user-agent': 'polar.sh webhooks',
				'webhook-id': webhookId,
				'webhook-timestamp': String(timestamp),
				'webhook-signature': [...(options.extraSignatures ?? []), signature].join(' '),
			};
			for (const name of options.omitHeaders ?? []) delete headers[name];
			const body = options.tamper ? options.tamper(signed) : signed;
			const delivery: Delivery = {
				endpointId,
				webhookId,
				type: event.type,
				status: 0,
				responseBody: '',
			};
			try {
				const response = await fetch(options.url ?? endpoint.url, {
					method: 'POST',
					headers,
					body,
					signal: AbortSignal.timeout(10_000), // Polar waits 10 s
				});
				delivery.status = response.status;
				delivery.responseBody = await response.text();
			} catch (error) {
				delivery.responseBody = String(error);
			}
			deliveries.push(delivery);
			return delivery;
		},
		reset() {
			endpoints.clear();
			deliveries.length = 0;
		},
	};
}
