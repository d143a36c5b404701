// Customer meters as Polar's server computes them (server/polar/customer_meter/service.py):
// update_customer_meter (117-192): consumed_units is the meter's aggregate over the customer's
// user events (by customer ID or external ID) since the last meter.reset system event
// (_get_usage_quantity 359-428, _build_events_statement 295-334); credited_units the
// non-negative running sum (kit/math.py) of the meter.credited units, which the meter_credit
// benefit's grants emit; balance = credited - consumed. A customer has a meter once it has
// events or credits for it (activated_at). list (38-79): customer, external customer and meter
// filters, archived meters left out unless meter_id is given, newest modification first.

import { createHash } from 'crypto';

import { aggregate, type IngestedEvent } from './meter-aggregation';
import { madeBy, meterCounts, page, sortBy, type Meter } from './meters';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Route } from './route';
import type { Customer } from './types';

/** A meter credit a grant gave: the meter.credited system event it emitted. */
export interface MeterCredit {
	customer_id: string;
	meter_id: string;
	units: number;
	at: string;
}

export interface CustomerMeterSources {
	meters: readonly Meter[];
	events: () => readonly IngestedEvent[];
	customers: () => readonly Customer[];
	/** Credits from granted meter_credit benefits. */
	credits: () => readonly MeterCredit[];
}

/** A stable uuid4 for a customer's meter, so a test can Get it by the ID a list gave. */
function customerMeterId(customerId: string, meterId: string): string {
	const hex = createHash('sha256').update(`${customerId}:${meterId}`).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const isSystem = (event: IngestedEvent, name: string, meterId: string) =>
	event.source === 'system' && event.name === name && event.metadata.meter_id === meterId;

/** The customer's meter, or undefined while it has neither events nor credits for it. */
function customerMeter(
	customer: Customer,
	meter: Meter,
	events: readonly IngestedEvent[],
	credits: readonly MeterCredit[],
): Record<string, unknown> | undefined {
	const own = events.filter((event) => madeBy(customer, event));
	const resets = own.filter((event) => isSystem(event, 'meter.reset', meter.id));
	const since = resets.reduce(
		(last, event) => (event.timestamp > last ? event.timestamp : last),
		'',
	);
	const usage = own.filter(
		(event) => event.source === 'user' && event.timestamp >= since && meterCounts(meter, event),
	);
	const credited = [
		...credits
			.filter((credit) => credit.customer_id === customer.id && credit.meter_id === meter.id)
			.map((credit) => ({ at: credit.at, units: credit.units })),
		...own
			.filter((event) => isSystem(event, 'meter.credited', meter.id))
			.map((event) => ({ at: event.timestamp, units: Number(event.metadata.units) })),
	]
		.filter((credit) => credit.at >= since)
		.sort((a, b) => a.at.localeCompare(b.at));
	if (usage.length === 0 && credited.length === 0) return undefined;
	const creditedUnits = credited.reduce((sum, credit) => Math.max(0, sum + credit.units), 0);
	const consumedUnits = aggregate(meter.aggregation, usage) ?? 0;
	const times = [...usage.map((event) => event.timestamp), ...credited.map((c) => c.at)].sort();
	return {
		id: customerMeterId(customer.id, meter.id),
		created_at: times[0],
		modified_at: times[times.length - 1],
		customer_id: customer.id,
		meter_id: meter.id,
		consumed_units: consumedUnits,
		credited_units: creditedUnits,
		balance: creditedUnits - consumedUnits,
		customer,
		meter,
	};
}

/** Every customer meter of the organization, as Polar keeps them up to date. */
export function customerMeters(sources: CustomerMeterSources): Record<string, unknown>[] {
	const events = sources.events();
	const credits = sources.credits();
	return sources
		.customers()
		.flatMap((customer) =>
			sources.meters
				.map((meter) => customerMeter(customer, meter, events, credits))
				.filter((found): found is Record<string, unknown> => found !== undefined),
		);
}

type Row = Record<string, unknown>;
const text = (key: string) => (row: Row) => String(row[key]);
const nested = (object: string, key: string) => (row: Row) =>
	String((row[object] as Row)[key] ?? '');

function listCustomerMeters(
	all: Row[],
	query: Record<string, string>,
	lists: Record<string, string[]>,
): CannedResponse {
	const lower = (values?: string[]) => values?.map((value) => value.toLowerCase());
	const customerIds = lower(lists.customer_id);
	const meterIds = lower(lists.meter_id);
	const externals = lists.external_customer_id;
	const matches = all.filter((row) => {
		const customer = row.customer as Customer;
		const meter = row.meter as Meter;
		return (
			(!customerIds || customerIds.includes(customer.id)) &&
			(!externals || (customer.external_id !== null && externals.includes(customer.external_id))) &&
			(meterIds ? meterIds.includes(meter.id) : meter.archived_at === null)
		);
	});
	const sorted = sortBy(matches, lists.sorting ?? ['-modified_at'], {
		created_at: text('created_at'),
		modified_at: text('modified_at'),
		customer_id: text('customer_id'),
		meter_id: text('meter_id'),
		customer_name: nested('customer', 'name'),
		meter_name: nested('meter', 'name'),
		consumed_units: (row) => Number(row.consumed_units),
		credited_units: (row) => Number(row.credited_units),
		balance: (row) => Number(row.balance),
	});
	return page(sorted, query);
}

const CUSTOMER_METER_SCOPES = ['customer_meters:read'];

/** The customer meter read endpoints: list and get. */
export function customerMeterRoutes(sources: CustomerMeterSources): Route[] {
	return [
		{
			method: 'GET',
			template: '/v1/customer-meters/',
			scopes: CUSTOMER_METER_SCOPES,
			answer: (request) =>
				listCustomerMeters(customerMeters(sources), request.query, request.queryLists),
		},
		{
			method: 'GET',
			template: '/v1/customer-meters/{id}',
			scopes: CUSTOMER_METER_SCOPES,
			answer: (_request, ref) => {
				const id = (ref as { id: string }).id.toLowerCase();
				const found = customerMeters(sources).find((row) => row.id === id);
				return found ? jsonResponse(200, found) : polarErrors.notFound();
			},
		},
	];
}
