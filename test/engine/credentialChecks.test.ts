// The node checks its credential before sending anything, with the rule Test connection uses
// (transport/credential.ts), and names the credential field to correct.

import { FIXTURE_IDS, DEFAULT_TOKEN } from '../../dev/polar-double';
import { byId, createSessions, usePolarDouble } from './fixtures';

const polar = usePolarDouble();

const NOT_A_UUID =
	'Polar credential: Organization ID is not a Polar organization ID (a UUID such as 1dbfc517-0bbf-4301-9ba8-555ca42b9737); leave it empty for an organization access token';

describe('the node’s credential checks', () => {
	it.each(['acme', '1dbfc517-0bbf-1301-9ba8-555ca42b9737', DEFAULT_TOKEN])(
		'refuses Organization ID %p before any request, naming the field and not the value',
		async (organizationId) => {
			const result = await createSessions(polar(), {
				customer: byId(FIXTURE_IDS.ada),
				credentials: { organizationId },
			});
			expect(result.executionError).toMatchObject({
				message: NOT_A_UUID,
				description: 'Open the Polar credential and correct its Organization ID.',
			});
			expect(polar().requests).toEqual([]);
		},
	);

	it('fails every item with it under On Error: Continue, each in its place', async () => {
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			items: [{}, {}],
			onError: 'continueErrorOutput',
			credentials: { organizationId: 'acme' },
		});
		expect(result.success).toEqual([]);
		expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
			[NOT_A_UUID, { item: 0 }],
			[NOT_A_UUID, { item: 1 }],
		]);
		expect(polar().requests).toEqual([]);
	});

	it('accepts a UUID Organization ID, trimmed, and sends no organization header (Polar reads none)', async () => {
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			credentials: { organizationId: ' 1dbfc517-0bbf-4301-9ba8-555ca42b9737 ' },
		});
		expect(result.status).toBe('success');
		expect(polar().requests.map((request) => request.headers['polar-organization'])).toEqual([
			undefined,
		]);
	});

	it('refuses plain http to another host in the same words as Test connection', async () => {
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			credentials: { baseUrl: 'http://polar.example.com' },
		});
		expect(result.executionError).toMatchObject({
			message:
				'Polar credential: Base URL must use https: plain http is allowed only for localhost, so the token is never sent unencrypted (polar.example.com)',
			description: 'Open the Polar credential and correct its Environment or Base URL.',
		});
	});
});
