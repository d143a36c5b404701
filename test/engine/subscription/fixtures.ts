import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	freeProduct,
	seedProducts,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byExternalId, byId, jsonOf } from '../fixtures';
export {
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	FREE_PRODUCT_ID,
	PRODUCT_IDS,
	SUBSCRIPTION_IDS,
} from '../../../dev/polar-double';

export const TOKENS = {
	/** subscriptions:write, which also reads. */
	write: DEFAULT_TOKEN,
	read: 'polar_oat_double_subscriptions_read_only',
};

/**
 * A Polar double per test file whose default token may read and change subscriptions, with the
 * seeded products and a free one (Create takes only free products); its subscriptions are
 * reseeded before each test.
 */
export function useSubscriptionDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	const organizationId = FIXTURE_IDS.organization;
	const double = usePolarDouble({
		tokens: { [TOKENS.write]: ['subscriptions:write'], [TOKENS.read]: ['subscriptions:read'] },
		products: [freeProduct(organizationId), ...seedProducts(organizationId)],
		...options,
	});
	beforeEach(() => double().subscriptions.restore());
	return double;
}

/** A well-formed subscription ID that the double does not hold. */
export const NO_SUBSCRIPTION = '9c3f8d2b-6e5a-4b4c-9d3e-2f1a0b9c8d7e';

/** Runs the Polar node's Subscription → `operation` in n8n's engine against the double. */
export async function runSubscription(
	double: PolarDouble,
	operation: string,
	{ token, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, 'subscription', operation, { ...options, credential });
}

/** The subscription as the double holds it now. */
export const held = (double: PolarDouble, id: string) => double.subscriptions.find(id)!;
