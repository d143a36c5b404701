// Polar's organization operations, what the node offers of them, and the README's Coverage
// table: derived from the vendored spec and the node's own description, never listed by hand.

import type { INodeProperties } from 'n8n-workflow';

import { polarSpec } from '../../dev/polar-double/spec';
import { resources, type Endpoint } from '../../nodes/Polar/actions/router';
import { Polar } from '../../nodes/Polar/Polar.node';
import { NOT_OFFERED } from './notOffered';

export interface SpecOperation {
	operationId: string;
	method: string;
	path: string;
	tags: string[];
	parameters?: Array<{ name: string; in: string; schema?: object }>;
	requestBody?: { content?: Record<string, { schema?: object }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Tags of operations an organization's token is not for: the customer portal's (a customer or
 * member session token) and OAuth2's own endpoints (authorize, token, clients…).
 */
export const NOT_ORGANIZATION_TAGS = ['customer_portal', 'oauth2'];

export const spec = polarSpec().spec as unknown as {
	paths: Record<string, Record<string, Omit<SpecOperation, 'method' | 'path'>>>;
	components: { schemas: Record<string, any> };
};

export const allOperations = (): SpecOperation[] =>
	Object.entries(spec.paths).flatMap(([path, item]) =>
		Object.entries(item)
			.filter(([method]) => METHODS.includes(method))
			.map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
	);

export const organizationOperations = (): SpecOperation[] =>
	allOperations().filter((o) => !o.tags.some((tag) => NOT_ORGANIZATION_TAGS.includes(tag)));

export const findOperation = ({ method, path }: Endpoint): SpecOperation | undefined =>
	allOperations().find((o) => o.method === method && o.path === path);

/** An option of the node, by the values n8n stores: Customer → Get Many is customer.getAll. */
export interface OfferedOperation {
	resource: string;
	operation: string;
	resourceName: string;
	operationName: string;
	endpoints: readonly Endpoint[];
}

const options = (property: INodeProperties | undefined) =>
	(property?.options ?? []) as Array<{ name: string; value: string }>;

/** Every Resource → Operation the Polar node shows, with the endpoints its code declares. */
export function offeredOperations(): OfferedOperation[] {
	const properties = new Polar().description.properties;
	const resourceOptions = options(properties.find((p) => p.name === 'resource'));
	return resourceOptions.flatMap((resource) => {
		const operationProperty = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
		);
		return options(operationProperty).map((operation) => ({
			resource: resource.value,
			operation: operation.value,
			resourceName: resource.name,
			operationName: operation.name,
			endpoints: resources[resource.value]?.[operation.value]?.endpoints ?? [],
		}));
	});
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The README's Coverage section, between its markers. */
export function coverageTable(): string {
	// An endpoint several operations call (e.g. Update and Create or Update) names each of them.
	const offered = new Map<string, string[]>();
	for (const o of offeredOperations()) {
		for (const endpoint of o.endpoints) {
			const id = findOperation(endpoint)?.operationId;
			if (id)
				offered.set(id, [...(offered.get(id) ?? []), `${o.resourceName} → ${o.operationName}`]);
		}
	}
	const rows = organizationOperations().map((o) => {
		const users = offered.get(o.operationId);
		const status =
			(users && `offered: ${users.join(', ')}`) ?? NOT_OFFERED[o.operationId] ?? '(missing)';
		return `| \`${o.operationId}\` | \`${o.method} ${o.path}\` | ${cell(status)} |`;
	});
	return ['| Polar operation | Endpoint | In the node |', '| --- | --- | --- |', ...rows].join(
		'\n',
	);
}

export type Schema = Record<string, any>;
const resolve = (schema: Schema): Schema =>
	schema.$ref ? resolve(spec.components.schemas[schema.$ref.split('/').pop()]) : schema;
/** The object schemas a body may be: one, or each variant of a oneOf / anyOf. */
export const variants = (schema: Schema): Schema[] => {
	const s = resolve(schema);
	const union = s.oneOf ?? s.anyOf;
	return union ? union.flatMap(variants) : [s];
};
/** A property's non-null schemas (Polar writes optional fields as anyOf [T, null]). */
export const nonNull = (schema: Schema): Schema[] =>
	variants(schema).filter((s) => s.type !== 'null');

/**
 * Every body property and query parameter of the endpoints, by `body.x` / `query.x`: the
 * schema of each, once per endpoint (or body variant) that has it.
 */
export function specFields(endpoints: readonly Endpoint[]): Map<string, Schema[]> {
	const fields = new Map<string, Schema[]>();
	const add = (key: string, schema: Schema) =>
		fields.set(key, [...(fields.get(key) ?? []), schema]);
	for (const endpoint of endpoints) {
		const operation = findOperation(endpoint)!;
		const body = operation.requestBody?.content?.['application/json']?.schema;
		for (const variant of body ? variants(body) : [])
			for (const [name, schema] of Object.entries(variant.properties ?? {}))
				add(`body.${name}`, schema as Schema);
		for (const parameter of operation.parameters ?? [])
			if (parameter.in === 'query') add(`query.${parameter.name}`, parameter.schema ?? {});
	}
	return fields;
}
