import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { runNode, type OnErrorMode } from '../../../dev/harness';
import {
	DEFAULT_TOKEN,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { credentialsFor, usePolarDouble } from '../fixtures';

export { jsonOf } from '../fixtures';

/** Tokens the license key tests use: one per scope Polar checks on license key endpoints. */
export const TOKENS = {
	write: DEFAULT_TOKEN,
	read: 'polar_oat_double_license_keys_read_only',
};

/** A Polar double per test file whose default token may read and write license keys. */
export function useLicenseKeyDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: {
			[TOKENS.write]: ['license_keys:write'],
			[TOKENS.read]: ['license_keys:read'],
		},
		...options,
	});
}

/** Runs the Polar node's License Key → `operation` in n8n's engine against the double. */
export async function runLicenseKey(
	double: PolarDouble,
	operation: 'validate' | 'get' | 'getAll' | 'getActivation' | 'activate' | 'deactivate' | 'update',
	{
		parameters = {},
		items = [{}],
		onError,
		credential = { organizationId: double.organizationId },
	}: {
		parameters?: IDataObject;
		items?: IDataObject[];
		onError?: OnErrorMode;
		/** Overrides of the credential; by default it names the double's organization. */
		credential?: IDataObject;
	} = {},
) {
	return await runNode({
		nodeType: new Polar(),
		credentialTypes: [new PolarApi()],
		credentials: credentialsFor(double, credential),
		parameters: { resource: 'licenseKey', operation, ...parameters } as INodeParameters,
		items,
		onError,
	});
}
