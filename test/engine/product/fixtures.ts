import {
	DEFAULT_TOKEN,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

export const TOKENS = {
	/** products:read, as the README asks of a token for products. */
	read: DEFAULT_TOKEN,
	customersOnly: 'polar_oat_double_customers_only',
};

/** A Polar double per test file whose default token may read products. */
export function useProductDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: { [TOKENS.read]: ['products:read'], [TOKENS.customersOnly]: ['customers:read'] },
		...options,
	});
}

/** A well-formed product ID that the double does not hold. */
export const NO_PRODUCT = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

/** Runs the Polar node's Product → `operation` in n8n's engine against the double. */
export async function runProduct(
	double: PolarDouble,
	operation: 'get' | 'getAll',
	{ token, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, 'product', operation, { ...options, credential });
}
