import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runNode, type OnErrorMode } from '../../dev/harness';
import {
	DEFAULT_TOKEN,
	startPolarDouble,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../dev/polar-double';

/** A Polar double per test file, reset between tests. */
export function usePolarDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	let double: PolarDouble;
	beforeAll(async () => {
		double = await startPolarDouble(options);
	});
	afterEach(() => {
		// Every request the node sent, and every answer the double gave, met Polar's spec.
		const violations = double.violations.map((v) => v.message);
		double.reset();
		expect(violations).toEqual([]);
	});
	afterAll(async () => await double.close());
	return () => double;
}

export function credentialsFor(double: PolarDouble, overrides: IDataObject = {}) {
	return {
		polarApi: {
			accessToken: DEFAULT_TOKEN,
			environment: 'custom',
			baseUrl: double.url,
			...overrides,
		},
	};
}

export interface RunOptions {
	parameters?: IDataObject;
	items?: IDataObject[];
	onError?: OnErrorMode;
	/** Overrides of the credential (e.g. its accessToken). */
	credential?: IDataObject;
	/** The workflow's Timezone setting; none: the instance's (America/New_York). */
	workflowTimezone?: string;
	/** The node's version; default the latest. */
	typeVersion?: number;
}

/** Runs the Polar node's `resource` → `operation` in n8n's engine against the double. */
export async function runOperation(
	double: PolarDouble,
	resource: string,
	operation: string,
	{
		parameters = {},
		items = [{}],
		onError,
		credential = {},
		workflowTimezone,
		typeVersion,
	}: RunOptions = {},
) {
	return await runNode({
		nodeType: new Polar(),
		credentialTypes: [new PolarApi()],
		credentials: credentialsFor(double, credential),
		parameters: { resource, operation, ...parameters } as INodeParameters,
		items,
		onError,
		workflowTimezone,
		typeVersion,
	});
}

export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function byExternalId(value: string) {
	return { __rl: true, mode: 'externalId', value };
}

/** Runs the Polar node's Customer Session → Create in n8n's engine against the double. */
export async function createSessions(
	double: PolarDouble,
	{
		customer,
		items = [{}],
		onError,
		simplify = false,
		additionalFields = {},
		options = {},
		credentials = {},
	}: {
		customer: unknown;
		items?: IDataObject[];
		onError?: OnErrorMode;
		simplify?: boolean;
		additionalFields?: IDataObject;
		options?: IDataObject;
		credentials?: IDataObject;
	},
) {
	return await runNode({
		nodeType: new Polar(),
		credentialTypes: [new PolarApi()],
		credentials: credentialsFor(double, credentials),
		parameters: {
			resource: 'customerSession',
			operation: 'create',
			customer,
			simplify,
			additionalFields,
			options,
		} as INodeParameters,
		items,
		onError,
	});
}

/** Items' JSON, for assertions on a whole output at once. */
export const jsonOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
