import {
	DEFAULT_TOKEN,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { jsonOf } from '../fixtures';

/** Tokens the license key tests use: one per scope Polar checks on license key endpoints. */
export const TOKENS = {
	write: DEFAULT_TOKEN,
	read: 'polar_oat_double_license_keys_read_only',
	/** license_keys:write and organizations:read: the node can ask Polar for its organization. */
	withOrganization: 'polar_oat_double_license_keys_and_organization',
};

/** A Polar double per test file whose default token may read and write license keys. */
export function useLicenseKeyDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: {
			[TOKENS.write]: ['license_keys:write'],
			[TOKENS.read]: ['license_keys:read'],
			[TOKENS.withOrganization]: ['license_keys:write', 'organizations:read'],
		},
		...options,
	});
}

/** Runs the Polar node's License Key → `operation` in n8n's engine against the double. */
export async function runLicenseKey(
	double: PolarDouble,
	operation: 'validate' | 'get' | 'getAll' | 'getActivation' | 'activate' | 'deactivate' | 'update',
	// By default the credential names the double's organization.
	{ credential = { organizationId: double.organizationId }, ...options }: RunOptions = {},
) {
	return await runOperation(double, 'licenseKey', operation, { ...options, credential });
}
