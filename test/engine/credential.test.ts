import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runCredentialTest } from '../harness';
import { startPolarDouble, type PolarDouble } from '../polar-double';

const SESSIONS_ONLY = 'polar_oat_sessions_only_token_000001';
const CUSTOMERS_ONLY = 'polar_oat_customers_read_only_token_1';

let polar: PolarDouble;
beforeAll(async () => {
	polar = await startPolarDouble({
		tokens: { [SESSIONS_ONLY]: ['customer_sessions:write'], [CUSTOMERS_ONLY]: ['customers:read'] },
	});
});
afterEach(() => polar.reset());
afterAll(async () => await polar.close());

async function test(credentials: Record<string, unknown>) {
	return await runCredentialTest({
		credentialType: new PolarApi(),
		nodeType: new Polar(),
		credentials: { environment: 'custom', baseUrl: polar.url, ...credentials },
	});
}

describe('the Polar credential’s test', () => {
	it('passes for a token that holds only customer_sessions:write, and creates nothing', async () => {
		await expect(test({ accessToken: SESSIONS_ONLY })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(polar.requests).toHaveLength(1);
		expect(polar.requests[0].headers.authorization).toBe(`Bearer ${SESSIONS_ONLY}`);
		expect(polar.requests[0].status).toBe(422);
		expect(polar.sessions).toEqual([]);
		expect(polar.violations).toEqual([]);
	});

	it('names the organization for personal tokens, and sends no header without one', async () => {
		await test({
			accessToken: SESSIONS_ONLY,
			organizationId: ' 1dbfc517-0bbf-4301-9ba8-555ca42b9737 ',
		});
		await test({ accessToken: SESSIONS_ONLY, organizationId: '' });
		expect(polar.requests.map((request) => request.headers['polar-organization'])).toEqual([
			'1dbfc517-0bbf-4301-9ba8-555ca42b9737',
			undefined,
		]);
	});

	it('trims a pasted token', async () => {
		await expect(test({ accessToken: `  ${SESSIONS_ONLY}\n` })).resolves.toMatchObject({
			status: 'OK',
		});
	});

	it('tells a bad token (401) apart from one that lacks the scope (403)', async () => {
		await expect(test({ accessToken: 'polar_oat_revoked_token_00000000' })).resolves.toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Polar rejected the access token/),
		});
		await expect(test({ accessToken: CUSTOMERS_ONLY })).resolves.toEqual({
			status: 'Error',
			message: expect.stringMatching(/lacks the customer_sessions:write scope/),
		});
	});

	it('fails a Base URL that is not Polar’s API root', async () => {
		await expect(test({ accessToken: SESSIONS_ONLY, baseUrl: `${polar.url}/v1` })).resolves.toEqual(
			{
				status: 'Error',
				message: expect.stringMatching(/does not point at Polar’s API/),
			},
		);
	});

	it('never sends the token over plain http to another host', async () => {
		// The base URL expression refuses it, so n8n has no URL to send to.
		const result = await test({ accessToken: SESSIONS_ONLY, baseUrl: 'http://polar.example.com' });
		expect(result).toEqual({ status: 'Error', message: 'Invalid URL' });
		// The same URL on loopback is allowed (the double is there).
		await expect(
			test({ accessToken: SESSIONS_ONLY, baseUrl: polar.url.replace('127.0.0.1', 'localhost') }),
		).resolves.toMatchObject({ status: 'OK' });
	});

	it('uses Polar’s production server by default', async () => {
		const credential = new PolarApi();
		expect(credential.properties.find((p) => p.name === 'environment')?.default).toBe('production');
		expect(credential.test.request.baseURL).toMatch(/https:\/\/api\.polar\.sh/);
	});
});
