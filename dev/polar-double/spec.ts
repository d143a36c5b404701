// Polar's whole OpenAPI spec as a JSON Schema validator: every request the double receives and
// every answer it gives is checked against it (formats, lengths, nullability), not only field
// names. The spec is vendored in openapi/ (see its README for its source), never shipped.

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** Where the vendored spec came from; a test checks the file still hashes to `sha256`. */
export const SPEC_SOURCE = {
	repository: 'polarsource/polar',
	path: 'docs/openapi/2026-04.openapi.json',
	commit: 'c6c3645e639ee8eeaa05aa0835cf8e39e330382f',
	sha256: 'fc2c365364aaf9adb3badff3f65d570c2161b89cb15efef5e0ba2be040adbdd4',
};

const SPEC_FILE = join('dev', 'polar-double', 'openapi', '2026-04.openapi.json');

/**
 * Polar's spec for API 2026-04, in the repository: found from this file's folder up, so that
 * copies compiled elsewhere in the repository (.cache/tools, the CLI test) find it too.
 */
export const SPEC_PATH = findSpecPath();

function findSpecPath(): string {
	for (let dir = __dirname; ; dir = dirname(dir)) {
		const candidate = join(dir, SPEC_FILE);
		if (existsSync(candidate)) return candidate;
		if (dirname(dir) === dir)
			throw new Error(`Polar's spec (${SPEC_FILE}) is not in any folder above ${__dirname}`);
	}
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

interface Parameter {
	name: string;
	in: string;
	required?: boolean;
	schema?: object;
}
interface Operation {
	parameters?: Parameter[];
	requestBody?: { content?: Record<string, { schema?: object }> };
	responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
	security?: Array<Record<string, string[]>>;
}
export interface OpenApiSpec {
	paths: Record<string, Record<string, Operation>>;
	components: { schemas: Record<string, object> };
	webhooks?: Record<string, Record<string, Operation>>;
}

/** Where a request or answer breaks the spec: `where` is e.g. body, query.page, response 201. */
export type SpecProblem = { where: string; message: string; loc: Array<string | number> };

/** JSON Pointer escaping of one path segment. */
const pointer = (...segments: string[]) =>
	segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const describeErrors = (errors: ErrorObject[] | null | undefined, where: string): SpecProblem[] =>
	(errors ?? []).map((e) => ({
		where,
		message: `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`,
		loc: [
			...where.split('.'),
			...e.instancePath
				.split('/')
				.filter(Boolean)
				.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')),
		],
	}));

/** Validators for Polar's operations, compiled on first use. */
export class PolarSpec {
	private readonly ajv: Ajv2020;
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor(readonly spec: OpenApiSpec) {
		// OpenAPI adds keywords (discriminator, examples, x-…) that a validator need not know.
		this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
		addFormats(this.ajv);
		this.ajv.addFormat('uuid4', UUID4);
		// Formats Polar's server checks but JSON Schema does not define: checked by shape elsewhere.
		this.ajv.addFormat('ipvanyaddress', true);
		this.ajv.addFormat('color', true);
		this.ajv.addSchema({ ...spec, $id: 'polar' } as object);
	}

	static load(path = SPEC_PATH): PolarSpec {
		return new PolarSpec(JSON.parse(readFileSync(path, 'utf8')) as OpenApiSpec);
	}

	/** Every scope some operation of the spec accepts, e.g. for a token allowed everything. */
	scopes(): string[] {
		const scopes = new Set<string>();
		for (const operations of Object.values(this.spec.paths))
			for (const operation of Object.values(operations))
				for (const requirement of operation.security ?? [])
					for (const listed of Object.values(requirement)) listed.forEach((s) => scopes.add(s));
		return [...scopes].sort();
	}

	operation(method: string, template: string): Operation | undefined {
		return this.spec.paths[template]?.[method.toLowerCase()];
	}

	private validator(ref: string): ValidateFunction {
		let validate = this.compiled.get(ref);
		if (!validate) {
			validate = this.ajv.compile({ $ref: `polar#/${ref}` });
			this.compiled.set(ref, validate);
		}
		return validate;
	}

	private check(ref: string, value: unknown, where: string): SpecProblem[] {
		const validate = this.validator(ref);
		return validate(value) ? [] : describeErrors(validate.errors, where);
	}

	/** The request's JSON body and query parameters against the operation's schemas. */
	checkRequest(
		method: string,
		template: string,
		body: unknown,
		query: Record<string, string | string[]> = {},
	): SpecProblem[] {
		const operation = this.operation(method, template);
		const base = pointer('paths', template, method.toLowerCase());
		if (!operation) {
			return [
				{ where: 'path', message: `${method} ${template} is not in Polar's spec`, loc: ['path'] },
			];
		}
		const problems: SpecProblem[] = [];
		const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
		if (bodySchema) {
			problems.push(
				...this.check(
					`${base}/${pointer('requestBody', 'content', 'application/json', 'schema')}`,
					body,
					'body',
				),
			);
		} else if (body !== undefined) {
			problems.push({ where: 'body', message: 'this operation takes no body', loc: ['body'] });
		}
		const parameters = operation.parameters ?? [];
		for (const [name, value] of Object.entries(groupDeepObjects(query))) {
			const index = parameters.findIndex((p) => p.in === 'query' && p.name === name);
			if (index === -1) {
				problems.push({
					where: `query.${name}`,
					message: 'is not a parameter of this operation',
					loc: ['query', name],
				});
				continue;
			}
			const typed =
				typeof value === 'object' && !Array.isArray(value)
					? value
					: coerce(parameters[index].schema, value);
			problems.push(
				...this.check(
					`${base}/${pointer('parameters', String(index), 'schema')}`,
					typed,
					`query.${name}`,
				),
			);
		}
		return problems;
	}

	/** An answer's JSON body against the schema the spec gives for its status, if it gives one. */
	checkResponse(method: string, template: string, status: number, body: unknown): SpecProblem[] {
		const operation = this.operation(method, template);
		if (!operation?.responses?.[String(status)]?.content?.['application/json']?.schema) return [];
		const ref = pointer(
			'paths',
			template,
			method.toLowerCase(),
			'responses',
			String(status),
			'content',
			'application/json',
			'schema',
		);
		return this.check(ref, body, `response ${status}`);
	}

	/** A component schema, e.g. a webhook event's payload. */
	checkSchema(name: string, value: unknown): SpecProblem[] {
		return this.check(pointer('components', 'schemas', name), value, name);
	}
}

/** `metadata[plan]=pro` (OpenAPI's deepObject style) becomes `metadata: { plan: 'pro' }`. */
function groupDeepObjects(
	query: Record<string, string | string[]>,
): Record<string, string | string[] | Record<string, string | string[]>> {
	const grouped: Record<string, string | string[] | Record<string, string | string[]>> = {};
	for (const [key, value] of Object.entries(query)) {
		const deep = /^([^[]+)\[([^\]]+)\]$/.exec(key);
		if (!deep) grouped[key] = value;
		else grouped[deep[1]] = { ...(grouped[deep[1]] as object), [deep[2]]: value };
	}
	return grouped;
}

/** Query strings are text: read numbers and booleans as the parameter's schema types them. */
function coerce(schema: object | undefined, raw: string | string[]): unknown {
	const text = JSON.stringify(schema ?? {});
	const values = Array.isArray(raw) ? raw : [raw];
	const one = (value: string): unknown => {
		if (/"type":"integer"|"type":"number"/.test(text) && /^-?\d+(\.\d+)?$/.test(value))
			return Number(value);
		if (/"type":"boolean"/.test(text) && (value === 'true' || value === 'false'))
			return value === 'true';
		return value;
	};
	return /"type":"array"/.test(text) ? values.map(one) : one(values[0]);
}

let loaded: PolarSpec | undefined;

/** The vendored spec, loaded and compiled once per process. */
export function polarSpec(): PolarSpec {
	loaded ??= PolarSpec.load();
	return loaded;
}
