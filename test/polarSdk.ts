// Polar's official SDK 1.0.1 (a dev dependency, never shipped): the type declarations it ships
// per API version, read as text. They state what Polar serves beyond the vendored 2026-04 spec
// (e.g. `subscription.migrated`, the endpoints' `api_version`).

import { readFileSync } from 'fs';
import { join } from 'path';

const DIST = join(__dirname, '..', 'node_modules', '@polar-sh', 'sdk', 'dist');

/** The declarations an API version's entry point imports: its models and webhooks files. */
function declarations(version: string): string {
	const entry = readFileSync(join(DIST, version, 'index.d.mts'), 'utf8');
	const files = [...entry.matchAll(/from "\.\.\/((?:models|index)-[\w-]+)\.mjs"/g)];
	return files.map(([, name]) => readFileSync(join(DIST, `${name}.d.mts`), 'utf8')).join('\n');
}

/** The members of a string union, e.g. `WebhookEventType`, in the SDK's order. */
export function sdkUnion(version: string, name: string): string[] {
	const union = new RegExp(`^type ${name} = ([^;]+);`, 'm').exec(declarations(version))?.[1];
	if (!union) throw new Error(`No type ${name} in the SDK's ${version} declarations`);
	return [...union.matchAll(/"([^"]+)"/g)].map(([, member]) => member);
}

/** The field names of an interface, e.g. `WebhookEndpointCreate`, in the SDK's order. */
export function sdkFields(version: string, name: string): string[] {
	const body = new RegExp(`^interface ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(
		declarations(version),
	)?.[1];
	if (!body) throw new Error(`No interface ${name} in the SDK's ${version} declarations`);
	return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map(([, field]) => field);
}
