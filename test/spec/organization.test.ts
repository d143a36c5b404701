// The transport's table of where a request names its organization holds every organization_id
// of Polar's spec, but those the node sets elsewhere: license key validate, activate and
// deactivate (helpers/licenseKey.ts), and event ingestion, per event (ingestBatches.ts).

import { ORGANIZATION_PLACES } from '../../nodes/Polar/transport/organization';
import { organizationOperations, spec } from './operations';

const resolve = (schema: any): any =>
	schema?.$ref ? spec.components.schemas[schema.$ref.split('/').pop()] : schema;

function bodyProperties(schema: any): string[] {
	const resolved = resolve(schema);
	if (!resolved) return [];
	const own = Object.keys(resolved.properties ?? {});
	const variants = ['anyOf', 'oneOf', 'allOf'].flatMap((key) => resolved[key] ?? []);
	return [...own, ...variants.flatMap(bodyProperties)];
}

const OWN_PLACES = new Set([
	'POST /v1/license-keys/validate',
	'POST /v1/license-keys/activate',
	'POST /v1/license-keys/deactivate',
]);

describe('Where the node names the organization', () => {
	it('is where Polar’s spec takes organization_id, for every organization operation', () => {
		const fromSpec: Record<string, string> = {};
		for (const operation of organizationOperations()) {
			const key = `${operation.method} ${operation.path}`;
			if (OWN_PLACES.has(key)) continue;
			const inQuery = (operation.parameters ?? []).some(
				(p) => p.in === 'query' && p.name === 'organization_id',
			);
			const schema = operation.requestBody?.content?.['application/json']?.schema;
			if (inQuery) fromSpec[key] = 'query';
			else if (bodyProperties(schema).includes('organization_id')) fromSpec[key] = 'body';
		}
		expect(ORGANIZATION_PLACES).toEqual(fromSpec);
	});
});
