import type { PolarDouble, PolarDoubleOptions } from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { jsonOf } from '../fixtures';

export const TOKENS = {
	/** metrics:read, as the README asks of a token for metrics. */
	metrics: 'polar_oat_double_metrics_reader',
	ordersOnly: 'polar_oat_double_orders_only',
};

/** A Polar double per test file whose token may read metrics. */
export function useMetricDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: { [TOKENS.metrics]: ['metrics:read'], [TOKENS.ordersOnly]: ['orders:read'] },
		...options,
	});
}

/** Runs the Polar node's Metric → `operation` with the metrics token (or `token`). */
export async function runMetric(
	double: PolarDouble,
	operation: 'get' | 'getLimits' | 'export',
	{ token = TOKENS.metrics, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	return await runOperation(double, 'metric', operation, {
		...options,
		credential: { accessToken: token },
	});
}

type Json = Record<string, unknown>;

/** The double's paid orders (what Polar counts), by the month of their paid time, in UTC. */
export function paidOrdersByMonth(double: PolarDouble): Map<string, Json[]> {
	const months = new Map<string, Json[]>();
	for (const order of double.orders.orders) {
		if (!['paid', 'refunded', 'partially_refunded'].includes(String(order.status))) continue;
		const month = String(order.created_at).slice(0, 7);
		months.set(month, [...(months.get(month) ?? []), order]);
	}
	return months;
}
