import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	seedProducts,
	type PolarDouble,
	type PolarDoubleOptions,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byExternalId, byId, jsonOf } from '../fixtures';

/** Tokens the checkout tests use, by the scopes Polar checks on checkouts and links. */
export const TOKENS = {
	write: DEFAULT_TOKEN,
	read: 'polar_oat_double_checkouts_read_only',
};

const OTHER_ORGANIZATION = '0f9e8d7c-6b5a-4493-8827-161514131211';
/** A product of another organization: the token cannot reach it. */
export const FOREIGN_PRODUCT = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** Well-formed IDs the double does not hold. */
export const NO_SUCH_ID = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

/** A Polar double per test file, with a product of another organization beside the seeded ones. */
export function useCheckoutDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	const seeded = seedProducts(FIXTURE_IDS.organization);
	return usePolarDouble({
		tokens: {
			[TOKENS.write]: ['checkouts:write', 'checkout_links:write'],
			[TOKENS.read]: ['checkouts:read', 'checkout_links:read'],
		},
		products: [
			...seeded,
			{ ...seeded[0], id: FOREIGN_PRODUCT, organization_id: OTHER_ORGANIZATION },
		],
		...options,
	});
}

/** The Products field, each product By ID (or an expression). */
export const productsById = (...ids: string[]): IDataObject => ({
	product: ids.map((value) => ({ product: { __rl: true, mode: 'id', value } })),
});

/** Runs the Polar node's `resource` → `operation` in n8n's engine against the double. */
export async function runCheckout(
	double: PolarDouble,
	resource: 'checkout' | 'checkoutLink',
	operation: string,
	{ token, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, resource, operation, { ...options, credential });
}

/** The JSON body of the only request the double received. */
export function onlyBody(double: PolarDouble): IDataObject {
	expect(double.requests).toHaveLength(1);
	return double.requests[0].body as IDataObject;
}
