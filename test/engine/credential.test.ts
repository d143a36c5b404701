// Test connection as n8n's button runs it (the node's testedBy function, through the harness),
// against the Polar double over real HTTP and loopback servers that are not Polar.

import { CredentialTestContext } from 'n8n-core';
import { PolarApi } from '../../credentials/PolarApi.credentials';
import { sendWithN8n } from '../../nodes/Polar/methods/credentialTest';
import { testConnection } from '../../nodes/Polar/transport/connectionTest';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runCredentialTest } from '../../dev/harness';
import { startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import {
	closedPortUrl,
	startSelfSignedServer,
	startStranger,
	STRANGER_ANSWERS,
} from '../strangers';

const SESSIONS_ONLY = 'polar_oat_sessions_only_token_000001';
const CUSTOMERS_ONLY = 'polar_oat_customers_read_only_token_1';
const ORGANIZATION_ID = '1dbfc517-0bbf-4301-9ba8-555ca42b9737';

const NOT_CHECKED = 'The token was not checked: test again later, and check Base URL if it lasts';
const CHECK_ADDRESS =
	'Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh';

let polar: PolarDouble;
beforeAll(async () => {
	polar = await startPolarDouble({
		tokens: { [SESSIONS_ONLY]: ['customer_sessions:write'], [CUSTOMERS_ONLY]: ['customers:read'] },
	});
});
afterEach(() => polar.reset());
afterAll(async () => await polar.close());

/** Test connection's result; whatever it says, the token is not in it. */
async function test(credentials: Record<string, string>) {
	const accessToken = credentials.accessToken ?? SESSIONS_ONLY;
	const result = await runCredentialTest({
		credentialType: new PolarApi(),
		nodeType: new Polar(),
		credentials: { environment: 'custom', baseUrl: polar.url, accessToken, ...credentials },
	});
	if (accessToken) expect(result.message).not.toContain(accessToken);
	return result;
}

const error = (message: string) => ({ status: 'Error', message });

describe('Test connection passes', () => {
	it('on Polar’s 422 "Customer does not exist.", for a token with only customer_sessions:write', async () => {
		await expect(test({})).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful: Polar accepted the token and its scope',
		});
		expect(polar.requests).toHaveLength(1);
		const [probe] = polar.requests;
		expect(probe).toMatchObject({ method: 'POST', path: '/v1/customer-sessions/', status: 422 });
		expect(probe.headers).toMatchObject({
			authorization: `Bearer ${SESSIONS_ONLY}`,
			'polar-version': '2026-10',
			'content-type': 'application/json',
		});
		expect(probe.body).toEqual({ customer_id: '00000000-0000-4000-8000-000000000000' });
		expect(polar.sessions).toEqual([]);
		expect(polar.violations).toEqual([]);
	});

	it('with a trimmed token, and no organization header (Polar reads none)', async () => {
		await expect(test({ accessToken: `  ${SESSIONS_ONLY}\n` })).resolves.toMatchObject({
			status: 'OK',
		});
		await test({ organizationId: ` ${ORGANIZATION_ID} ` });
		expect(polar.requests.map((request) => request.headers['polar-organization'])).toEqual([
			undefined,
			undefined,
		]);
		expect(polar.requests[0].headers.authorization).toBe(`Bearer ${SESSIONS_ONLY}`);
	});

	it('against Polar’s production server by default', async () => {
		const credential = new PolarApi();
		expect(credential.properties.find((p) => p.name === 'environment')?.default).toBe('production');
		expect('test' in credential).toBe(false); // the node's testedBy function is the test
	});
});

describe('Test connection fails, saying what it saw', () => {
	it('for a token Polar rejects (401 invalid_token)', async () => {
		await expect(test({ accessToken: 'polar_oat_revoked_token_00000000' })).resolves.toEqual(
			error(
				'Polar rejected the access token (401 Unauthorized, Polar’s error invalid_token): it is expired, revoked, malformed or for the other environment. Sandbox and production have separate tokens: check Environment, or create a token in Polar under Settings → Developers',
			),
		);
	});

	it('for no token (401 Unauthorized)', async () => {
		await expect(test({ accessToken: '' })).resolves.toEqual(
			error(
				'Polar received no access token (401 Unauthorized, Polar’s error Unauthorized): paste one into Access Token. If Base URL is a proxy, it must pass the Authorization header on',
			),
		);
	});

	it('for a token without the scope (403), naming the scope Polar asks for', async () => {
		await expect(test({ accessToken: CUSTOMERS_ONLY })).resolves.toEqual(
			error(
				'The access token lacks the customer_sessions:write scope (403 Forbidden, Polar’s error insufficient_scope): create a token that includes it, and paste it into Access Token',
			),
		);
	});

	it.each([
		[
			'internal-server-error',
			'500 Internal Server Error, text that is not Polar’s: "Internal Server Error"',
		],
		['service-unavailable', '503 Service Unavailable, Polar’s error ServiceUnavailable'],
		['bad-gateway-html', '502 Bad Gateway, an HTML page titled "502 Bad Gateway"'],
	] as const)('when Polar has trouble (%s)', async (scenario, saw) => {
		polar.failNext(scenario);
		await expect(test({})).resolves.toEqual(
			error(`${polar.url} is having trouble (${saw}). ${NOT_CHECKED}`),
		);
	});

	it('when Polar rate limits (429), with the wait it asked for', async () => {
		polar.failNext('rate-limited', 1, { retryAfterSeconds: 60 });
		await expect(test({})).resolves.toEqual(
			error(
				`${polar.url} is rate limiting this token (429 Too Many Requests, an empty body) and asked to wait 60 s. The token was not checked: test again in a minute`,
			),
		);
	});

	it('for a Base URL ending in /v1 (Polar’s 404)', async () => {
		await expect(test({ baseUrl: `${polar.url}/v1` })).resolves.toEqual(
			error(
				`Polar has no such endpoint (404 Not Found, the error "Not Found" of Polar’s framework): the Base URL must be the API root, without /v1. ${CHECK_ADDRESS}`,
			),
		);
	});

	it.each([
		['notFoundHtml', '404 Not Found, an HTML page titled "404 Not Found"'],
		['methodNotAllowed', '405 Method Not Allowed, JSON that is not Polar’s'],
		['okHtml', '200 OK, an HTML page titled "Welcome to nginx!"'],
	] as const)('for a server that is not Polar (%s)', async (which, saw) => {
		const stranger = await startStranger(STRANGER_ANSWERS[which]);
		try {
			await expect(test({ baseUrl: stranger.url })).resolves.toEqual(
				error(
					`${stranger.url} is not Polar’s API: it answered ${saw}, where Polar answers 422 "Customer does not exist.". ${CHECK_ADDRESS}`,
				),
			);
			expect(stranger.requests).toHaveLength(1);
		} finally {
			await stranger.close();
		}
	});

	it('for a redirect, which it does not follow, naming where without the query', async () => {
		const stranger = await startStranger(STRANGER_ANSWERS.redirect);
		try {
			await expect(test({ baseUrl: stranger.url })).resolves.toEqual(
				error(
					`${stranger.url} redirects (307 Temporary Redirect) to https://login.example.com/sso/start. Redirects are not followed, so the token never reaches another server: put the final address in Base URL`,
				),
			);
			expect(stranger.requests).toHaveLength(1);
		} finally {
			await stranger.close();
		}
	});

	it('for a refused connection', async () => {
		const url = await closedPortUrl();
		await expect(test({ baseUrl: url })).resolves.toEqual(
			error(
				`Could not reach Polar at ${url}: the connection was refused. Check Environment and Base URL, and that this machine can reach the server`,
			),
		);
	});

	it('for a TLS certificate it cannot trust', async () => {
		const server = await startSelfSignedServer();
		try {
			await expect(test({ baseUrl: server.url })).resolves.toEqual(
				error(
					`Could not reach Polar at ${server.url}: its TLS certificate is self-signed. Check Environment and Base URL, and that this machine can reach the server`,
				),
			);
		} finally {
			await server.close();
		}
	});

	it('when Polar does not answer in time', async () => {
		polar.failNext('hang');
		const credentials = { environment: 'custom', baseUrl: polar.url, accessToken: SESSIONS_ONLY };
		await expect(
			testConnection(credentials, sendWithN8n(new CredentialTestContext().helpers), 300),
		).resolves.toEqual(
			error(
				`Polar did not answer within 0.3 s at ${polar.url}. Test again later, and check Base URL if it lasts`,
			),
		);
	});

	it('without the token, when a server echoes it back', async () => {
		const stranger = await startStranger(({ headers }) => ({
			status: 500,
			headers: { 'content-type': 'text/plain' },
			body: `upstream refused ${String(headers.authorization)}`,
		}));
		try {
			await expect(test({ baseUrl: stranger.url })).resolves.toEqual(
				error(
					`${stranger.url} is having trouble (500 Internal Server Error, text that is not Polar’s: "upstream refused Bearer [redacted]"). ${NOT_CHECKED}`,
				),
			);
		} finally {
			await stranger.close();
		}
	});
});

describe('Test connection refuses before sending anything', () => {
	it('plain http to a host that is not this machine, in a sentence', async () => {
		await expect(test({ baseUrl: 'http://polar.example.com' })).resolves.toEqual(
			error(
				'Base URL must use https: plain http is allowed only for localhost, so the token is never sent unencrypted (polar.example.com)',
			),
		);
		// The same URL on loopback is allowed (the double is there).
		await expect(
			test({ baseUrl: polar.url.replace('127.0.0.1', 'localhost') }),
		).resolves.toMatchObject({
			status: 'OK',
		});
	});

	it('an Organization ID that is not a UUID, without repeating it', async () => {
		const result = await test({ organizationId: 'my-org' });
		expect(result).toEqual(
			error(
				'Organization ID is not a Polar organization ID (a UUID such as 1dbfc517-0bbf-4301-9ba8-555ca42b9737); leave it empty for an organization access token',
			),
		);
		// A token pasted into the wrong field stays unseen.
		const misplaced = await test({ organizationId: SESSIONS_ONLY });
		expect(misplaced.message).not.toContain(SESSIONS_ONLY);
		expect(polar.requests).toEqual([]);
	});

	it('a token with a character no token has', async () => {
		await expect(test({ accessToken: 'polar_oat_abc…' })).resolves.toEqual(
			error(
				'Access Token contains a character a token cannot have (at position 14): paste the token again',
			),
		);
		expect(polar.requests).toEqual([]);
	});
});
