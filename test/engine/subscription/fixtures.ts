import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	freeProduct,
	seedProducts,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { polarSpec } from '../../../dev/polar-double/spec';
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
	beforeAll(compileSubscriptionSchemas, 180_000);
	const double = usePolarDouble({
		tokens: { [TOKENS.write]: ['subscriptions:write'], [TOKENS.read]: ['subscriptions:read'] },
		products: [freeProduct(organizationId), ...seedProducts(organizationId)],
		...options,
	});
	beforeEach(() => double().subscriptions.restore());
	return double;
}

/**
 * The double checks each request and answer against the spec; Polar's Subscription schema (with
 * its product, prices and discounts) takes seconds to compile on a busy machine, which the first
 * request of a test would wait for, past the node's timeout. Compiled once, before any test.
 */
function compileSubscriptionSchemas() {
	const spec = polarSpec();
	const routes: Array<[string, string, number]> = [
		['GET', '/v1/subscriptions/', 200],
		['POST', '/v1/subscriptions/', 201],
		['GET', '/v1/subscriptions/{id}', 200],
		['PATCH', '/v1/subscriptions/{id}', 200],
		['DELETE', '/v1/subscriptions/{id}', 200],
	];
	for (const [method, template, status] of routes) {
		spec.checkResponse(method, template, status, {});
		spec.checkRequest(method, template, method === 'PATCH' || method === 'POST' ? {} : undefined);
	}
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
