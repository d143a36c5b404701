// A meter's filter and aggregation over ingested events, as Polar's SQL computes them:
// server/polar/meter/filter.py FilterClause.get_sql_clause (lines 52-94: name, source and
// timestamp are typed columns; a metadata value compares as text when it is a JSON string, as a
// number only against a number, as a boolean only against a boolean; a missing one never
// matches), Filter.get_sql_clause (184-189: and/or, empty is true), and
// server/polar/meter/aggregation.py (count; sum/max/min/avg over a property only where
// jsonb_typeof is 'number', so "5" as text is skipped, lines 89-97; unique counts distinct
// values). The event fields are those of the spec's Event schema.

/** What a meter reads of an event (the spec's Event has these, and more). */
export interface IngestedEvent {
	name: string;
	source: string;
	timestamp: string;
	customer_id: string | null;
	external_customer_id: string | null;
	metadata: Record<string, unknown>;
}

export interface FilterClause {
	property: string;
	operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'not_like';
	value: string | number | boolean;
}

export interface MeterFilter {
	conjunction: 'and' | 'or';
	clauses: Array<FilterClause | MeterFilter>;
}

export type MeterAggregation =
	| { func: 'count' }
	| { func: 'sum' | 'max' | 'min' | 'avg' | 'unique'; property: string };

/** Event columns a clause or aggregation may name directly, with the type they take. */
const COLUMNS: Record<string, 'string' | 'number'> = {
	name: 'string',
	source: 'string',
	timestamp: 'number',
};

const stripPrefix = (property: string) => property.replace(/^metadata\./, '');

/** get_nested_metadata_value: a dotted path into the metadata; undefined when absent. */
function metadataValue(metadata: Record<string, unknown>, path: string): unknown {
	let value: unknown = metadata;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value ?? undefined;
}

function columnValue(event: IngestedEvent, column: string): string | number {
	if (column === 'timestamp') return Math.floor(Date.parse(event.timestamp) / 1000);
	return column === 'name' ? event.name : event.source;
}

function compare(
	operator: FilterClause['operator'],
	actual: string | number | boolean,
	expected: string | number | boolean,
) {
	switch (operator) {
		case 'eq':
			return actual === expected;
		case 'ne':
			return actual !== expected;
		case 'gt':
			return actual > expected;
		case 'gte':
			return actual >= expected;
		case 'lt':
			return actual < expected;
		case 'lte':
			return actual <= expected;
		case 'like':
			return String(actual).includes(String(expected));
		case 'not_like':
			return !String(actual).includes(String(expected));
	}
}

/** Python's str() of a clause value, as the SQL compares text: True → "t". */
const asSqlText = (value: string | number | boolean) =>
	typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);

function clauseMatches(clause: FilterClause, event: IngestedEvent): boolean {
	const property = stripPrefix(clause.property);
	const { operator, value } = clause;
	const textual = operator === 'like' || operator === 'not_like';
	const column = COLUMNS[property];
	if (column) {
		// A value of the wrong type for the column matches nothing (isinstance check).
		const fits = column === 'string' ? typeof value === 'string' : typeof value !== 'string';
		if (!fits) return false;
		const actual = columnValue(event, property);
		return textual
			? compare(operator, String(actual), asSqlText(value))
			: compare(operator, actual, typeof value === 'boolean' ? Number(value) : value);
	}
	const actual = metadataValue(event.metadata, property);
	if (actual === undefined || actual === null) return false;
	if (textual) {
		const text = typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
		return compare(operator, text, asSqlText(value));
	}
	if (typeof actual === 'string') return compare(operator, actual, asSqlText(value));
	if (typeof actual === 'number') {
		if (typeof value === 'string') return false;
		return compare(operator, actual, Number(value));
	}
	if (typeof actual === 'boolean') {
		return typeof value === 'boolean' && compare(operator, actual, value);
	}
	return false;
}

/** Whether the event passes the meter's filter. */
export function filterMatches(filter: MeterFilter, event: IngestedEvent): boolean {
	if (filter.clauses.length === 0) return true;
	const results = filter.clauses.map((clause) =>
		'clauses' in clause ? filterMatches(clause, event) : clauseMatches(clause, event),
	);
	return filter.conjunction === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/**
 * The values an aggregation reads from the events that pass its type clause: a property
 * aggregation only the numbers (JSON numbers; a column only if numeric), unique any value.
 */
function aggregatedValues(aggregation: MeterAggregation, events: readonly IngestedEvent[]) {
	if (aggregation.func === 'count') return events.map(() => 1);
	const property = stripPrefix(aggregation.property);
	if (aggregation.func === 'unique') {
		return events
			.map((event) => metadataValue(event.metadata, property))
			.filter((value) => value !== undefined);
	}
	const column = COLUMNS[property];
	if (column) {
		return column === 'number' ? events.map((event) => columnValue(event, property)) : [];
	}
	return events
		.map((event) => metadataValue(event.metadata, property))
		.filter((value): value is number => typeof value === 'number');
}

/** Whether the event passes the aggregation's own type clause (get_sql_clause). */
export function aggregationAccepts(aggregation: MeterAggregation, event: IngestedEvent): boolean {
	if (aggregation.func === 'count' || aggregation.func === 'unique') return true;
	const property = stripPrefix(aggregation.property);
	const column = COLUMNS[property];
	if (column) return column === 'number';
	return typeof metadataValue(event.metadata, property) === 'number';
}

/** The SQL aggregate over the events; null where SQL's is NULL (no rows for sum/max/min/avg). */
export function aggregate(
	aggregation: MeterAggregation,
	events: readonly IngestedEvent[],
): number | null {
	const values = aggregatedValues(aggregation, events);
	switch (aggregation.func) {
		case 'count':
			return values.length;
		case 'unique':
			return new Set(values.map((value) => JSON.stringify(value))).size;
	}
	const numbers = values as number[];
	if (numbers.length === 0) return null;
	switch (aggregation.func) {
		case 'sum':
			return numbers.reduce((a, b) => a + b, 0);
		case 'max':
			return Math.max(...numbers);
		case 'min':
			return Math.min(...numbers);
		case 'avg':
			return numbers.reduce((a, b) => a + b, 0) / numbers.length;
	}
}

/** A function over numbers (customer_aggregation_function), SQL's way: null for no rows. */
export function aggregateNumbers(
	func: MeterAggregation['func'],
	numbers: readonly number[],
): number | null {
	if (func === 'count') return numbers.length;
	if (func === 'unique') return new Set(numbers).size;
	return aggregate(
		{ func, property: 'value' },
		numbers.map((value) => asEvent(value)),
	);
}

const asEvent = (value: number): IngestedEvent => ({
	name: '',
	source: 'user',
	timestamp: '1970-01-01T00:00:00Z',
	customer_id: null,
	external_customer_id: null,
	metadata: { value },
});
