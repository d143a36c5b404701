// The deliverer: webhook events, their delivery attempts and the disabling of endpoints that keep
// failing, as Polar's server does them (server/polar/webhook/tasks.py `_webhook_event_send`,
// service.py `on_event_failed`, config.py WEBHOOK_MAX_RETRIES and WEBHOOK_FAILURE_THRESHOLD).
// The double makes no attempt on its own: a test makes each one, with `deliver` or `retry`;
// except a redelivery the API asked for (service.py `redeliver_event`, tasks.py with
// `redeliver=True`), which it makes at once, after answering (`settled()` awaits it).

import { randomUUID } from 'crypto';

import { signingKey, signWith } from './webhook-secrets';

/** Attempts Polar makes at one event before it counts the event failed (WEBHOOK_MAX_RETRIES). */
export const WEBHOOK_MAX_ATTEMPTS = 10;
/** Failed events in a row after which Polar disables the endpoint (WEBHOOK_FAILURE_THRESHOLD). */
export const WEBHOOK_FAILURE_THRESHOLD = 10;

/** What the deliverer needs of an endpoint (the store's objects, mutated in place). */
export interface DeliverableEndpoint {
	id: string;
	url: string;
	secret: string;
	enabled: boolean;
	api_version: string;
	uses_standard_webhook_signature: boolean;
	modified_at: string | null;
}

/**
 * An event as the caller gives it; the payload sent adds the endpoint's `api_version` (the SDK
 * 1.0.1 payload types: type, timestamp, api_version, data, and some events' own fields beside
 * `data`, e.g. subscription.migrated's `provider` and `provider_subscription_id`).
 */
export interface WebhookEvent {
	type: string;
	timestamp?: string;
	data: Record<string, unknown>;
	[beside: string]: unknown;
}

/** One event for one endpoint; `webhook-id` is its id, the same on every attempt. */
export interface WebhookEventRecord {
	webhookId: string;
	endpointId: string;
	type: string;
	/** The body every attempt sends and signs. */
	body: string;
	attempts: number;
	/** null while Polar would still retry; false once all attempts failed. */
	succeeded: boolean | null;
	/** Not sent because the endpoint was disabled. */
	skipped: boolean;
	/** Polar's created_at: the payload's timestamp (service.py `send`). */
	createdAt: string;
	modifiedAt: string | null;
	/** The endpoint's last HTTP answer; null before one, or when it could not be reached. */
	lastHttpCode: number | null;
}

/** One attempt (or, with `skipped`, one that Polar did not make). */
export interface Delivery {
	/** Polar's WebhookDelivery id (a skipped attempt has no row: its id is never listed). */
	id: string;
	/** When the attempt was made (the row's created_at). */
	createdAt: string;
	endpointId: string;
	webhookId: string;
	type: string;
	/** 1 for the first attempt at the event. */
	attempt: number;
	/** The `webhook-timestamp` sent: the signing time of this attempt. */
	timestamp: number;
	/** What the endpoint answered; 0 when the connection failed or nothing was sent. */
	status: number;
	responseBody: string;
	succeeded: boolean;
	/** The endpoint was disabled: Polar marks the event skipped and sends nothing. */
	skipped?: boolean;
}

/** The email Polar sends the organization's members when it disables an endpoint. */
export interface EndpointDisabledEmail {
	template: 'webhook_endpoint_disabled';
	endpointId: string;
	webhook_endpoint_url: string;
}

export interface AttemptOptions {
	/** Unix seconds for `webhook-timestamp`; now by default (Polar signs each attempt anew). */
	timestamp?: number;
	/** Change the body after signing it (a tampered delivery). */
	tamper?: (body: string) => string;
	/** Sign with this secret instead of the endpoint's (with the endpoint's scheme). */
	secret?: string;
	/** Sign with this scheme instead of the one the endpoint's secret calls for. */
	scheme?: 'standard' | 'legacy';
	/** More `v1,…` entries before the real one in `webhook-signature`. */
	extraSignatures?: string[];
	/** Leave these headers out. */
	omitHeaders?: Array<
		'webhook-id' | 'webhook-timestamp' | 'webhook-signature' | 'webhook-api-version'
	>;
	/** Deliver to this URL instead of the endpoint's. */
	url?: string;
}

export interface DeliverOptions extends AttemptOptions {
	/** The `webhook-id` header; a fresh event id by default. Reuse one to replay its event. */
	webhookId?: string;
	/** The exact body to send (and sign) instead of `JSON.stringify(event)`. */
	rawBody?: string;
	/** Retry at once until an attempt succeeds or this many were made; 1 by default. Polar's
	 * own limit is WEBHOOK_MAX_ATTEMPTS (it waits with back-off between them; the double does not). */
	maxAttempts?: number;
}

export interface Deliverer {
	readonly deliveries: Delivery[];
	readonly events: Map<string, WebhookEventRecord>;
	readonly emails: EndpointDisabledEmail[];
	/** A new event for the endpoint and its first attempt(s); resolves with the last attempt. */
	deliver(endpointId: string, event: WebhookEvent, options?: DeliverOptions): Promise<Delivery>;
	/** Polar's next attempt at an event that has not succeeded: same body and `webhook-id`. */
	retry(webhookId: string, options?: AttemptOptions): Promise<Delivery>;
	/**
	 * Polar's redelivery job (tasks.py `redeliver=True`): another attempt at the event, whether
	 * or not it succeeded before, begun now; false for an unknown event.
	 */
	redeliver(webhookId: string): boolean;
	/** Resolves when every redelivery begun so far has been attempted. */
	settled(): Promise<void>;
	reset(): void;
}

export function createDeliverer(
	endpointOf: (id: string) => DeliverableEndpoint | undefined,
): Deliverer {
	const deliveries: Delivery[] = [];
	const events = new Map<string, WebhookEventRecord>();
	const emails: EndpointDisabledEmail[] = [];
	const redeliveries = new Set<Promise<unknown>>();

	const endpoint = (id: string): DeliverableEndpoint => {
		const found = endpointOf(id);
		if (!found) throw new Error(`No webhook endpoint ${id} at the double`);
		return found;
	};

	/** Polar's `on_event_failed`: the last completed events all failed, so disable. */
	function onEventFailed(target: DeliverableEndpoint): void {
		if (!target.enabled) return;
		const completed = [...events.values()].filter(
			(e) => e.endpointId === target.id && e.succeeded !== null,
		);
		const recent = completed.slice(-WEBHOOK_FAILURE_THRESHOLD);
		if (recent.length < WEBHOOK_FAILURE_THRESHOLD || recent.some((e) => e.succeeded !== false))
			return;
		target.enabled = false;
		target.modified_at = new Date().toISOString();
		for (const e of events.values())
			if (e.endpointId === target.id && e.succeeded === null) e.skipped = true;
		emails.push({
			template: 'webhook_endpoint_disabled',
			endpointId: target.id,
			webhook_endpoint_url: target.url,
		});
	}

	async function attempt(record: WebhookEventRecord, options: AttemptOptions): Promise<Delivery> {
		const target = endpoint(record.endpointId);
		const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
		const delivery: Delivery = {
			id: randomUUID(),
			createdAt: new Date().toISOString(),
			endpointId: record.endpointId,
			webhookId: record.webhookId,
			type: record.type,
			attempt: record.attempts + 1,
			timestamp,
			status: 0,
			responseBody: '',
			succeeded: false,
		};
		if (!target.enabled) {
			record.skipped = true;
			return { ...delivery, attempt: record.attempts, skipped: true };
		}
		record.skipped = false;
		record.attempts++;
		const standard = options.scheme
			? options.scheme === 'standard'
			: target.uses_standard_webhook_signature;
		const key = signingKey(options.secret ?? target.secret, standard);
		const signature = signWith(key, record.webhookId, timestamp, record.body);
		const headers: Record<string, string> = {
			'user-agent': 'polar.sh webhooks',
			'content-type': 'application/json',
			'webhook-id': record.webhookId,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': [...(options.extraSignatures ?? []), signature].join(' '),
			'webhook-api-version': target.api_version,
		};
		for (const name of options.omitHeaders ?? []) delete headers[name];
		try {
			const response = await fetch(options.url ?? target.url, {
				method: 'POST',
				headers,
				body: options.tamper ? options.tamper(record.body) : record.body,
				signal: AbortSignal.timeout(10_000), // Polar waits 10 s
				// httpx follows no redirect by default, and raise_for_status fails a 3xx (tasks.py).
				redirect: 'manual',
			});
			delivery.status = response.status;
			delivery.responseBody = await response.text();
			delivery.succeeded = response.ok;
			record.lastHttpCode = response.status;
		} catch (error) {
			delivery.responseBody = String(error);
		}
		record.modifiedAt = delivery.createdAt;
		deliveries.push(delivery);
		if (delivery.succeeded) record.succeeded = true;
		else if (record.attempts >= WEBHOOK_MAX_ATTEMPTS && record.succeeded !== true) {
			record.succeeded = false;
			onEventFailed(target);
		}
		return delivery;
	}

	return {
		deliveries,
		events,
		emails,
		async deliver(endpointId, event, options = {}) {
			const target = endpoint(endpointId);
			const webhookId = options.webhookId ?? randomUUID();
			let record = events.get(webhookId);
			if (!record) {
				const { type, timestamp, data, ...beside } = event;
				// Polar serialises each endpoint's payload in that endpoint's API version.
				const payload = {
					type,
					timestamp: timestamp ?? new Date().toISOString(),
					api_version: target.api_version,
					data,
					...beside,
				};
				const body = options.rawBody ?? JSON.stringify(payload);
				record = {
					webhookId,
					endpointId,
					type: event.type,
					body,
					attempts: 0,
					succeeded: null,
					skipped: false,
					createdAt: isoOr(event.timestamp),
					modifiedAt: null,
					lastHttpCode: null,
				};
				events.set(webhookId, record);
			}
			let delivery = await attempt(record, options);
			for (
				let n = 1;
				n < (options.maxAttempts ?? 1) && record.succeeded === null && !delivery.skipped;
				n++
			)
				delivery = await attempt(record, { ...options, timestamp: undefined });
			return delivery;
		},
		async retry(webhookId, options = {}) {
			const record = events.get(webhookId);
			if (!record) throw new Error(`No webhook event ${webhookId} at the double`);
			if (record.succeeded !== null)
				throw new Error(
					`Polar makes no more attempts at ${webhookId}: it ${record.succeeded ? 'succeeded' : 'failed'}`,
				);
			return await attempt(record, options);
		},
		redeliver(webhookId) {
			const record = events.get(webhookId);
			if (!record) return false;
			// Polar queues the job and answers 202; a failed redelivery is not retried here.
			const job = attempt(record, {}).catch(() => undefined);
			redeliveries.add(job);
			void job.finally(() => redeliveries.delete(job));
			return true;
		},
		async settled() {
			while (redeliveries.size > 0) await Promise.all([...redeliveries]);
		},
		reset() {
			deliveries.length = 0;
			events.clear();
			emails.length = 0;
		},
	};
}

/** A timestamp as an ISO date-time, or now for one that is not a date. */
function isoOr(timestamp: string | undefined): string {
	const ms = timestamp === undefined ? NaN : Date.parse(timestamp);
	return new Date(Number.isNaN(ms) ? Date.now() : ms).toISOString();
}
