// The double's meters, read as Polar's server reads them (server/polar/meter/endpoints.py
// list/get/quantities, lines 39-168; service.py list 65-111 (name search, archived, metadata,
// sorted by name by default), get_quantities 306-486): each point of generate_series(start,
// end, interval) in the request's time zone gets the meter's aggregate over the events in the
// same date_trunc bucket (the range itself bounds nothing else), the total is the sum of the
// points for count and sum, their max or min for max and min, and for avg and unique the
// aggregate over all the meter's events; an optional customer_aggregation_function first
// aggregates per customer. Customers are resolved as customer/repository.py
// resolve_customer_identifiers (435-470) does: by ID or external ID, and external IDs of no
// customer yet still match events. The events come from a function, the ingestion store's.

import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';
import type { Customer } from './types';
import {
	aggregate,
	aggregateNumbers,
	aggregationAccepts,
	filterMatches,
	type IngestedEvent,
	type MeterAggregation,
	type MeterFilter,
} from './meter-aggregation';
import { addInterval, truncate, type TimeInterval } from './zoned-time';

export const METER_IDS = {
	apiCalls: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
	tokens: '1d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f52',
	storage: '2e3f4a5b-6c7d-4e8f-a09b-1c2d3e4f5a63',
	projects: '3f4a5b6c-7d8e-4f9a-b1ac-2d3e4f5a6b74',
	/** Archived: no longer counts. */
	legacySeats: '4a5b6c7d-8e9f-4a0b-82bd-3e4f5a6b7c85',
} as const;

export interface Meter {
	id: string;
	created_at: string;
	modified_at: string | null;
	metadata: Record<string, string | number | boolean>;
	name: string;
	unit: 'scalar' | 'token' | 'custom';
	custom_label: string | null;
	custom_multiplier: number | null;
	filter: MeterFilter;
	aggregation: MeterAggregation;
	organization_id: string;
	archived_at: string | null;
}

const named = (name: string): MeterFilter => ({
	conjunction: 'and',
	clauses: [{ property: 'name', operator: 'eq', value: name }],
});

/** Five meters of the seeded organization, one per kind of aggregation the tests tell apart. */
export function seedMeters(organizationId: string): Meter[] {
	const base = {
		modified_at: null,
		custom_label: null,
		custom_multiplier: null,
		organization_id: organizationId,
		archived_at: null,
		unit: 'scalar' as const,
		metadata: {},
	};
	return [
		{
			...base,
			id: METER_IDS.apiCalls,
			created_at: '2025-01-05T09:00:00Z',
			name: 'API calls',
			filter: named('api.call'),
			aggregation: { func: 'count' },
			metadata: { team: 'platform' },
		},
		{
			...base,
			id: METER_IDS.tokens,
			created_at: '2025-01-06T09:00:00Z',
			name: 'LLM tokens',
			unit: 'token',
			// Completions of every model but the free one.
			filter: {
				conjunction: 'and',
				clauses: [
					{ property: 'name', operator: 'eq', value: 'llm.completion' },
					{ property: 'model', operator: 'ne', value: 'free' },
				],
			},
			aggregation: { func: 'sum', property: 'metadata.tokens' },
			metadata: { team: 'ai' },
		},
		{
			...base,
			id: METER_IDS.storage,
			created_at: '2025-01-07T09:00:00Z',
			name: 'Peak storage',
			unit: 'custom',
			custom_label: 'GB',
			custom_multiplier: 1,
			filter: named('storage.snapshot'),
			aggregation: { func: 'max', property: 'gb' },
		},
		{
			...base,
			id: METER_IDS.projects,
			created_at: '2025-01-08T09:00:00Z',
			name: 'Active projects',
			filter: named('api.call'),
			aggregation: { func: 'unique', property: 'project' },
			metadata: { team: 'platform' },
		},
		{
			...base,
			id: METER_IDS.legacySeats,
			created_at: '2024-06-01T09:00:00Z',
			name: 'Legacy seats',
			filter: named('seat.used'),
			aggregation: { func: 'count' },
			archived_at: '2025-01-01T00:00:00Z',
		},
	];
}

interface EventSeed {
	at: string;
	name: string;
	customer?: string;
	external?: string;
	metadata?: Record<string, unknown>;
}

/**
 * Usage events of the seeded customers, shaped as the spec's UserEvent, until the double's
 * ingestion store feeds the meters: API calls across a month boundary and near midnight UTC
 * (a time zone moves them), token counts with one given as the text "5" (Polar's sum skips it)
 * and one of the free model (the meter's filter skips it), and storage snapshots.
 */
export function seedUsageEvents(
	organizationId: string,
	customers: { ada: string; grace: string },
): IngestedEvent[] {
	const ada = { customer: customers.ada, external: 'usr_ada' };
	// Grace's events name her by external ID only, as an app that never stored Polar's ID would.
	const grace = { external: 'usr_grace' };
	const seeds: EventSeed[] = [
		{ at: '2025-04-30T22:30:00Z', name: 'api.call', ...ada, metadata: { project: 'alpha' } },
		{ at: '2025-05-01T08:00:00Z', name: 'api.call', ...ada, metadata: { project: 'alpha' } },
		{ at: '2025-05-01T23:30:00Z', name: 'api.call', ...ada, metadata: { project: 'beta' } },
		{ at: '2025-05-02T10:00:00Z', name: 'api.call', ...grace, metadata: { project: 'gamma' } },
		{ at: '2025-05-03T12:00:00Z', name: 'api.call', ...grace, metadata: { project: 'alpha' } },
		{ at: '2025-05-03T13:00:00Z', name: 'api.call', ...ada },
		{
			at: '2025-05-01T09:00:00Z',
			name: 'llm.completion',
			...ada,
			metadata: { tokens: 120, model: 'large' },
		},
		{
			at: '2025-05-01T23:45:00Z',
			name: 'llm.completion',
			...ada,
			metadata: { tokens: 80, model: 'small' },
		},
		{
			at: '2025-05-02T09:00:00Z',
			name: 'llm.completion',
			...ada,
			metadata: { tokens: '5', model: 'small' },
		},
		{
			at: '2025-05-02T11:00:00Z',
			name: 'llm.completion',
			...grace,
			metadata: { tokens: 300, model: 'large' },
		},
		{
			at: '2025-05-02T12:00:00Z',
			name: 'llm.completion',
			...ada,
			metadata: { tokens: 1000, model: 'free' },
		},
		{ at: '2025-05-01T06:00:00Z', name: 'storage.snapshot', ...ada, metadata: { gb: 12.5 } },
		{ at: '2025-05-02T06:00:00Z', name: 'storage.snapshot', ...ada, metadata: { gb: 20 } },
		{ at: '2025-05-02T07:00:00Z', name: 'storage.snapshot', ...grace, metadata: { gb: 7 } },
	];
	return seeds.map((seed, index) => ({
		id: `5b6c7d8e-9f0a-4b1c-8d2e-${String(index).padStart(12, '0')}`,
		timestamp: seed.at,
		organization_id: organizationId,
		customer_id: seed.customer ?? null,
		customer: null,
		external_customer_id: seed.external ?? null,
		label: seed.name,
		name: seed.name,
		source: 'user',
		metadata: seed.metadata ?? {},
	}));
}

/** Whether the event is the meter's: its filter, and the aggregation's type clause. */
export const meterCounts = (meter: Meter, event: IngestedEvent) =>
	filterMatches(meter.filter, event) && aggregationAccepts(meter.aggregation, event);

/** The events a customer made: by Polar's ID, or by their external ID. */
export const madeBy = (customer: Customer, event: IngestedEvent) =>
	event.customer_id === customer.id ||
	(customer.external_id !== null && event.external_customer_id === customer.external_id);

type Query = Record<string, string>;
type QueryLists = Record<string, string[]>;

/** A list page, as Polar's ListResource shapes it (10 by default, at most 100). */
export function page<T>(all: readonly T[], query: Query): CannedResponse {
	const limit = Math.min(100, Number(query.limit ?? 10));
	const current = Number(query.page ?? 1);
	const items = all.slice((current - 1) * limit, current * limit);
	return jsonResponse(200, {
		items,
		pagination: { total_count: all.length, max_page: Math.ceil(all.length / limit) },
	});
}

/** The metadata[key]=value filters: each key one of its values, compared as text. */
export function metadataMatches(metadata: Record<string, unknown>, lists: QueryLists): boolean {
	return Object.entries(lists)
		.map(([key, values]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], values] as const)
		.filter(([key]) => key !== undefined)
		.every(([key, values]) => {
			const value = metadata[key as string];
			return value !== undefined && value !== null && values.includes(String(value));
		});
}

/** Polar's sorting parameter: criteria in order, "-" for descending. */
export function sortBy<T>(
	items: readonly T[],
	criteria: readonly string[],
	keys: Record<string, (item: T) => string | number>,
): T[] {
	return items.slice().sort((a, b) => {
		for (const criterion of criteria) {
			const descending = criterion.startsWith('-');
			const key = keys[criterion.replace(/^-/, '')];
			if (!key) continue;
			const [x, y] = [key(a), key(b)];
			const order = x < y ? -1 : x > y ? 1 : 0;
			if (order !== 0) return descending ? -order : order;
		}
		return 0;
	});
}

function listMeters(meters: readonly Meter[], query: Query, lists: QueryLists): CannedResponse {
	const needle = query.query?.toLowerCase();
	const archived = query.is_archived === undefined ? undefined : query.is_archived === 'true';
	const matches = meters.filter(
		(meter) =>
			(needle === undefined || meter.name.toLowerCase().includes(needle)) &&
			(archived === undefined || (meter.archived_at !== null) === archived) &&
			metadataMatches(meter.metadata, lists),
	);
	const sorted = sortBy(matches, lists.sorting ?? ['name'], {
		name: (meter) => meter.name,
		created_at: (meter) => meter.created_at,
	});
	return page(sorted, query);
}

const MIN_START = Date.parse('2023-01-01T00:00:00Z');
const DAY = 86_400_000;
// server/polar/kit/time_queries.py MAX_INTERVAL_DAYS: the longest range each interval may cover.
const MAX_DAYS: Record<TimeInterval, number> = {
	hour: 7,
	day: 366,
	week: 7 * 53,
	month: 365 * 4,
	year: 365 * 10,
};

/** Pydantic's datetime output: UTC with a Z, no fraction when there is none. */
const isoUtc = (instant: number) => new Date(instant).toISOString().replace('.000Z', 'Z');

export interface QuantitiesInput {
	start: number;
	end: number;
	interval: TimeInterval;
	timezone: string;
	customerAggregation?: MeterAggregation['func'];
}

/** The meter's quantities over the events already narrowed to its customers and metadata. */
export function quantities(meter: Meter, events: readonly IngestedEvent[], input: QuantitiesInput) {
	const { interval, timezone } = input;
	const counted = events.filter((event) => meterCounts(meter, event));
	const bucketOf = (event: IngestedEvent) =>
		truncate(Date.parse(event.timestamp), interval, timezone);
	const perBucket = (bucket: string): number | null => {
		const inBucket = counted.filter((event) => bucketOf(event) === bucket);
		if (!input.customerAggregation) return aggregate(meter.aggregation, inBucket);
		// The customer an event resolved to: Polar's ID, else the external ID alone.
		const byCustomer = new Map<string, IngestedEvent[]>();
		for (const event of inBucket) {
			const who = event.customer_id ?? `external:${event.external_customer_id}`;
			byCustomer.set(who, [...(byCustomer.get(who) ?? []), event]);
		}
		const perCustomer = [...byCustomer.values()]
			.map((own) => aggregate(meter.aggregation, own))
			.filter((value): value is number => value !== null);
		return inBucket.length === 0 ? null : aggregateNumbers(input.customerAggregation, perCustomer);
	};
	const points: Array<{ timestamp: string; quantity: number | null }> = [];
	for (let at = input.start; at <= input.end; at = addInterval(at, interval, timezone)) {
		points.push({ timestamp: isoUtc(at), quantity: perBucket(truncate(at, interval, timezone)) });
	}
	const present = points
		.map((point) => point.quantity)
		.filter((value): value is number => value !== null);
	const func = meter.aggregation.func;
	let total: number | null;
	if (func === 'count' || func === 'sum') total = present.reduce((a, b) => a + b, 0);
	else if (func === 'max' || func === 'min') total = aggregateNumbers(func, present);
	else total = aggregate(meter.aggregation, counted);
	return {
		quantities: points.map((point) => ({
			timestamp: point.timestamp,
			quantity: point.quantity ?? 0,
		})),
		total: total ?? 0,
	};
}

const invalid = (loc: string[], msg: string, type: string, input: unknown) =>
	polarErrors.validation([{ loc, msg, type, input }]);

function getQuantities(
	meter: Meter,
	events: readonly IngestedEvent[],
	customers: readonly Customer[],
	query: Query,
	lists: QueryLists,
): CannedResponse {
	for (const name of ['start_timestamp', 'end_timestamp']) {
		// AwareDatetime: an offset is required.
		if (!/(Z|[+-]\d\d:?\d\d)$/i.test(query[name] ?? '')) {
			return invalid(
				['query', name],
				'Input should have timezone info',
				'timezone_aware',
				query[name],
			);
		}
	}
	const start = Date.parse(query.start_timestamp);
	const end = Date.parse(query.end_timestamp);
	const interval = query.interval as TimeInterval;
	if (start < MIN_START) {
		return invalid(
			['query', 'start_timestamp'],
			'Input should be greater than or equal to 2023-01-01T00:00:00Z',
			'greater_than_equal',
			query.start_timestamp,
		);
	}
	const days = Math.floor(end / DAY) - Math.floor(start / DAY);
	if (start > end || days > MAX_DAYS[interval]) {
		return invalid(
			['query'],
			'The interval is too small for the given date range. Use a larger interval or reduce the date range.',
			'value_error',
			[query.start_timestamp, query.end_timestamp, interval],
		);
	}
	let scoped = events.filter((event) => metadataMatches(event.metadata, lists));
	const ids = lists.customer_id;
	const externals = lists.external_customer_id;
	if (ids || externals) {
		const resolved = customers.filter(
			(c) =>
				ids?.some((id) => id.toLowerCase() === c.id) ||
				(c.external_id !== null && externals?.includes(c.external_id)),
		);
		const customerIds = new Set(resolved.map((c) => c.id));
		const externalIds = new Set([
			...resolved.map((c) => c.external_id).filter((id): id is string => id !== null),
			...(externals ?? []),
		]);
		scoped = scoped.filter(
			(event) =>
				(event.customer_id !== null && customerIds.has(event.customer_id)) ||
				(event.external_customer_id !== null && externalIds.has(event.external_customer_id)),
		);
	}
	return jsonResponse(
		200,
		quantities(meter, scoped, {
			start,
			end,
			interval,
			timezone: query.timezone ?? 'UTC',
			customerAggregation: query.customer_aggregation_function as MeterAggregation['func'],
		}),
	);
}

const METER_READ_SCOPES = ['meters:read', 'meters:write'];

export interface MeterSources {
	meters: readonly Meter[];
	/** The organization's ingested events, as the ingestion store holds them now. */
	events: () => readonly IngestedEvent[];
	customers: () => readonly Customer[];
}

/** The meter read endpoints: list, get, quantities. */
export function meterRoutes({ meters, events, customers }: MeterSources): Route[] {
	const find = (id: string) => meters.find((meter) => meter.id === id.toLowerCase());
	return [
		{
			method: 'GET',
			template: '/v1/meters/',
			scopes: METER_READ_SCOPES,
			answer: (request) => listMeters(meters, request.query, request.queryLists),
		},
		{
			method: 'GET',
			template: '/v1/meters/{id}',
			scopes: METER_READ_SCOPES,
			answer: (_request, ref) => {
				const meter = find((ref as { id: string }).id);
				return meter ? jsonResponse(200, meter) : polarErrors.notFound();
			},
		},
		{
			method: 'GET',
			template: '/v1/meters/{id}/quantities',
			scopes: METER_READ_SCOPES,
			answer: (request, ref) => {
				const meter = find((ref as { id: string }).id);
				if (!meter) return polarErrors.notFound();
				return getQuantities(meter, events(), customers(), request.query, request.queryLists);
			},
		},
	];
}
