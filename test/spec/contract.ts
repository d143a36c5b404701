// Holds a request against one API version's contract (sdkContract.ts): its route, each query
// parameter and body field by name, and the kinds of JSON each field carries.

import type { RecordedRequest } from '../../dev/polar-double/server';
import type { Endpoint } from '../../nodes/Polar/actions/router';
import { FIELDS } from './fields';
import { findOperation, offeredOperations, specFields, variants, type Schema } from './operations';
import type { Contract, Kind } from './sdkContract';

/** The versions the node must speak: Current now, and Current from Polar's January 2027 release. */
export const CONTRACT_VERSIONS = ['2026-10', '2027-01'] as const;

/** A request as the contract sees it. */
export interface RequestShape {
	method: string;
	/** As Polar's spec and SDK write it, e.g. /v1/customers/{id}. */
	path: string;
	/** Each query parameter sent, with the kinds of value it may carry. */
	query: Record<string, Kind[]>;
	/** Each body field sent, likewise; undefined when the request has no body. */
	body?: Record<string, Kind[]>;
}

/** What the version's contract lacks for the request: nothing when the version takes it. */
export function contractProblems(contract: Contract, request: RequestShape): string[] {
	const route = `${request.method} ${request.path}`;
	const operation = contract.get(route);
	if (!operation) return [`${route}: no such route`];
	const problems: string[] = [];
	const check = (where: string, sent: Record<string, Kind[]>, taken: Map<string, Set<Kind>>) => {
		for (const [name, kinds] of Object.entries(sent)) {
			const allowed = taken.get(name);
			const wrong = kinds.filter((kind) => !allowed?.has(kind));
			if (!allowed) problems.push(`${route}: no ${where}.${name}`);
			else if (wrong.length)
				problems.push(`${route}: ${where}.${name} takes ${[...allowed]}, not ${wrong}`);
		}
	};
	check('query', request.query, operation.query);
	if (request.body && !operation.body) problems.push(`${route}: takes no body`);
	else if (request.body) check('body', request.body, operation.body!);
	return problems;
}

const JSON_TYPES: Record<string, Kind> = {
	string: 'string',
	number: 'number',
	integer: 'number',
	boolean: 'boolean',
	null: 'null',
	array: 'array',
	object: 'object',
};

/** The kinds of JSON a schema of Polar's 2026-04 spec allows (the double holds requests to it). */
export function schemaKinds(schema: Schema): Kind[] {
	const kinds = variants(schema).flatMap((s): Kind[] => {
		if (s.type) return [s.type].flat().map((type: string) => JSON_TYPES[type]);
		const values: unknown[] = s.enum ?? ('const' in s ? [s.const] : []);
		if (values.length) return values.map(kindOf);
		throw new Error(`No JSON type in ${JSON.stringify(s).slice(0, 100)}`);
	});
	return [...new Set(kinds)];
}

export function kindOf(value: unknown): Kind {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value as Kind;
}

/**
 * The request to an endpoint with the named `query.x` / `body.x` fields, each with the kinds
 * Polar's spec gives it. A name the spec lacks for the endpoint is an error of the caller.
 */
export function requestFromSpec(endpoint: Endpoint, names: readonly string[]): RequestShape {
	const schemas = specFields([endpoint]);
	const request: RequestShape = { ...endpoint, query: {} };
	for (const name of names) {
		const [where, field] = name.split('.') as ['query' | 'body', string];
		const kinds = (schemas.get(name) ?? []).flatMap(schemaKinds);
		if (!kinds.length) throw new Error(`${endpoint.method} ${endpoint.path} has no ${name}`);
		(request[where] ??= {})[field] = kinds;
	}
	return request;
}

/**
 * Each request an operation the node offers can send: each endpoint it declares, with every
 * body property and query parameter fields.ts says the node sends (all but its gaps).
 */
export function offeredRequests(): Array<{ operation: string; request: RequestShape }> {
	return offeredOperations().flatMap(({ resource, operation, endpoints }) => {
		const sent = Object.entries(FIELDS[`${resource}.${operation}`] ?? {})
			.filter(([, reach]) => !('gap' in reach))
			.map(([name]) => name);
		return endpoints.map((endpoint) => {
			const fields = specFields([endpoint]);
			const request = requestFromSpec(
				endpoint,
				sent.filter((name) => fields.has(name)),
			);
			if (findOperation(endpoint)?.requestBody) request.body ??= {};
			return { operation: `${resource}.${operation}`, request };
		});
	});
}

/** A request the Polar double recorded, as the contract sees it: query names, body kinds. */
export function recordedShape(recorded: RecordedRequest): RequestShape {
	const body = recorded.body as Record<string, unknown> | undefined;
	return {
		method: recorded.method,
		// The spec's path template the double routed it to; the path as sent when it found none.
		path: recorded.route ?? recorded.path,
		// Values in a query string are text: the names are what a version can lack.
		query: Object.fromEntries(Object.keys(recorded.queryLists).map((name) => [name, []])),
		body:
			body &&
			Object.fromEntries(Object.entries(body).map(([name, value]) => [name, [kindOf(value)]])),
	};
}
