import {
	CONTROL_PREFIX,
	DEFAULT_TOKEN,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

export const TOKENS = {
	/** orders:read and orders:write, as the README asks of a token for orders. */
	orders: DEFAULT_TOKEN,
	readOnly: 'polar_oat_double_orders_read_only',
	customersOnly: 'polar_oat_double_customers_only',
};

/** A Polar double per test file whose default token may read and update orders. */
export function useOrderDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: {
			[TOKENS.orders]: ['orders:read', 'orders:write', 'customers:read'],
			[TOKENS.readOnly]: ['orders:read'],
			[TOKENS.customersOnly]: ['customers:read'],
		},
		...options,
	});
}

/** A well-formed order ID that the double does not hold. */
export const NO_ORDER = '9c3f8d2b-6e5a-4b4c-9d3e-2f1a0b9c8d7e';

export type OrderOperation = 'get' | 'getAll' | 'update' | 'getInvoice' | 'getReceipt' | 'export';

/** Runs the Polar node's Order → `operation` in n8n's engine against the double. */
export async function runOrder(
	double: PolarDouble,
	operation: OrderOperation,
	{ token, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, 'order', operation, { ...options, credential });
}

/** How long the double's "task queue" takes to make an invoice or a receipt (null: never). */
export async function setJobDelay(double: PolarDouble, ms: number | null): Promise<void> {
	const response = await fetch(`${double.url}${CONTROL_PREFIX}orders/job-delay`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ms }),
	});
	expect(response.status).toBe(200);
}

/** The requests the node sent, as "METHOD path → status". */
export const calls = (double: PolarDouble) =>
	double.requests.map((r) => `${r.method} ${r.path} → ${r.status}`);
