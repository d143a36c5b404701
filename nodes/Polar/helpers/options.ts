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
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description: 'How many times to retry a request before the item fails',
			displayOptions: { show: { retryOnFailure: [true] } },
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'The longest to wait before one retry. If Polar asks to wait longer (Retry-After), the item fails at once.',
			displayOptions: { show: { retryOnFailure: [true] } },
		},
		{
			displayName: 'Retry on Failure',
			name: 'retryOnFailure',
			type: 'boolean',
			default: true,
			description:
				'Whether to retry requests that Polar rate limited (429), that failed on Polar’s side (500, 502, 503, 504) or that lost their connection, waiting longer each time and as long as Polar asks',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description: 'How long to wait for Polar to answer one request, in milliseconds',
		},
	],
};

export function readClientOptions(context: IExecuteFunctions): ClientOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const retryOnFailure = options.retryOnFailure !== false;
	return {
		timeoutMs: Number(options.timeout ?? 10000),
		retry: {
			maxRetries: retryOnFailure ? Number(options.maxRetries ?? 5) : 0,
			maxWaitMs: Number(options.maxRetryWait ?? 60) * 1000,
		},
	};
}
