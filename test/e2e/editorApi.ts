// What the e2e files read and do through a running n8n's REST API (`n8n start`), signed in as
// the owner: activate a workflow, list its executions, read one as n8n stored it, and fetch the
// binary data an item holds.

import { createRequire } from 'node:module';
import type { N8nExecution, N8nInstance, N8nItem } from '../../dev/n8n';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds, for at most `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	for (const start = Date.now(); !condition() && Date.now() - start < timeoutMs; ) await sleep(100);
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

/** The owner's view of one n8n: `cookie` from setupOwner or login. */
export function editorApi(n8n: N8nInstance, cookie: string) {
	/** The workflow's executions, newest first. */
	async function executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await n8n.rest('GET', `/rest/executions?filter=${filter}`, undefined, cookie);
		return (res.body as { data: { results: ExecutionSummary[] } }).data.results;
	}

	return {
		executions,

		/** The executions once `count` of them have finished, newest first. */
		async finishedExecutions(workflowId: string, count: number): Promise<ExecutionSummary[]> {
			for (let tries = 0; tries < 60; tries++) {
				const found = await executions(workflowId);
				if (found.length >= count && found.every((e) => !['new', 'running'].includes(e.status)))
					return found;
				await sleep(500);
			}
			return await executions(workflowId);
		},

		/** One execution as n8n stored it (its run data flatted-encoded), in `n8n execute`'s shape. */
		async execution(id: string): Promise<N8nExecution> {
			const { parse } = createRequire(n8n.installation.n8nBin)('flatted') as {
				parse: (text: string) => N8nExecution['data'];
			};
			let seen = '';
			// n8n 1.x lists an execution a moment before its data can be read.
			for (let tries = 0; tries < 40; tries++) {
				const res = await n8n.rest('GET', `/rest/executions/${id}`, undefined, cookie);
				const stored = (res.body as { data?: { data?: string; status?: string; mode?: string } })
					.data;
				if (stored?.data) {
					return {
						status: String(stored.status),
						mode: String(stored.mode),
						data: parse(stored.data),
					};
				}
				seen = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
				await sleep(250);
			}
			throw new Error(`Execution ${id} has no data: ${seen}`);
		},

		/** Activates (publishes) a workflow, as the editor's toggle does. */
		async activate(workflowId: string) {
			const stored = await n8n.rest('GET', `/rest/workflows/${workflowId}`, undefined, cookie);
			const { versionId } = (stored.body as { data: { versionId: string } }).data;
			return await n8n.rest(
				'POST',
				`/rest/workflows/${workflowId}/activate`,
				{ versionId },
				cookie,
			);
		},

		async deactivate(workflowId: string) {
			return await n8n.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {}, cookie);
		},

		/**
		 * The bytes of an item's binary field: inline (n8n 1.x keeps them in the execution) or, where
		 * n8n keeps them on disk (2.x), as the editor downloads them.
		 */
		async binary(item: N8nItem, field: string): Promise<Buffer> {
			const binary = item.binary?.[field] as { data?: string; id?: string } | undefined;
			if (!binary) throw new Error(`The item has no binary field "${field}"`);
			if (!binary.id) return Buffer.from(binary.data ?? '', 'base64');
			const query = new URLSearchParams({ id: binary.id, action: 'download' });
			const response = await fetch(`${n8n.url}/rest/binary-data?${query}`, {
				headers: { cookie, 'browser-id': 'n8n-e2e' },
			});
			if (response.status !== 200)
				throw new Error(`n8n served binary ${binary.id} with ${response.status}`);
			return Buffer.from(await response.arrayBuffer());
		},
	};
}
