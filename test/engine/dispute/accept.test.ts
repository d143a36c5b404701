import { DISPUTE_IDS } from '../../../dev/polar-double';
import { byId, runDispute, TOKENS, useDisputeDouble } from './fixtures';

const polar = useDisputeDouble();

const accept = (id: string, onError?: 'continueErrorOutput') =>
	runDispute(polar(), 'accept', { parameters: { dispute: byId(id) }, onError });

describe('Dispute → Accept, in n8n’s engine against the Polar double', () => {
	it('concedes a dispute awaiting a response: Polar settles it as lost', async () => {
		const result = await accept(DISPUTE_IDS.open);
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			id: DISPUTE_IDS.open,
			status: 'lost',
			closed: true,
		});
		expect(polar().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /v1/disputes/${DISPUTE_IDS.open}/accept`,
		]);
		expect(polar().disputes.find((d) => d.id === DISPUTE_IDS.open)?.status).toBe('lost');
	});

	it('a closed dispute is refused in words, on the item’s error branch', async () => {
		const result = await accept(DISPUTE_IDS.won, 'continueErrorOutput');
		expect(result.success).toHaveLength(0);
		const error = result.error[0].json.error as { message: string; description: string };
		expect(error.message).toMatch(
			new RegExp(`^Dispute ${DISPUTE_IDS.won} cannot be accepted: it is not awaiting a response`),
		);
		expect(polar().disputes.find((d) => d.id === DISPUTE_IDS.won)?.status).toBe('won');
	});

	it('is sent once, not repeated, when Polar’s answer is lost', async () => {
		polar().loseAnswer(`POST /v1/disputes/{id}/accept`);
		const result = await accept(DISPUTE_IDS.open, 'continueErrorOutput');
		expect(polar().requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(JSON.stringify(result.error[0].json)).toMatch(/Dispute → Get/);
	});

	it('a dispute ID that is not a UUID fails before anything is sent', async () => {
		const result = await runDispute(polar(), 'accept', {
			parameters: { dispute: byId('={{ $json.id }}') },
			items: [{ id: 'dp_123' }],
		});
		expect(result.executionError?.message).toMatch(/^Dispute \(By ID\) "dp_123" is not a Polar ID/);
		expect(polar().requests).toHaveLength(0);
	});

	it('a read-only token is refused for Accept', async () => {
		const result = await runDispute(polar(), 'accept', {
			token: TOKENS.read,
			parameters: { dispute: byId(DISPUTE_IDS.open) },
		});
		expect(result.executionError?.message).toMatch(/disputes:write/);
	});
});
