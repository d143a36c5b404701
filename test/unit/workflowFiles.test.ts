// The workflow files n8n's `import:workflow` reads (the e2e suite's and every example) import on
// every n8n version the suite runs on: n8n 2.0.x refuses a workflow without a versionId.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const workflowFiles = [
	...readdirSync(join(root, 'test', 'e2e', 'workflows')).map((name) =>
		join('test', 'e2e', 'workflows', name),
	),
	...readdirSync(join(root, 'examples'))
		.filter((name) => name.endsWith('.json') && !name.endsWith('.credential.json'))
		.map((name) => join('examples', name)),
];

test.each(workflowFiles)('%s has an id and a versionId', (file) => {
	const workflow = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
	expect(workflow).toEqual(
		expect.objectContaining({
			id: expect.stringMatching(/\S/),
			versionId: expect.stringMatching(
				/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
			),
		}),
	);
});
