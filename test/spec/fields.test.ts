// For every operation the node offers, each request-body property and query parameter of
// Polar's spec is reachable from a node field (or set by the node, with a reason), and the
// node's fields keep the spec's enums and limits.

import type { INodeProperties } from 'n8n-workflow';

import { Polar } from '../../nodes/Polar/Polar.node';
import { FIELDS } from './fields';
import { nonNull, offeredOperations, specFields } from './operations';

/** The node field at a path such as additionalFields.name, shown for this resource and operation. */
function nodeField(resource: string, operation: string, path: string) {
	const shown = new Polar().description.properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
	let candidates: Array<{ name: string; values?: unknown; options?: unknown }> = shown;
	let found: INodeProperties | undefined;
	for (const segment of path.split('.')) {
		found = candidates.find((c) => c.name === segment) as INodeProperties | undefined;
		if (!found) return undefined;
		candidates = ((found as { values?: [] }).values ?? found.options ?? []) as typeof candidates;
	}
	return found;
}

describe.each(offeredOperations().map((o) => [`${o.resourceName} → ${o.operationName}`, o]))(
	'%s against Polar’s spec',
	(_name, offered) => {
		const key = `${offered.resource}.${offered.operation}`;
		const reach = FIELDS[key] ?? {};
		const fields = specFields(offered.endpoints);

		it('accounts for each body property and query parameter, and nothing else', () => {
			expect(FIELDS[key]).toBeDefined();
			expect(Object.keys(reach).sort()).toEqual([...fields.keys()].sort());
		});

		it('reaches each from a field the node shows for it, or says why the node sets it', () => {
			for (const [specField, how] of Object.entries(reach)) {
				if ('field' in how)
					expect({
						specField,
						shown: !!nodeField(offered.resource, offered.operation, how.field),
					}).toEqual({ specField, shown: true });
				else expect(Object.values(how)[0].length).toBeGreaterThan(10);
			}
		});

		it('keeps the spec’s enums and limits', () => {
			for (const [specField, how] of Object.entries(reach)) {
				if (!('field' in how)) continue;
				const schemas = (fields.get(specField) ?? []).flatMap(nonNull);
				const values = schemas.flatMap((s) => s.enum ?? (s.const !== undefined ? [s.const] : []));
				if (values.length) values.push(...(how.newerValues ?? []));
				if (values.length) {
					const field = nodeField(offered.resource, offered.operation, how.field)!;
					const options = (field.options ?? []) as Array<{ value: unknown }>;
					expect({ specField, values: options.map((o) => o.value).sort() }).toEqual({
						specField,
						values: [...new Set(values)].sort(),
					});
				}
				const max = schemas.find((s) => s.maxLength !== undefined);
				if (!max) continue;
				expect({ specField, read: typeof how.read }).toEqual({ specField, read: 'function' });
				const prefix = max.format === 'uri' ? 'https://example.com/' : '';
				const text = (length: number) => prefix + 'a'.repeat(length - prefix.length);
				expect(how.read!(text(max.maxLength))).toBe(text(max.maxLength));
				expect(() => how.read!(text(max.maxLength + 1))).toThrow(/at most/);
			}
		});
	},
);
