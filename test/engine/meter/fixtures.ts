import type { PolarDouble, PolarDoubleOptions } from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

export const TOKENS = {
	/** What the README asks of a token for meters, customer meters and benefits. */
	read: 'polar_oat_double_usage_reader',
	customersOnly: 'polar_oat_double_customers_only',
};

/** A Polar double per test file whose default token may read meters, customer meters and benefits. */
export function useUsageDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: {
			[TOKENS.read]: ['meters:read', 'customer_meters:read', 'benefits:read'],
			[TOKENS.customersOnly]: ['customers:read'],
		},
		...options,
	});
}

/** Runs the Polar node's `resource` → `operation` with the usage token (or `token`). */
export async function runUsage(
	double: PolarDouble,
	resource: 'meter' | 'customerMeter' | 'benefit' | 'benefitGrant',
	operation: string,
	{ token = TOKENS.read, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	return await runOperation(double, resource, operation, {
		...options,
		credential: { accessToken: token },
	});
}

/** A well-formed ID that the double holds nothing under. */
export const MISSING_ID = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';
