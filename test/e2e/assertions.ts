// Small readers for n8n's run data and the double's recordings, shared by the e2e files.

import type { N8nExecution, N8nItem } from '../../dev/n8n';
import type { RecordedRequest } from '../../dev/polar-double';

/** The items a node put on one output (0: success, 1: error output), with their pairedItem. */
export function items(execution: N8nExecution, node: string, output = 0): N8nItem[] {
	const run = execution.data.resultData.runData[node]?.[0];
	if (!run) {
		const error = execution.data.resultData.error?.message;
		throw new Error(`node "${node}" did not run${error ? `; the run failed: ${error}` : ''}`);
	}
	return run.data?.main?.[output] ?? [];
}

/** Which input item each output item is paired with. */
export const pairedWith = (list: N8nItem[]): unknown[] =>
	list.map((item) => (item.pairedItem as { item?: number } | undefined)?.item);

/** The JSON bodies the double received for creating sessions, in arrival order. */
export const sessionBodies = (requests: RecordedRequest[]): Array<Record<string, unknown>> =>
	requests
		.filter((request) => request.method === 'POST' && request.path === '/v1/customer-sessions/')
		.map((request) => request.body as Record<string, unknown>);

/**
 * The error a failed item carries on a Continue output, as the next node reads it:
 * `{ message, error: { message, description, httpCode } }`.
 */
export function itemError(item: N8nItem | undefined): {
	message: unknown;
	description: unknown;
	httpCode: unknown;
} {
	const error = (item?.json.error ?? {}) as Record<string, unknown>;
	expect(error.message).toBe(item?.json.message);
	return { message: item?.json.message, description: error.description, httpCode: error.httpCode };
}
