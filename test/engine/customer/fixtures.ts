import { randomUUID } from 'crypto';

import {
	DEFAULT_TOKEN,
	seedCustomers,
	type PolarDouble,
	type PolarDoubleOptions,
	type SeededCustomer,
} from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byExternalId, byId, jsonOf } from '../fixtures';

/** Tokens the customer tests use: one per scope Polar checks on customer endpoints. */
export const TOKENS = {
	/** customers:write, which Polar also accepts for reading. */
	write: DEFAULT_TOKEN,
	read: 'polar_oat_double_customers_read_only',
	sessionsOnly: 'polar_oat_double_sessions_only',
	unknown: 'polar_oat_double_revoked',
};

/** A Polar double per test file whose default token may read and write customers. */
export function useCustomerDouble(options: PolarDoubleOptions = {}): () => PolarDouble {
	return usePolarDouble({
		tokens: {
			[TOKENS.write]: ['customers:write', 'customer_sessions:write'],
			[TOKENS.read]: ['customers:read'],
			[TOKENS.sessionsOnly]: ['customer_sessions:write'],
		},
		...options,
	});
}

/** A well-formed customer ID that the double does not hold. */
export const NOBODY = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';

/** Runs the Polar node's Customer → `operation` in n8n's engine against the double. */
export async function runCustomer(
	double: PolarDouble,
	operation: 'create' | 'get' | 'update' | 'upsert' | 'delete' | 'getAll' | 'getState',
	{
		token,
		...options
	}: Omit<RunOptions, 'credential'> & {
		/** The credential's access token; the write token when unset. */
		token?: string;
	} = {},
) {
	const credential = token ? { accessToken: token } : {};
	return await runOperation(double, 'customer', operation, { ...options, credential });
}

/**
 * `count` individual customers shaped like the seeded ones, newest first, each with its own
 * email (`n@many.example`) and external ID (`usr_many_n`), and metadata `{ cohort: n % 3 }`.
 */
export function manyCustomers(count: number): SeededCustomer[] {
	const [template] = seedCustomers();
	return Array.from({ length: count }, (_, n) => ({
		customer: {
			...template.customer,
			id: randomUUID(),
			created_at: new Date(Date.UTC(2025, 0, 1) + (count - n) * 60_000).toISOString(),
			external_id: `usr_many_${n}`,
			email: `${n}@many.example`,
			name: `Customer ${n}`,
			metadata: { cohort: String(n % 3) },
		},
		members: [],
	}));
}

/** The messages n8n shows for Polar's 401 and 403 answers. */
export const REJECTED_TOKEN = 'Polar rejected the access token (401)';
export const lacksScope = (scope: string) => `The access token lacks the ${scope} scope (403)`;
