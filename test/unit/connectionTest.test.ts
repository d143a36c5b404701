import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import {
	judgeSendError,
	testConnection,
	type ProbeRequest,
} from '../../nodes/Polar/transport/connectionTest';
import {
	describeServer,
	judgeAnswer,
	type ProbeAnswer,
} from '../../nodes/Polar/transport/probeAnswer';

const BASE = 'https://polar.example.com';
const PROBE = `${BASE}/v1/customer-sessions/`;
const TOKEN = 'polar_oat_unit_test_token_0123456789abcdef';

const answer = (status: number, body = '', headers: Record<string, string> = {}): ProbeAnswer => ({
	status,
	headers,
	body,
});
const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
	answer(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
const judge = (probeAnswer: ProbeAnswer) => judgeAnswer(probeAnswer, BASE, PROBE);

const CUSTOMER_MISSING = {
	error: 'RequestValidationError',
	detail: [
		{
			loc: ['body', 'customer_id'],
			msg: 'Customer does not exist.',
			type: 'value_error',
			input: '00000000-0000-4000-8000-000000000000',
		},
	],
};

describe('judgeAnswer', () => {
	it('passes only Polar’s 422 whose detail says the probe customer does not exist', () => {
		expect(judge(json(422, CUSTOMER_MISSING))).toEqual({
			status: 'OK',
			message: 'Connection successful: Polar accepted the token and its scope',
		});
		const other = { ...CUSTOMER_MISSING.detail[0] };
		for (const near of [
			json(200, CUSTOMER_MISSING), // the right body with the wrong status
			json(422, { detail: [{ ...other, msg: 'Field required' }] }),
			json(422, { detail: [{ ...other, loc: ['body', 'external_customer_id'] }] }),
			json(422, { detail: [{ ...other, loc: ['body', 'customer_id', 'x'] }] }),
			json(422, { detail: 'Customer does not exist.' }),
			answer(422, 'Customer does not exist.'),
			answer(422),
		]) {
			expect(judge(near).status).toBe('Error');
		}
	});

	it('tells the two 401s apart, and a 401 that is not Polar’s', () => {
		expect(
			judge(json(401, { error: 'invalid_token', error_description: 'The access token …' })),
		).toEqual({
			status: 'Error',
			message:
				'Polar rejected the access token (401 Unauthorized, Polar’s error invalid_token): it is expired, revoked, malformed or for the other environment. Sandbox and production have separate tokens: check Environment, or create a token in Polar under Settings → Developers',
		});
		expect(judge(json(401, { error: 'Unauthorized', detail: 'Unauthorized' })).message).toBe(
			'Polar received no access token (401 Unauthorized, Polar’s error Unauthorized): paste one into Access Token. If Base URL is a proxy, it must pass the Authorization header on',
		);
		expect(
			judge(answer(401, 'Authorization Required', { 'www-authenticate': 'Basic' })).message,
		).toBe(
			`${BASE} is not Polar’s API: it answered 401 Unauthorized, text that is not Polar’s: "Authorization Required", where Polar answers 422 "Customer does not exist.". Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh`,
		);
	});

	it('names the scope a 403 asks for in WWW-Authenticate', () => {
		const body = { error: 'insufficient_scope', error_description: 'higher privileges' };
		expect(
			judge(
				json(403, body, {
					'www-authenticate':
						'Bearer realm="polar", scope="customer_sessions:write", error="insufficient_scope"',
				}),
			).message,
		).toBe(
			'The access token lacks the customer_sessions:write scope (403 Forbidden, Polar’s error insufficient_scope): create a token that includes it, and paste it into Access Token',
		);
		expect(judge(json(403, body)).message).toMatch(
			/^The access token lacks the customer_sessions:write scope/,
		);
		// A firewall's 403 is not a missing scope.
		expect(judge(answer(403, '<html><title>Access denied</title></html>')).message).toBe(
			`${BASE} is not Polar’s API: it answered 403 Forbidden, an HTML page titled "Access denied", where Polar answers 422 "Customer does not exist.". Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh`,
		);
	});

	it('says a 429 is a wait, not a verdict on the token', () => {
		expect(judge(answer(429, '', { 'retry-after': '60' })).message).toBe(
			`${BASE} is rate limiting this token (429 Too Many Requests, an empty body) and asked to wait 60 s. The token was not checked: test again in a minute`,
		);
		expect(judge(answer(429, '', { 'retry-after': 'soon' })).message).toBe(
			`${BASE} is rate limiting this token (429 Too Many Requests, an empty body). The token was not checked: test again in a minute`,
		);
	});

	it.each([
		[
			answer(500, 'Internal Server Error'),
			'500 Internal Server Error, text that is not Polar’s: "Internal Server Error"',
		],
		[
			json(503, { error: 'ServiceUnavailable', detail: 'down' }),
			'503 Service Unavailable, Polar’s error ServiceUnavailable',
		],
		[
			answer(
				502,
				'<html>\r\n<head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>',
				{ 'content-type': 'text/html' },
			),
			'502 Bad Gateway, an HTML page titled "502 Bad Gateway"',
		],
		[answer(504), '504 Gateway Timeout, an empty body'],
		[json(599, { ok: false }), '599, JSON that is not Polar’s'],
	])('says a server error is trouble there (%#)', (probeAnswer, saw) => {
		expect(judge(probeAnswer).message).toBe(
			`${BASE} is having trouble (${saw}). The token was not checked: test again later, and check Base URL if it lasts`,
		);
	});

	it('says where a redirect goes, without query, fragment or user info', () => {
		const redirect = (location?: string) =>
			judge(answer(307, '', location === undefined ? {} : { location })).message;
		const tail =
			'. Redirects are not followed, so the token never reaches another server: put the final address in Base URL';
		expect(redirect('https://u:p@other.example.com/v1/x?token=secret#frag')).toBe(
			`${BASE} redirects (307 Temporary Redirect) to https://other.example.com/v1/x${tail}`,
		);
		expect(redirect('/login?next=1')).toBe(
			`${BASE} redirects (307 Temporary Redirect) to https://polar.example.com/login${tail}`,
		);
		expect(redirect()).toBe(
			`${BASE} redirects (307 Temporary Redirect) without saying where${tail}`,
		);
		expect(redirect('http://[bad')).toBe(
			`${BASE} redirects (307 Temporary Redirect) to an address that is not a URL${tail}`,
		);
		expect(judge(answer(308, '', { location: 'https://a.example/' })).message).toMatch(
			/^https:\/\/polar\.example\.com redirects \(308 Permanent Redirect\) to https:\/\/a\.example\//,
		);
	});

	it('names an API version Polar no longer serves: its 404 "Not Found" without Polar-Version', () => {
		expect(judge(json(404, { detail: 'Not Found' }))).toEqual({
			status: 'Error',
			message:
				'Polar no longer serves API version 2026-10 that this package speaks: update n8n-nodes-polarsh (Settings → Community Nodes). Polar refuses every request in that version (404 "Not Found" without a Polar-Version header), so the token was not checked',
		});
	});

	it('tells Polar’s own 404 (a path under /v1) from a server that is not Polar', () => {
		expect(judge(json(404, { error: 'ResourceNotFound', detail: 'Not found' })).message).toBe(
			'Polar has no such endpoint (404 Not Found, Polar’s error ResourceNotFound): the Base URL must be the API root, without /v1. Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh',
		);
		// What Polar's API (FastAPI) answers for a path it does not have, in the version it served.
		expect(
			judge(json(404, { detail: 'Not Found' }, { 'polar-version': '2026-10' })).message,
		).toMatch(
			/^Polar has no such endpoint \(404 Not Found, the error "Not Found" of Polar’s framework\)/,
		);
		for (const [probeAnswer, saw] of [
			[json(404, { detail: 'Nothing here' }), '404 Not Found, JSON that is not Polar’s'],
			[answer(405, '', { allow: 'GET' }), '405 Method Not Allowed, an empty body'],
			[answer(200, '<!doctype html><title>Home</title>'), '200 OK, an HTML page titled "Home"'],
			[json(201, { id: 1 }), '201, JSON that is not Polar’s'],
			[json(409, { error: 'Conflict', detail: 'x' }), '409, Polar’s error Conflict'],
		] as const) {
			expect(judge(probeAnswer).message).toBe(
				`${BASE} is not Polar’s API: it answered ${saw}, where Polar answers 422 "Customer does not exist.". Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh`,
			);
		}
	});
});

describe('describeServer', () => {
	it('quotes a little of what a server said, on one line', () => {
		expect(describeServer(answer(500, `  line one\n\tline two ${'x'.repeat(100)}`))).toBe(
			`text that is not Polar’s: "line one line two ${'x'.repeat(42)}…"`,
		);
		expect(describeServer(answer(500, '<html><body>no title</body></html>'))).toBe('an HTML page');
		expect(
			describeServer(
				answer(500, '<title><b>Bold</b>\n title</title>', { 'content-type': 'text/html' }),
			),
		).toBe('an HTML page titled "Bold title"');
		expect(describeServer(json(500, [1, 2]))).toBe('JSON that is not Polar’s');
		expect(describeServer(json(500, { error: 'x' }))).toBe('JSON that is not Polar’s');
		expect(describeServer(answer(500, ' \n '))).toBe('an empty body');
	});
});

describe('judgeSendError', () => {
	const failed = (code: string) =>
		Object.assign(new TypeError('fetch failed'), {
			cause: Object.assign(new Error(code), { code }),
		});
	const tail = '. Check Environment and Base URL, and that this machine can reach the server';
	it.each([
		['ECONNREFUSED', 'the connection was refused'],
		['ENOTFOUND', 'the host name was not found'],
		['EAI_AGAIN', 'the host name could not be resolved'],
		['ECONNRESET', 'the connection was reset'],
		['CERT_HAS_EXPIRED', 'its TLS certificate has expired'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'its TLS certificate is self-signed'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'its TLS certificate is not trusted'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'its TLS certificate is for another host'],
	])('says what %s means', (code, reason) => {
		expect(judgeSendError(failed(code), BASE, 10_000)).toEqual({
			status: 'Error',
			message: `Could not reach Polar at ${BASE}: ${reason}${tail}`,
		});
	});

	it('says how long it waited', () => {
		const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
		expect(judgeSendError(timeout, BASE, 10_000).message).toBe(
			`Polar did not answer within 10 s at ${BASE}. Test again later, and check Base URL if it lasts`,
		);
		// As n8n's HTTP client (axios) reports it.
		const axiosTimeout = Object.assign(new Error('timeout of 10000ms exceeded'), {
			code: 'ECONNABORTED',
		});
		expect(judgeSendError(axiosTimeout, BASE, 10_000).message).toBe(
			`Polar did not answer within 10 s at ${BASE}. Test again later, and check Base URL if it lasts`,
		);
	});

	it('says that n8n’s SSRF protection blocked the address, as n8n 2.x names it', () => {
		const blocked = (name: string, message: string) => Object.assign(new Error(message), { name });
		const advice =
			'. n8n’s SSRF protection blocks this address for the node too: use Polar’s API, or ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES)';
		const byIp = 'The request was blocked because it resolves to a restricted IP address';
		expect(judgeSendError(blocked('SsrfBlockedIpError', byIp), BASE, 10_000)).toEqual({
			status: 'Error',
			message: `Could not reach Polar at ${BASE}: ${byIp}${advice}`,
		});
		// Found at connect time (a host name), inside the HTTP client's own error.
		const byName = 'The request was blocked because the destination hostname is restricted';
		const wrapped = Object.assign(new Error(byName), {
			cause: blocked('SsrfBlockedHostnameError', byName),
		});
		expect(judgeSendError(wrapped, BASE, 10_000).message).toBe(
			`Could not reach Polar at ${BASE}: ${byName}${advice}`,
		);
		// Another error that merely says "blocked" gets the usual advice.
		expect(judgeSendError(new Error('blocked by policy'), BASE, 10_000).message).toBe(
			`Could not reach Polar at ${BASE}: blocked by policy${tail}`,
		);
	});
});

describe('testConnection', () => {
	const OK = json(422, CUSTOMER_MISSING);
	const recorder = (reply: ProbeAnswer | Error) => {
		const sent: ProbeRequest[] = [];
		const send = async (request: ProbeRequest) => {
			sent.push(request);
			if (reply instanceof Error) throw reply;
			return reply;
		};
		return { sent, send };
	};
	const credentials = (extra: Record<string, string> = {}) => ({
		environment: 'custom',
		baseUrl: `${BASE}/`,
		accessToken: ` ${TOKEN} `,
		...extra,
	});

	it('sends one POST to the API root’s probe path, with the trimmed token and Polar’s headers', async () => {
		const { sent, send } = recorder(OK);
		await expect(
			testConnection(
				credentials({ organizationId: ' 1DBFC517-0bbf-4301-9ba8-555ca42b9737 ' }),
				send,
			),
		).resolves.toMatchObject({ status: 'OK' });
		expect(sent).toEqual([
			{
				url: PROBE,
				headers: {
					Authorization: `Bearer ${TOKEN}`,
					'Polar-Version': POLAR_API_VERSION,
					'Content-Type': 'application/json',
					Accept: 'application/json',
				},
				body: '{"customer_id":"00000000-0000-4000-8000-000000000000"}',
			},
		]);
	});

	it.each([
		[
			{ baseUrl: 'http://polar.example.com' },
			'Base URL must use https: plain http is allowed only for localhost, so the token is never sent unencrypted (polar.example.com)',
		],
		[
			{ baseUrl: 'https://polar.example.com?x' },
			'Base URL must not contain a query (?) or a fragment (#)',
		],
		[
			{ organizationId: 'acme' },
			'Organization ID is not a Polar organization ID (a UUID such as 1dbfc517-0bbf-4301-9ba8-555ca42b9737); leave it empty for an organization access token',
		],
		// Polar's IDs are version 4.
		[
			{ organizationId: '1dbfc517-0bbf-1301-9ba8-555ca42b9737' },
			expect.stringMatching(/^Organization ID is not/),
		],
		[
			{ accessToken: 'polar_oat_a\nb' },
			'Access Token contains a character a token cannot have (at position 12): paste the token again',
		],
	])('refuses %j before sending', async (extra, message) => {
		const { sent, send } = recorder(OK);
		await expect(testConnection(credentials(extra), send)).resolves.toEqual({
			status: 'Error',
			message,
		});
		expect(sent).toEqual([]);
	});

	it('never shows the token, even when a server echoes it', async () => {
		for (const reply of [
			answer(500, `bad token ${TOKEN}`),
			answer(200, `<title>${TOKEN}</title>`),
			json(401, { error: TOKEN, detail: TOKEN }),
			answer(302, '', { location: `https://x.example/${TOKEN}` }),
			new Error(`connect failed for ${TOKEN}`),
		]) {
			const { message } = await testConnection(credentials(), recorder(reply).send);
			expect(message).not.toContain(TOKEN);
			expect(message).toContain('[redacted]');
		}
	});

	it('never shows part of a long token cut short in a quote', async () => {
		const long = `polar_oat_${'k'.repeat(120)}`;
		for (const reply of [answer(500, long), json(401, { error: long, detail: '' })]) {
			const { message } = await testConnection(
				credentials({ accessToken: long }),
				recorder(reply).send,
			);
			expect(message).not.toContain('kkkkk');
		}
	});
});
