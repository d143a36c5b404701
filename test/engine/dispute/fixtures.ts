import type { PolarDouble } from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

export const TOKENS = {
	write: 'polar_oat_double_disputes_write',
	read: 'polar_oat_double_disputes_read',
};

/** A Polar double with its seeded disputes: one awaiting a response, one won, one lost. */
export const useDisputeDouble = () =>
	usePolarDouble({
		tokens: { [TOKENS.write]: ['disputes:write'], [TOKENS.read]: ['disputes:read'] },
	});

export async function runDispute(
	double: PolarDouble,
	operation: 'accept' | 'get' | 'getAll',
	{ token = TOKENS.write, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	return await runOperation(double, 'dispute', operation, {
		...options,
		credential: { accessToken: token },
	});
}
