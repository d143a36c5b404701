// What the bench does, in one place: every workload reads its settings from here, and the
// JSON report records them next to the figures.

import type { IDataObject } from 'n8n-workflow';

/** Everything the run does, recorded in the JSON next to the figures. */
export const SETTINGS = {
	latencyBound: {
		items: 1000,
		latencyMs: 100,
		/** The node's default Max Concurrent Requests. */
		concurrency: 5,
		/** At concurrency 1 a run is latency × items: fewer items keep the bench short. */
		serialItems: 200,
		/** Reported only: how the node scales past the default. */
		wideConcurrency: 20,
		/** Reference: a plain fetch loop at the default concurrency, what any client gets here. */
		loopItems: 300,
		warmupItems: 20,
	},
	limitBound: {
		items: 1000,
		/** Polar's 500 a minute, scaled down so the run takes about half a minute. */
		rateLimit: { limit: 100, windowMs: 3000 },
		latencyMs: 0,
		/** The node's defaults: concurrency 5, retry on (5 retries, up to 60 s), no cap. */
		options: {} as IDataObject,
		warmupItems: 10,
	},
	/** Polar's limit as its server counts it: a fixed minute, Retry-After the whole minute. */
	polarWindow: {
		items: 1200,
		rateLimit: { limit: 500, windowMs: 60_000, kind: 'fixed' as const },
		latencyMs: 100,
		/** The node's defaults, and the credential's: Rate Limit unset (Polar's 500 a minute). */
		options: {} as IDataObject,
		/** None: the worker's budget would remember a warm-up's requests. */
		warmupItems: 0,
	},
	/** Usage rows ingested at Polar's fixed window: batched by the node, or one request per row. */
	ingest: {
		rows: 1000,
		rateLimit: { limit: 500, windowMs: 60_000, kind: 'fixed' as const },
		latencyMs: 100,
		/** The node's default Max Concurrent Requests, for the per-row loop too. */
		concurrency: 5,
	},
	/**
	 * Usage rows at scale in a real n8n (`n8n start`, a webhook call): rows → Split Out → Event →
	 * Ingest, called twice (the second must count nothing again), and the peer's way, one HTTP
	 * Request per row, over a sample.
	 */
	ingestAtScale: {
		/** BENCH_INGEST_ROWS: fewer rows, where a shared machine cannot run 100,000 in time. */
		rows: Number(process.env.BENCH_INGEST_ROWS ?? 100_000),
		rateLimit: { limit: 500, windowMs: 60_000, kind: 'fixed' as const },
		latencyMs: 100,
		/** The call's target: all rows ingested within a minute. */
		targetMs: 60_000,
		/** One request per row at 500 a minute: 100,000 would take 200 min, so a sample is timed. */
		peerSampleRows: 1000,
		/** HTTP Request's Batching: one item per batch, 125 ms apart (480 a minute, under 500). */
		peerIntervalMs: 125,
		/** How often the n8n process's RSS (VmRSS) is read. */
		sampleMs: 200,
	},
	/** A real n8n: one webhook call per execution, at once, three times Polar's sandbox limit. */
	manyExecutions: {
		calls: 300,
		rateLimit: { limit: 100, windowMs: 60_000, kind: 'fixed' as const },
		latencyMs: 100,
		/** Longer than the three windows the calls need. */
		callTimeoutMs: 300_000,
	},
	/**
	 * A storm of deliveries to a freshly started n8n: Polar Trigger and n8n's Webhook node at once,
	 * each event sent and retried as Polar's deliverer does.
	 */
	storm: {
		events: 2000,
		inFlight: 50,
		/** Polar's WEBHOOK_MAX_RETRIES: attempts at one event before it counts as failed. */
		maxAttempts: 10,
		rateLimit: { limit: 100, windowMs: 60_000, kind: 'fixed' as const },
		latencyMs: 100,
		/** BENCH_STORM_WINDOW=spent: other traffic has spent Polar's window when the storm begins. */
		windowSpent: process.env.BENCH_STORM_WINDOW === 'spent',
		/** Retries Polar would make later than this after the storm began are counted, not sent. */
		cutoffMs: 180_000,
	},
	overhead: { items: 2000, rounds: 5, concurrency: 5, warmupItems: 300, latencyMs: 0 },
	/** Faults before and after Polar acts, at random: nothing may be created unseen or twice. */
	faults: {
		items: 600,
		latencyMs: 20,
		faults: { rate: 0.05, seed: 7 },
		/** Short, so that answers lost by hanging end the item soon. */
		options: { timeout: 300 } as IDataObject,
		warmupItems: 0,
	},
	/** Return All over many pages: the node against a loop that asks for one page at a time. */
	returnAll: {
		/** With the four seeded ones. */
		customers: 10_000,
		latencyMs: 100,
		/** The node's defaults: Max Concurrent Requests 5. */
		options: {} as IDataObject,
		/** Reported too: Max Concurrent Requests 10 (100 requests stay well within 500 a minute). */
		wideConcurrency: 10,
	},
	memory: {
		items: 10_000,
		latencyMs: 0,
		options: {} as IDataObject,
		warmupItems: 10,
		sampleMs: 20,
	},
};
