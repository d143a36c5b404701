import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ClientOptions } from '../transport/PolarClient';

/** Node-wide settings for how requests are sent; they apply to every operation. */
export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Auto Retry',
			name: 'retryOnFailure',
			type: 'boolean',
			default: true,
			description:
				'Whether to retry requests that Polar rate limited (429), that failed on Polar’s side (500, 502, 503, 504) or that lost their connection, waiting longer each time and as long as Polar asks',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many requests may be in flight at once. Output order is kept either way; 1 also keeps the order in which Polar sees them.',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Spread requests out to stay under this rate, leaving room for the organization’s other traffic (Polar allows 500 a minute in production, 100 in sandbox). 0 means no cap of the node’s own; Polar’s limit is still honoured.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description: 'How many times to retry a request before the item fails (with Auto Retry on)',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'The longest to wait before one retry. If Polar asks to wait longer (Retry-After), the item fails at once.',
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description: 'How long to wait for Polar to answer one request',
		},
	],
};

export interface RunOptions extends ClientOptions {
	concurrency: number;
}

/** A number option, or its default when an expression gave something that is not a number. */
function numberOption(value: unknown, fallback: number, min: number): number {
	const number = Number(value ?? fallback);
	return Number.isFinite(number) ? Math.max(min, number) : fallback;
}

/** Read once per run, from the first item: they shape the whole batch, not one request. */
export function readClientOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		concurrency: Math.floor(numberOption(options.concurrency, 5, 1)),
		maxRequestsPerMinute: numberOption(options.maxRequestsPerMinute, 0, 0),
		timeoutMs: numberOption(options.timeout, 10000, 1),
		retry: {
			maxRetries:
				options.retryOnFailure === false ? 0 : Math.floor(numberOption(options.maxRetries, 5, 0)),
			maxWaitMs: numberOption(options.maxRetryWait, 60, 0) * 1000,
		},
	};
}
