import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byExternalId, byId, jsonOf } from '../fixtures';

/** A Polar double per test file whose default token may ingest and read events. */
export function useEventDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({ tokens: { [DEFAULT_TOKEN]: ['events:write'] }, ...options });
}

/** A past time, so that Polar takes it; `offsetS` seconds later for a different event. */
export const at = (offsetS = 0) => new Date(Date.UTC(2026, 0, 1, 12, 0, offsetS)).toISOString();

/** Items of usage rows: each with its own customer, time and numbers. */
export function usageRows(count: number, extra: IDataObject = {}): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		customer: i % 2 === 0 ? FIXTURE_IDS.ada : FIXTURE_IDS.grace,
		at: at(i),
		usage: { tokens: 100 + i, model: 'small' },
		...extra,
	}));
}

/** Ingest's parameters for usageRows items: Metadata (JSON) from each item's usage. */
export const rowParameters = (overrides: IDataObject = {}): IDataObject => ({
	eventName: 'api_call',
	customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
	timestamp: '={{ $json.at }}',
	deduplication: 'generate',
	additionalFields: { metadataJson: '={{ $json.usage }}' },
	...overrides,
});

/** Runs the Polar node's Event → `operation` in n8n's engine against the double. */
export async function runEvent(
	double: PolarDouble,
	operation: 'ingest' | 'get' | 'getAll' | 'listNames',
	options: RunOptions = {},
) {
	return await runOperation(double, 'event', operation, options);
}

/** The ingest requests the double received, with their answers. */
export const ingestRequests = (double: PolarDouble) =>
	double.requests.filter((r) => r.path === '/v1/events/ingest');

export const sentEvents = (double: PolarDouble, index = 0) =>
	(ingestRequests(double)[index].body as { events: IDataObject[] }).events;
