// Polar's contract per API version, read from its official SDK @polar-sh/sdk 1.0.1 (a dev
// dependency, never shipped): each service's `.mjs` names an operation's method and path
// (`client.buildRequest("GET", "/v1/products/", …)`), its `.d.mts` the types of its `query`
// and `body` parameters, resolved by the TypeScript compiler against that version's models.

import { readFileSync, readdirSync } from 'fs';
import { dirname, join } from 'path';
import ts from 'typescript';

/** The versions the SDK ships: `dist/<version>/` each. */
export const SDK_VERSIONS = ['2026-04', '2026-10', '2027-01'] as const;
export type SdkVersion = (typeof SDK_VERSIONS)[number];

/** What JSON a field takes: the kinds of value its type allows. */
export type Kind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const ALL_KINDS: Kind[] = ['string', 'number', 'boolean', 'null', 'array', 'object'];

export interface ContractOperation {
	/** The SDK's function, e.g. products.listProducts. */
	name: string;
	query: Map<string, Set<Kind>>;
	/** Undefined when the operation takes no body. */
	body?: Map<string, Set<Kind>>;
}

/** A version's operations by `${method} ${path}`, the path as Polar's spec writes it. */
export type Contract = Map<string, ContractOperation>;

/** The SDK's main entry is dist/index.cjs: its folder holds every version's. */
const SDK_DIST = dirname(require.resolve('@polar-sh/sdk'));
/** Services the node has no use for: the customer portal's (a customer's token) and OAuth2's. */
const NOT_ORGANIZATION = ['customer_portal', 'oauth2'];

function serviceFiles(version: SdkVersion): string[] {
	const root = join(SDK_DIST, version, 'services');
	return readdirSync(root, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.mjs') && !NOT_ORGANIZATION.includes(file.split('/')[0]))
		.map((file) => join(root, file));
}

/** Each service function's method and path, from its `.mjs`. */
function routes(file: string): Array<{ fn: string; method: string; path: string }> {
	const source = readFileSync(file, 'utf8');
	return source.split(/^const (?=\w+ = \(client\) => )/m).flatMap((chunk) => {
		const found = /^(\w+)[\s\S]*?client\.buildRequest\("(\w+)", "([^"]+)"/.exec(chunk);
		return found ? [{ fn: found[1], method: found[2], path: found[3] }] : [];
	});
}

function kinds(checker: ts.TypeChecker, type: ts.Type): Set<Kind> {
	const found = new Set<Kind>();
	for (const t of type.isUnion() ? type.types : [type]) {
		const flags = t.flags;
		if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) ALL_KINDS.forEach((k) => found.add(k));
		else if (flags & ts.TypeFlags.StringLike) found.add('string');
		else if (flags & ts.TypeFlags.NumberLike) found.add('number');
		else if (flags & ts.TypeFlags.BooleanLike) found.add('boolean');
		else if (flags & ts.TypeFlags.Null) found.add('null');
		else if (flags & ts.TypeFlags.Undefined) continue;
		else if (checker.isArrayType(t) || checker.isTupleType(t)) found.add('array');
		else if (flags & ts.TypeFlags.Object) found.add('object');
		else throw new Error(`No JSON kind for ${checker.typeToString(t)}`);
	}
	return found;
}

/**
 * The properties of a parameter's type and the kinds each takes. A union of object types (a
 * body with variants, e.g. SubscriptionUpdate) has each variant's properties.
 */
function properties(checker: ts.TypeChecker, type: ts.Type): Map<string, Set<Kind>> {
	const fields = new Map<string, Set<Kind>>();
	for (const variant of type.isUnion() ? type.types : [type]) {
		if (!(variant.flags & ts.TypeFlags.Object)) continue;
		for (const property of checker.getPropertiesOfType(variant)) {
			const found = kinds(checker, checker.getTypeOfSymbol(property));
			fields.set(property.name, new Set([...(fields.get(property.name) ?? []), ...found]));
		}
	}
	return fields;
}

/** One program for every version: the compiler reads its own library files once. */
function readContracts(): Map<SdkVersion, Contract> {
	const files = new Map(SDK_VERSIONS.map((version) => [version, serviceFiles(version)]));
	const declarationsOf = (file: string) => file.replace(/\.mjs$/, '.d.mts');
	const program = ts.createProgram([...files.values()].flat().map(declarationsOf), {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		target: ts.ScriptTarget.ES2022,
	});
	const checker = program.getTypeChecker();
	const read = (file: string): Array<[string, ContractOperation]> => {
		const declarations = program.getSourceFile(declarationsOf(file))!;
		const service = file.slice(file.indexOf('/services/') + '/services/'.length, -'.mjs'.length);
		const byName = new Map<string, ts.Symbol>();
		for (const symbol of checker.getSymbolsInScope(declarations, ts.SymbolFlags.Variable))
			if (symbol.valueDeclaration?.getSourceFile() === declarations)
				byName.set(symbol.name, symbol);
		return routes(file).map(({ fn, method, path }) => {
			const symbol = byName.get(fn);
			if (!symbol) throw new Error(`${service}.${fn} has no declaration`);
			// (client) => (id?, query?, body?, requestOptions?) => Promise<…>
			const outer = checker.getTypeOfSymbol(symbol).getCallSignatures()[0];
			const [call] = outer.getReturnType().getCallSignatures();
			const parameter = (name: string) => {
				const found = call.parameters.find((p) => p.name === name);
				return found && checker.getNonNullableType(checker.getTypeOfSymbol(found));
			};
			const query = parameter('query');
			const body = parameter('body');
			return [
				`${method} ${path}`,
				{
					name: `${service}.${fn}`,
					query: query ? properties(checker, query) : new Map(),
					body: body && properties(checker, body),
				},
			];
		});
	};
	return new Map(
		[...files].map(([version, versionFiles]) => [version, new Map(versionFiles.flatMap(read))]),
	);
}

let contracts: Map<SdkVersion, Contract> | undefined;

/** The version's contract; the SDK is read once per test file, for every version (about 10 s). */
export function sdkContract(version: SdkVersion): Contract {
	contracts ??= readContracts();
	return contracts.get(version)!;
}
