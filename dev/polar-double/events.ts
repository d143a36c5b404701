// The double's events, as Polar's server keeps them. Modelled on (polarsource/polar, server/):
// - polar/event/endpoints.py: POST /v1/events/ingest (events:write), GET /v1/events/,
//   GET /v1/events/names, GET /v1/events/{id} (events:read or events:write).
// - polar/event/service.py `ingest` (lines ~894-977): every event checked, errors of all events
//   collected, then one 422 for the whole request (loc ["body","events",<index>,<field>]):
//   "Customer not found." for a customer_id the organization does not hold (not deleted),
//   "Member not found." likewise; "Setting organization_id is disallowed when using an
//   organization token."; an external_customer_id is never checked. Nothing is stored then.
// - polar/event/repository.py `insert_batch` (lines ~90-114): INSERT … ON CONFLICT
//   (organization_id, external_id) DO NOTHING; duplicates = sent − inserted. Events without
//   external_id never conflict; a repeat inside one request is a duplicate too.
// - service.py ingest (lines 959-968) and `_create_meter_events` (1071-1117), on the request
//   path: the inserted events are read back by `Event.id.in_(ids)` (one bound value per ID),
//   then one INSERT of a meter_events row (7 values) per event and unarchived meter counting it
//   (`_event_matches_meter`: the meter's filter and aggregation). asyncpg refuses a statement of
//   more than 32,767 values (InterfaceError), so such a request is a 500 and its transaction,
//   events included, is rolled back: e.g. 4,682 new events counted by one meter.
// - polar/event/schemas.py `is_past_timestamp`: a future timestamp fails pydantic's validation of
//   the body (before the service runs), as a value_error under each union member it was tried as.
// - polar/middlewares.py MaxBodySizeMiddleware (in server.ts, bodyLimit below): 411 without a
//   Content-Length on POST/PUT/PATCH, 413 over API_MAX_REQUEST_BODY_SIZE (config.py, 10 MiB).
//   The double's server reads every body whole before answering; Polar's middleware answers
//   from the header alone. What sits in front of Polar's app (its hosting's proxy) is not in
//   Polar's source: the double plays the app. n8n's HTTP client sends a Content-Length with the
//   JSON text the node serializes, so the node never meets the 411.
// Stored events are the spec's UserEvent (the Event schema), newest first (sorting.py:
// -timestamp); names are listed with counts, newest last_seen first.

import { randomUUID } from 'crypto';

import type { CustomerStore } from './customers';
import { meterCounts, type Meter } from './meters';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { requestBody, type Route } from './route';
import type { RecordedRequest } from './server';
import type { Customer, ValidationErrorDetail } from './types';

/** Polar's API_MAX_REQUEST_BODY_SIZE. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

/** asyncpg's most bound values in one statement (the wire protocol's Int16 count). */
export const MAX_QUERY_ARGUMENTS = 32_767;
/** Bound values of one meter_events row (models/meter_event.py: its 7 columns). */
const METER_EVENT_VALUES = 7;

/** An event as GET /v1/events/ returns it (the spec's UserEvent, one of Event). */
export interface Event {
	id: string;
	timestamp: string;
	organization_id: string;
	customer_id: string | null;
	customer: Customer | null;
	external_customer_id: string | null;
	member_id: string | null;
	external_member_id: string | null;
	child_count: number;
	parent_id: string | null;
	label: string;
	name: string;
	source: 'user' | 'system';
	metadata: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/**
 * Polar's MaxBodySizeMiddleware, outermost: before the rate limiter and authentication. It
 * reads the Content-Length header only (the body is never read when refused).
 */
export function bodyLimit(
	method: string,
	contentLength: string | undefined,
	limit = MAX_REQUEST_BODY_BYTES,
): CannedResponse | undefined {
	if (contentLength === undefined) {
		return ['POST', 'PUT', 'PATCH'].includes(method)
			? jsonResponse(411, {
					error: 'LengthRequired',
					detail: 'A Content-Length header is required.',
				})
			: undefined;
	}
	const length = Number.parseInt(contentLength, 10);
	if (Number.isFinite(length) && length > limit) {
		return jsonResponse(413, {
			error: 'RequestBodyTooLarge',
			detail: `Request body exceeded the maximum allowed size of ${limit} bytes.`,
		});
	}
	return undefined;
}

export class EventStore {
	/** In the order ingested; sorted on first read after an insert, not on each insert. */
	private readonly ingested: Event[] = [];
	/** Newest first by timestamp, ties in the order ingested; undefined after an insert. */
	private sorted: Event[] | undefined = [];
	private readonly byId = new Map<string, Event>();
	/** external_id → event ID: the unique index (organization_id, external_id). */
	private readonly byExternalId = new Map<string, string>();
	/** How many ingest requests inserted something, for tests. */
	insertedTotal = 0;

	constructor(
		readonly organizationId: string,
		private readonly customers: CustomerStore,
		private readonly now: () => number = Date.now,
		/** The organization's meters, which ingestion writes a meter event for. */
		private readonly meters: () => readonly Meter[] = () => [],
	) {}

	/** The spec's Event objects, newest first (GET /v1/events/ order). */
	get events(): readonly Event[] {
		return this.stored;
	}

	private get stored(): Event[] {
		// A stable sort keeps events of the same time in the order they were ingested.
		this.sorted ??= [...this.ingested].sort((a, b) =>
			a.timestamp === b.timestamp ? 0 : a.timestamp < b.timestamp ? 1 : -1,
		);
		return this.sorted;
	}

	/** Clears every event (the double's reset). */
	clear(): void {
		this.ingested.length = 0;
		this.sorted = [];
		this.byId.clear();
		this.byExternalId.clear();
		this.insertedTotal = 0;
	}

	/**
	 * POST /v1/events/ingest: all or nothing, deduplicated by external_id. `userOrganizations`:
	 * those a user's token reaches (each event must name one), or undefined for an organization's.
	 */
	ingest(body: Json, userOrganizations?: readonly string[]): CannedResponse {
		const events = Array.isArray(body.events) ? (body.events as Json[]) : [];
		const bodyErrors = events.flatMap((event, index) => this.schemaErrors(event, index));
		if (bodyErrors.length > 0) return polarErrors.validation(bodyErrors);
		const errors = events.flatMap((event, index) =>
			this.serviceErrors(event, index, userOrganizations),
		);
		if (errors.length > 0) return polarErrors.validation(errors);

		// The events to insert: new external IDs (or none), a repeat in the request only once.
		const fresh: Json[] = [];
		const seen = new Set<string>();
		for (const event of events) {
			const externalId = typeof event.external_id === 'string' ? event.external_id : undefined;
			if (externalId !== undefined) {
				if (this.byExternalId.has(externalId) || seen.has(externalId)) continue;
				seen.add(externalId);
			}
			fresh.push(event);
		}
		if (this.overflowsQuery(fresh)) return polarErrors.internal();
		for (const event of fresh) {
			const stored = this.toEvent(event);
			if (typeof event.external_id === 'string')
				this.byExternalId.set(event.external_id, stored.id);
			this.insert(stored);
		}
		const inserted = fresh.length;
		this.insertedTotal += inserted;
		return jsonResponse(200, { inserted, duplicates: events.length - inserted });
	}

	/** Whether reading back the inserted events or writing their meter events needs too many values. */
	private overflowsQuery(inserted: Json[]): boolean {
		if (inserted.length > MAX_QUERY_ARGUMENTS) return true;
		const meters = this.meters().filter((meter) => meter.archived_at === null);
		let rows = 0;
		for (const event of inserted) {
			const metered = {
				name: String(event.name),
				source: 'user',
				timestamp:
					typeof event.timestamp === 'string'
						? event.timestamp
						: new Date(this.now()).toISOString(),
				customer_id: typeof event.customer_id === 'string' ? event.customer_id : null,
				external_customer_id:
					typeof event.external_customer_id === 'string' ? event.external_customer_id : null,
				metadata: (event.metadata as Json | undefined) ?? {},
			};
			for (const meter of meters) if (meterCounts(meter, metered)) rows++;
		}
		return rows * METER_EVENT_VALUES > MAX_QUERY_ARGUMENTS;
	}

	/** What pydantic refuses that the spec cannot say: a timestamp in the future. */
	private schemaErrors(event: Json, index: number): ValidationErrorDetail[] {
		if (typeof event.timestamp !== 'string') return [];
		const time = Date.parse(event.timestamp);
		if (!(time > this.now())) return [];
		// Tried as both members of the union: the one that fits fails on the timestamp, the other
		// on its missing customer field.
		const [fits, other, missing] =
			event.customer_id !== undefined
				? ['EventCreateCustomer', 'EventCreateExternalCustomer', 'external_customer_id']
				: ['EventCreateExternalCustomer', 'EventCreateCustomer', 'customer_id'];
		return [
			{
				loc: ['body', 'events', index, fits, 'timestamp'],
				msg: 'Value error, Timestamp must be in the past.',
				type: 'value_error',
				input: event.timestamp,
			},
			{
				loc: ['body', 'events', index, other, missing],
				msg: 'Field required',
				type: 'missing',
				input: event,
			},
		];
	}

	/** service.py ingest's checks, for every event. */
	private serviceErrors(
		event: Json,
		index: number,
		userOrganizations: readonly string[] | undefined,
	): ValidationErrorDetail[] {
		const at = (field: string) => ['body', 'events', index, field];
		// _get_organization_validation_function, for a user's token.
		if (userOrganizations && !userOrganizations.includes(String(event.organization_id))) {
			const missing = event.organization_id == null;
			return [
				{
					loc: at('organization_id'),
					msg: missing ? 'organization_id is required.' : 'Organization not found.',
					type: missing ? 'missing' : 'organization_id',
					input: event.organization_id ?? null,
				},
			];
		}
		if (!userOrganizations && event.organization_id != null) {
			return [
				{
					loc: at('organization_id'),
					msg: 'Setting organization_id is disallowed when using an organization token.',
					type: 'organization_token',
					input: event.organization_id,
				},
			];
		}
		if (typeof event.customer_id === 'string') {
			if (!this.customers.find({ id: event.customer_id })) {
				return [
					{
						loc: at('customer_id'),
						msg: 'Customer not found.',
						type: 'customer_id',
						input: event.customer_id,
					},
				];
			}
			if (typeof event.member_id === 'string' && !this.findMember(event.member_id)) {
				return [
					{
						loc: at('member_id'),
						msg: 'Member not found.',
						type: 'member_id',
						input: event.member_id,
					},
				];
			}
		}
		return [];
	}

	private findMember(id: string): boolean {
		return this.customers.customers.some(
			(customer) =>
				this.customers
					.find({ id: customer.id })
					?.members.some((member) => member.id.toLowerCase() === id.toLowerCase()) ?? false,
		);
	}

	private toEvent(event: Json): Event {
		const customerId = typeof event.customer_id === 'string' ? event.customer_id : null;
		const externalCustomerId = customerId === null ? String(event.external_customer_id) : null;
		const customer =
			this.customers.find(
				customerId !== null ? { id: customerId } : { externalId: String(externalCustomerId) },
			)?.customer ?? null;
		const parentRef = typeof event.parent_id === 'string' ? event.parent_id : undefined;
		// A parent by Polar ID or by external ID; one not known yet stays pending (null here).
		const parent =
			parentRef === undefined
				? undefined
				: (this.byId.get(parentRef) ?? this.byId.get(this.byExternalId.get(parentRef) ?? ''));
		if (parent) parent.child_count++;
		const name = String(event.name);
		return {
			id: randomUUID(),
			timestamp:
				typeof event.timestamp === 'string'
					? new Date(event.timestamp).toISOString()
					: new Date(this.now()).toISOString(),
			organization_id: this.organizationId,
			customer_id: customerId,
			customer,
			external_customer_id: externalCustomerId,
			member_id: typeof event.member_id === 'string' ? event.member_id : null,
			external_member_id:
				typeof event.external_member_id === 'string' ? event.external_member_id : null,
			child_count: 0,
			parent_id: parent?.id ?? null,
			// A new event type's label is its name until renamed (event_type repository).
			label: name,
			name,
			source: 'user',
			metadata: (event.metadata as Json | undefined) ?? {},
		};
	}

	private insert(event: Event): void {
		this.ingested.push(event);
		this.byId.set(event.id, event);
		this.sorted = undefined;
	}

	/** The events a list's customer and source filters keep. */
	private filtered(query: Record<string, string>): Event[] {
		const customerId = query.customer_id?.toLowerCase();
		const external = query.external_customer_id;
		return this.stored.filter(
			(e) =>
				(customerId === undefined ||
					e.customer_id?.toLowerCase() === customerId ||
					e.customer?.id.toLowerCase() === customerId) &&
				(external === undefined ||
					e.external_customer_id === external ||
					e.customer?.external_id === external) &&
				(query.source === undefined || e.source === query.source),
		);
	}

	/** GET /v1/events/: name, customer, time, source, parent, metadata filters; newest first. */
	list(query: Record<string, string>): CannedResponse {
		const metadata = Object.entries(query)
			.map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
			.filter(([key]) => key !== undefined);
		const start = query.start_timestamp ? Date.parse(query.start_timestamp) : undefined;
		const end = query.end_timestamp ? Date.parse(query.end_timestamp) : undefined;
		const matches = this.filtered(query).filter(
			(e) =>
				(query.name === undefined || e.name === query.name) &&
				(start === undefined || Date.parse(e.timestamp) > start) &&
				(end === undefined || Date.parse(e.timestamp) < end) &&
				// The double holds no meters: a meter filter matches nothing.
				query.meter_id === undefined &&
				metadata.every(([key, value]) => String(e.metadata[key as string]) === value),
		);
		return jsonResponse(200, page(matches, query));
	}

	/** GET /v1/events/names: one entry per name, most recently seen first. */
	names(query: Record<string, string>): CannedResponse {
		const needle = query.query?.toLowerCase();
		const byName = new Map<string, Json>();
		for (const e of [...this.filtered(query)].reverse()) {
			if (needle && !e.name.toLowerCase().includes(needle)) continue;
			const seen = byName.get(e.name);
			if (seen) {
				seen.occurrences = (seen.occurrences as number) + 1;
				seen.last_seen = e.timestamp;
			} else {
				byName.set(e.name, {
					name: e.name,
					label: e.label,
					source: e.source,
					occurrences: 1,
					first_seen: e.timestamp,
					last_seen: e.timestamp,
				});
			}
		}
		const names = [...byName.values()].sort((a, b) =>
			String(b.last_seen).localeCompare(String(a.last_seen)),
		);
		return jsonResponse(200, page(names, query));
	}

	get(id: string): CannedResponse {
		const event = this.stored.find((e) => e.id.toLowerCase() === id.toLowerCase());
		return event ? jsonResponse(200, event) : polarErrors.notFound();
	}
}

/** Polar's offset pagination: 10 by default, at most 100 a page. */
function page<T>(all: T[], query: Record<string, string>) {
	const limit = Math.min(100, Number(query.limit ?? 10));
	const number = Number(query.page ?? 1);
	return {
		items: all.slice((number - 1) * limit, number * limit),
		pagination: { total_count: all.length, max_page: Math.ceil(all.length / limit) },
	};
}

const EVENT_READ_SCOPES = ['events:read', 'events:write'];

/**
 * The event endpoints over the store; `userOrganizations` gives those a user's token reaches,
 * undefined for an organization's token.
 */
export function eventRoutes(
	store: EventStore,
	userOrganizations: (request: RecordedRequest) => readonly string[] | undefined = () => undefined,
): Route[] {
	return [
		{
			method: 'POST',
			template: '/v1/events/ingest',
			scopes: ['events:write'],
			faultable: true,
			answer: (request: RecordedRequest) =>
				store.ingest(requestBody(request), userOrganizations(request)),
		},
		{
			method: 'GET',
			template: '/v1/events/',
			scopes: EVENT_READ_SCOPES,
			answer: (request) => store.list(request.query),
		},
		// Before /v1/events/{id}, which "names" would match too.
		{
			method: 'GET',
			template: '/v1/events/names',
			scopes: EVENT_READ_SCOPES,
			answer: (request) => store.names(request.query),
		},
		{
			method: 'GET',
			template: '/v1/events/{id}',
			scopes: EVENT_READ_SCOPES,
			answer: (_request, ref) => store.get((ref as { id: string }).id),
		},
	];
}
