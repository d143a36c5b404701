// The README's Retries table names, for every operation the node offers, whether a request is
// sent again after a failure Polar may have acted on, and why: a new operation needs its row.

import { readFileSync } from 'fs';
import { join } from 'path';

import { offeredOperations } from './operations';

function retriesRows(): Array<{ resource: string; operation: string; again: string; why: string }> {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const table = /<!-- retries:start -->\n([\s\S]*?)<!-- retries:end -->/.exec(readme)?.[1] ?? '';
	return table
		.split('\n')
		.filter((line) => line.startsWith('| ') && !/^\| (Resource|---) /.test(line))
		.map((line) => {
			const [resource, operation, again, why] = line
				.split(' | ')
				.map((c) => c.replace(/^\| | \|$/g, ''));
			return { resource, operation, again, why };
		});
}

test('the README’s Retries table has one row per operation the node offers, each with a reason', () => {
	const rows = retriesRows();
	const named = rows.map((r) => `${r.resource} → ${r.operation}`);
	const offered = offeredOperations().map((o) => `${o.resourceName} → ${o.operationName}`);
	expect(named).toEqual(offered);
	for (const row of rows) {
		expect(row.again).toMatch(/^(Yes|No)\b/);
		expect(row.why.length).toBeGreaterThan(5);
	}
});
