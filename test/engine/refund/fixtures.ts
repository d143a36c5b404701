import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	seedRefundableOrders,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

/** orders:read and refunds:write, as the README asks of a token for refunds. */
export const TOKENS = { write: DEFAULT_TOKEN, refundsOnly: 'polar_oat_double_refunds_only' };

/**
 * A Polar double holding an order for each case a refund tells apart, whose default token may
 * read orders and make refunds.
 */
export function useRefundDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		orders: seedRefundableOrders(FIXTURE_IDS.organization),
		tokens: {
			[TOKENS.write]: ['orders:read', 'refunds:write'],
			[TOKENS.refundsOnly]: ['refunds:write'],
		},
		...options,
	});
}

/** A well-formed order ID that the double does not hold. */
export const NO_ORDER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

export async function runRefund(
	double: PolarDouble,
	operation: 'create' | 'getAll',
	{ token, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, 'refund', operation, { ...options, credential });
}

/** The double's order as it is now. */
export const orderIn = (double: PolarDouble, id: string) => double.orders.find(id)!;

/** The requests of a run, as "METHOD path". */
export const sent = (double: PolarDouble) =>
	double.requests.map((request) => `${request.method} ${request.path}`);
