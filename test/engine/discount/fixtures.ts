import {
	DEFAULT_TOKEN,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

export const TOKENS = { write: DEFAULT_TOKEN, read: 'polar_oat_double_discounts_read' };

/** A Polar double whose default token may manage discounts (and read products, for From list). */
export function useDiscountDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: {
			[TOKENS.write]: ['discounts:write', 'products:read'],
			[TOKENS.read]: ['discounts:read'],
		},
		...options,
	});
}

/** A well-formed discount ID that the double does not hold. */
export const NO_DISCOUNT = '1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0';

export async function runDiscount(
	double: PolarDouble,
	operation: 'create' | 'get' | 'getAll' | 'update' | 'delete',
	{ token, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, 'discount', operation, { ...options, credential });
}

/** The one request a run sent, as method, path and body. */
export const onlyRequest = (double: PolarDouble) => {
	expect(double.requests).toHaveLength(1);
	const [request] = double.requests;
	return { method: request.method, path: request.path, body: request.body };
};
