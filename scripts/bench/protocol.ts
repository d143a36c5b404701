// Messages between the bench (scripts/bench/index.ts) and its worker processes (worker.ts).
// Each measurement runs in a fresh worker so that CPU time and peak RSS belong to it alone,
// and the Polar double runs in processes of its own, so the worker's CPU is the client's only.

import type { IDataObject } from 'n8n-workflow';

/** What every node run needs to reach the double. */
export interface Target {
	/** The double's base URL, e.g. http://127.0.0.1:41234 */
	url: string;
	token: string;
	/** Customer IDs the items cycle through (seeded in the double). */
	customerIds: string[];
	/** The credential's Rate Limit (requests a minute); 0 for Polar's default (500 here). */
	rateLimit: number;
}

/** Runs the Polar node (Customer Session → Create) once over `items` items, after a warm-up. */
export interface NodeRunJob {
	kind: 'node';
	target: Target;
	items: number;
	/** The node's Options collection, exactly as a user would set it. */
	options: IDataObject;
	/** A run of this many items first (not measured); the double is reset after it. */
	warmupItems: number;
	/** Sample process.memoryUsage().rss every this many ms during the measured run; 0 = off. */
	sampleRssMs: number;
	/** Also return which sessions were reported and which items said Polar may have acted. */
	traceOutcomes?: boolean;
}

/** Runs the node and a plain fetch loop alternately, measuring each one's CPU time. */
export interface OverheadJob {
	kind: 'overhead';
	target: Target;
	items: number;
	rounds: number;
	concurrency: number;
	warmupItems: number;
}

/** Runs only the plain fetch loop once (the latency-bound reference), after a warm-up. */
export interface LoopRunJob {
	kind: 'loop';
	target: Target;
	items: number;
	concurrency: number;
	warmupItems: number;
}

/**
 * Lists every customer once (after a small warm-up): the node's Customer → Get Many with Return
 * All, or a sequential loop that asks for one page of 100 after another.
 */
export interface ListRunJob {
	kind: 'list';
	target: Target;
	client: 'node' | 'sequential';
	/** The node's Options collection. */
	options: IDataObject;
}

/**
 * Ingests `rows` usage events once: the node's Event → Ingest over one item per row (batched),
 * or a hand-written loop that sends one request per row, waiting out each 429's Retry-After.
 */
export interface IngestRunJob {
	kind: 'ingest';
	target: Target;
	client: 'node' | 'perRow';
	rows: number;
	concurrency: number;
}

export type Job = NodeRunJob | OverheadJob | LoopRunJob | ListRunJob | IngestRunJob;

export interface NodeRunResult {
	kind: 'node';
	wallMs: number;
	/** process.cpuUsage() over the measured run, user + system, ms. */
	cpuMs: number;
	success: number;
	/** Items on the node's error output. */
	failed: number;
	/** The execution's error, when the node stopped the workflow. */
	executionError?: string;
	/** With traceOutcomes: the IDs of the sessions the node output. */
	reportedSessionIds?: string[];
	/** With traceOutcomes: the items whose error says Polar may have acted on them. */
	mayHaveActedItems?: number[];
	/** RSS after loading n8n and the node and one warm-up run, before the measured run. */
	rssBaselineBytes: number;
	/** Highest sampled RSS during the measured run. */
	rssPeakSampledBytes: number;
	/** process.resourceUsage().maxRSS: the process's peak over its whole life. */
	maxRssBytes: number;
	heapUsedPeakBytes: number;
}

/** The clients workload 3 compares, each doing the same requests at the same concurrency. */
export const OVERHEAD_CLIENTS = [
	'node',
	'nodeWithExpressions',
	'floorNode',
	'fetchLoop',
	'fetchLoopNewConnections',
] as const;
export type OverheadClient = (typeof OVERHEAD_CLIENTS)[number];

export interface Measured {
	cpuMs: number;
	wallMs: number;
	/** Items answered 201 (must be all). */
	success: number;
}

/** One round: each client once, in OVERHEAD_CLIENTS order. */
export type OverheadRound = Record<OverheadClient, Measured>;

export interface OverheadResult {
	kind: 'overhead';
	rounds: OverheadRound[];
}

export interface LoopRunResult {
	kind: 'loop';
	wallMs: number;
	cpuMs: number;
	success: number;
}

export interface ListRunResult {
	kind: 'list';
	wallMs: number;
	cpuMs: number;
	/** Customers listed. */
	items: number;
	/** Customers listed whose ID appeared before: must be 0. */
	repeated: number;
	executionError?: string;
}

export interface IngestRunResult {
	kind: 'ingest';
	wallMs: number;
	/** Rows the client reports ingested. */
	ingested: number;
	/** Rows it reports failed. */
	failed: number;
	executionError?: string;
}

export type JobResult =
	| NodeRunResult
	| OverheadResult
	| LoopRunResult
	| ListRunResult
	| IngestRunResult;

/** The usage rows of the ingestion workload: each its own ID, customer, time and count. */
export function usageRows(count: number, customerIds: string[]): IDataObject[] {
	const start = Date.UTC(2026, 0, 1);
	return Array.from({ length: count }, (_, i) => ({
		id: `row-${i}`,
		customer: customerIds[i % customerIds.length],
		at: new Date(start + i * 1000).toISOString(),
		usage: { tokens: 100 + i, model: 'small' },
	}));
}

export type WorkerMessage = { result: JobResult } | { error: string };

/** The items every run feeds the node: a customer and a return URL unique to the item. */
export function benchItems(count: number, customerIds: string[]): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		id: customerIds[i % customerIds.length],
		returnUrl: returnUrlFor(i),
	}));
}

/** Polar stores the return URL on the session, so sessions can be traced back to their item. */
export function returnUrlFor(itemIndex: number): string {
	return `https://example.com/account/item-${itemIndex}`;
}
