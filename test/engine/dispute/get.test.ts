import { DISPUTE_IDS } from '../../../dev/polar-double';
import { byId, jsonOf, runDispute, TOKENS, useDisputeDouble } from './fixtures';

const polar = useDisputeDouble();

describe('Dispute → Get, in n8n’s engine against the Polar double', () => {
	it('gets a dispute By ID with a disputes:read token', async () => {
		const result = await runDispute(polar(), 'get', {
			token: TOKENS.read,
			parameters: { dispute: byId(DISPUTE_IDS.won) },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			polar().disputes.find((d) => d.id === DISPUTE_IDS.won),
		]);
	});

	it('a missing dispute is named by its ID', async () => {
		const missing = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
		const result = await runDispute(polar(), 'get', { parameters: { dispute: byId(missing) } });
		expect(result.executionError?.message).toMatch(`No Polar dispute with ID "${missing}"`);
	});
});
