// `npm start`'s editor (dev/demo/editor.ts): the login it prints works, and the example
// workflow runs the way the editor's Execute button runs it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_OWNER, startEditor, type Editor } from '../../dev/demo/editor';
import { freePort } from '../../dev/n8n';
import { DEFAULT_TOKEN } from '../../dev/polar-double';
import { filesContaining } from './stack';

const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-editor-'));
let editor: Editor;
beforeAll(async () => {
	editor = await startEditor({
		userFolder: join(dir, 'user'),
		port: await freePort(),
		target: { kind: 'double' },
	});
}, 300_000);
afterAll(async () => {
	await editor?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('serves the editor at the printed URL', async () => {
	const page = await fetch(editor.url);
	expect(page.status).toBe(200);
	expect(await page.text()).toContain('<!DOCTYPE html>');
});

test('the printed login opens the example workflow, and Execute creates its sessions', async () => {
	const { n8n, workflow } = editor;
	const { cookie } = await n8n.login(DEMO_OWNER.email, DEMO_OWNER.password);
	const stored = await n8n.rest('GET', `/rest/workflows/${workflow.id}`, undefined, cookie);
	const nodes = (stored.body as { data: { nodes: Array<{ name: string; type: string }> } }).data
		.nodes;
	expect(nodes.map((node) => node.type)).toContain('n8n-nodes-polarsh.polar');

	// What the editor sends when the user presses Execute workflow.
	const started = await n8n.rest(
		'POST',
		`/rest/workflows/${workflow.id}/run`,
		{ triggerToStartFrom: { name: nodes[0].name } },
		cookie,
	);
	const { executionId } = (started.body as { data: { executionId: string } }).data;
	let status = 'new';
	for (let tries = 0; ['new', 'running'].includes(status) && tries < 60; tries++) {
		await sleep(500);
		const execution = await n8n.rest('GET', `/rest/executions/${executionId}`, undefined, cookie);
		status = (execution.body as { data: { status: string } }).data.status;
	}
	expect(status).toBe('success');
	const customers = editor.double?.sessions.map((session) => session.customer.external_id);
	expect(customers?.sort()).toEqual(['team_acme', 'usr_ada', 'usr_grace']);
	expect(editor.double?.violations).toEqual([]);
});

test('n8n stores the example credential’s token only encrypted', async () => {
	await editor.n8n.stop();
	expect(filesContaining(editor.n8n.userFolder, DEFAULT_TOKEN)).toEqual([]);
});
