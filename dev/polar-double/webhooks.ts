// Webhook endpoints (CRUD as in Polar's 2026-04 spec, paths /v1/webhooks/endpoints…) kept as
// Polar's server keeps them (server/polar/webhook/service.py, schemas.py, endpoints.py), and the
// deliverer of signed events to them (webhook-deliveries.ts). Written from Polar's server source
// and spec, not from the node.

import { randomUUID } from 'crypto';

import type { ContractViolation, RequestLike } from './contract';
import { isObject, isUuid4, validateCommonHeaders, violation } from './contract';
import { CURRENT_API_VERSION, SERVED_API_VERSIONS } from './versions';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import {
	createDeliverer,
	type DeliverableEndpoint,
	type Deliverer,
	type Delivery,
} from './webhook-deliveries';
import {
	generateSecret,
	legacySecret,
	STANDARD_SIGNATURE_CUTOFF,
	usesStandardSignature,
} from './webhook-secrets';
import { normaliseWebhookUrl, type WebhookUrlPolicy } from './webhook-urls';

export const WEBHOOK_ENDPOINTS_PATH = '/v1/webhooks/endpoints';

/**
 * `WebhookEventType` as Polar serves it now: the 2026-04 spec file's 41, in its order, and
 * `subscription.migrated`, which Polar added since (SDK 1.0.1: `WebhookEventType` in every
 * version's models file, between `subscription.resumed` and `refund.created`).
 */
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
	'subscription.migrated',
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

/**
 * The versions an endpoint's payloads can take (SDK 1.0.1 `ApiVersion` of its newest contract,
 * 2027-01; `WebhookEndpointCreate.api_version`, `WebhookEndpointUpdate.api_version`).
 */
export const WEBHOOK_API_VERSIONS: readonly string[] = SERVED_API_VERSIONS;

/** Field lists of the 2026-04 spec's schemas; a test diffs them against the spec itself. */
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

/**
 * Fields newer Polar servers return on `WebhookEndpoint` that the 2026-04 spec lacks
 * (server/polar/webhook/schemas.py after the switch to Standard Webhooks signing): the one
 * documented exception to the double answering with exactly the spec's fields.
 */
export const NEWER_SERVER_ENDPOINT_FIELDS = [
	'api_version',
	'uses_standard_webhook_signature',
] as const;

/**
 * The create and update bodies' field the 2026-04 spec lacks: the version of the endpoint's
 * payloads (SDK 1.0.1 `WebhookEndpointCreate.api_version`, `WebhookEndpointUpdate.api_version`;
 * default: Current).
 */
export const NEWER_SERVER_BODY_FIELDS = ['api_version'] as const;

export interface WebhookEndpoint extends DeliverableEndpoint {
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
	/** The API version of its event payloads, sent as `webhook-api-version`. */
	api_version: string;
	/** Computed from when the secret was generated (`secret_generated_at`, never returned). */
	uses_standard_webhook_signature: boolean;
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
	urlPolicy: WebhookUrlPolicy = 'polar',
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
		const known = [...schema.properties, ...NEWER_SERVER_BODY_FIELDS] as readonly string[];
		if (!known.includes(key)) {
			out.push(violation(loc, 'extra_forbidden', 'Extra inputs are not permitted', value));
			continue;
		}
		if (value === null && (kind === 'update' || key === 'name' || key === 'organization_id'))
			continue;
		if (key === 'url') {
			if (typeof value !== 'string')
				out.push(violation(loc, 'string_type', 'Input should be a valid string', value));
			else {
				const checked = normaliseWebhookUrl(value, loc, urlPolicy);
				if ('violation' in checked) out.push(checked.violation);
			}
		} else if (key === 'format' && !FORMATS.includes(value as string)) {
			out.push(violation(loc, 'enum', "Input should be 'raw', 'discord' or 'slack'", value));
		} else if (key === 'events') {
			out.push(...checkEvents(value, loc));
		} else if (key === 'name' && typeof value !== 'string') {
			out.push(violation(loc, 'string_type', 'Input should be a valid string', value));
		} else if (key === 'organization_id' && !isUuid4(value)) {
			out.push(violation(loc, 'uuid_parsing', 'Input should be a valid UUID', value));
		} else if (key === 'api_version' && !WEBHOOK_API_VERSIONS.includes(value as string)) {
			const versions = WEBHOOK_API_VERSIONS.map((v) => `'${v}'`).join(', ');
			out.push(violation(loc, 'enum', `Input should be ${versions}`, value));
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
export function validateWebhookRequest(
	req: RequestLike,
	urlPolicy: WebhookUrlPolicy = 'polar',
): ContractViolation[] {
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
	if (route === 'create' || route === 'update')
		out.push(...validateEndpointBody(req.body, route, urlPolicy));
	return out;
}

export interface LegacyOptions {
	/** The secret; a newly generated token of Polar's original format by default. Any string works,
	 * e.g. an older `polar_whs_…` one, or a `whsec_<base64>` one made before the cutoff. */
	secret?: string;
	/** When it was generated: before the cutoff, or null (not recorded) by default. */
	secretGeneratedAt?: string | null;
}

export interface WebhookEndpointStore extends Deliverer {
	readonly endpoints: Map<string, WebhookEndpoint>;
	/** Answers a webhook endpoints request; `authorize` answers 401/403 or undefined. */
	handle(
		route: Route,
		req: RequestLike,
		found: ContractViolation[],
		authorize: (scopes: string[]) => CannedResponse | undefined,
	): CannedResponse;
	/** Makes an endpoint one whose secret predates the cutoff, signed with Polar's original scheme. */
	makeLegacy(id: string, options?: LegacyOptions): WebhookEndpoint;
	/** Polar's `secret_generated_at` of an endpoint (stored, never returned by the API). */
	secretGeneratedAt(id: string): string | null | undefined;
	/**
	 * Polar's webhook_service.send: the event, as it is now, to every enabled raw endpoint
	 * subscribed to its type (one signed delivery each); resolves with their first attempts.
	 * `beside` are the payload's fields beside `data` (subscription.migrated's `provider`).
	 */
	publish(
		type: string,
		data: Record<string, unknown>,
		beside?: Record<string, unknown>,
	): Promise<Delivery[]>;
	reset(): void;
}

export interface WebhookStoreOptions {
	urlPolicy?: WebhookUrlPolicy;
}

export function createWebhookEndpointStore(
	organizationId: string,
	options: WebhookStoreOptions = {},
): WebhookEndpointStore {
	const urlPolicy = options.urlPolicy ?? 'polar';
	const endpoints = new Map<string, WebhookEndpoint>();
	const generatedAt = new Map<string, string | null>();
	const deliverer = createDeliverer((id) => endpoints.get(id));

	const idOf = (req: RequestLike) =>
		req.path.slice(WEBHOOK_ENDPOINTS_PATH.length).split('/').filter(Boolean)[0];
	const normalised = (url: string) => {
		const checked = normaliseWebhookUrl(url, ['body', 'url'], urlPolicy);
		return 'url' in checked ? checked.url : url;
	};
	/** Every secret Polar generates is stamped with its generation time, which picks the scheme. */
	const setSecret = (endpoint: WebhookEndpoint, secret: string, at: string | null) => {
		endpoint.secret = secret;
		endpoint.uses_standard_webhook_signature = usesStandardSignature(at);
		generatedAt.set(endpoint.id, at);
	};

	/** Polar's list: newest first, optionally one organization's, paged (limit at most 100). */
	function list(query: Record<string, string>): CannedResponse {
		const page = Number(query.page ?? 1);
		const limit = Math.min(100, Number(query.limit ?? 10));
		const all = [...endpoints.values()]
			.reverse()
			.filter((e) => !query.organization_id || e.organization_id === query.organization_id);
		const items = all.slice((page - 1) * limit, page * limit);
		return jsonResponse(200, {
			items,
			pagination: { total_count: all.length, max_page: Math.ceil(all.length / limit) },
		});
	}

	function update(endpoint: WebhookEndpoint, body: Record<string, unknown>): CannedResponse {
		if (body.enabled === true && !endpoint.enabled) {
			const checked = normaliseWebhookUrl(endpoint.url, ['body', 'enabled'], urlPolicy);
			if ('violation' in checked)
				return polarErrors.validation([
					{
						loc: ['body', 'enabled'],
						msg: 'Cannot enable a webhook endpoint with an invalid URL. Please update the URL first.',
						type: 'value_error',
						input: true,
					},
				]);
		}
		for (const [key, value] of Object.entries(body))
			if (value !== null)
				(endpoint as unknown as Record<string, unknown>)[key] =
					key === 'url' ? normalised(value as string) : value;
		endpoint.modified_at = new Date().toISOString();
		return jsonResponse(200, endpoint);
	}

	return {
		...deliverer,
		endpoints,
		handle(route, req, found, authorize) {
			const denied = authorize(ROUTE_SCOPES[route]);
			if (denied) return denied;
			if (found.length > 0)
				return polarErrors.validation(
					found.map((v) => ({ loc: v.loc, msg: v.msg, type: v.type, input: v.input ?? null })),
				);
			const body = (req.body ?? {}) as Record<string, unknown>;
			if (route === 'list') return list(req.query ?? {});
			const now = new Date();
			if (route === 'create') {
				const endpoint: WebhookEndpoint = {
					created_at: now.toISOString(),
					modified_at: null,
					id: randomUUID(),
					url: normalised(body.url as string),
					name: (body.name as string | null | undefined) ?? null,
					format: body.format as WebhookEndpoint['format'],
					secret: '',
					organization_id: (body.organization_id as string | null | undefined) ?? organizationId,
					events: body.events as string[],
					enabled: true,
					api_version: (body.api_version as string | null | undefined) ?? CURRENT_API_VERSION,
					uses_standard_webhook_signature: false,
				};
				setSecret(endpoint, generateSecret(now), now.toISOString());
				endpoints.set(endpoint.id, endpoint);
				return jsonResponse(201, endpoint);
			}
			const endpoint = endpoints.get(idOf(req));
			if (!endpoint) return polarErrors.notFound();
			if (route === 'delete') {
				endpoints.delete(endpoint.id);
				return { status: 204, headers: {}, body: '' };
			}
			if (route === 'update') return update(endpoint, body);
			if (route === 'resetSecret') {
				setSecret(endpoint, generateSecret(now), now.toISOString());
				endpoint.modified_at = now.toISOString();
			}
			return jsonResponse(200, endpoint);
		},
		makeLegacy(id, legacy = {}) {
			const endpoint = endpoints.get(id);
			if (!endpoint) throw new Error(`No webhook endpoint ${id} at the double`);
			const at = legacy.secretGeneratedAt ?? null;
			if (usesStandardSignature(at))
				throw new Error(
					`A secret generated at ${at} is not legacy (cutoff ${STANDARD_SIGNATURE_CUTOFF})`,
				);
			setSecret(endpoint, legacy.secret ?? legacySecret(), at);
			return endpoint;
		},
		secretGeneratedAt: (id) => generatedAt.get(id),
		publish(type, data, beside = {}) {
			// A snapshot now: later changes to the object belong to later events.
			const event = {
				type,
				timestamp: new Date().toISOString(),
				data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
				...beside,
			};
			// The double formats no Discord or Slack messages; only raw endpoints get events.
			const targets = [...endpoints.values()].filter(
				(e) => e.enabled && e.format === 'raw' && e.events.includes(type),
			);
			return Promise.all(targets.map((e) => deliverer.deliver(e.id, event)));
		},
		reset() {
			endpoints.clear();
			generatedAt.clear();
			deliverer.reset();
		},
	};
}
