// The README's Retries table names, for every operation the node offers, whether a request is
// sent again after a failure Polar may have acted on, and why: a new operation needs its row.

import { offeredOperations } from './operations';
import { readmeSection, updateReadmeSection } from './readme';

const HEADER = '| Resource | Operation | Sent again? | Why |\n| --- | --- | --- | --- |';
const cells = (line: string) => line.replace(/^\| | \|$/g, '').split(' | ');
const key = (line: string) => cells(line).slice(0, 2).join(' → ');

function rows(): string[] {
	return (readmeSection('retries') ?? '')
		.split('\n')
		.filter((line) => line.startsWith('| ') && !/^\| (Resource|---) /.test(line));
}

/** The rows in the node's order (UPDATE_README sorts them so; the first of a duplicate wins). */
function sorted(): string {
	const byKey = new Map<string, string>();
	for (const line of rows()) if (!byKey.has(key(line))) byKey.set(key(line), line);
	const order = offeredOperations().map((o) => `${o.resourceName} → ${o.operationName}`);
	const known = [...byKey.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
	return [HEADER, ...known.map((k) => byKey.get(k))].join('\n');
}

test('the README’s Retries table has one row per operation the node offers, each with a reason', () => {
	updateReadmeSection('retries', sorted());
	const named = rows().map(key);
	const offered = offeredOperations().map((o) => `${o.resourceName} → ${o.operationName}`);
	expect(named).toEqual(offered);
	for (const line of rows()) {
		const [, , again, why] = cells(line);
		expect(again).toMatch(/^(Yes|No)\b/);
		expect(why.length).toBeGreaterThan(5);
	}
});
