// Test connection as n8n's editor runs it (POST /rest/credentials/test) in a real n8n with the
// packed package: Polar's answers from the double, other servers' from loopback strangers. Every
// message is checked word for word, and the token is in none of them, nor in n8n's output.

import { closedPortUrl, startStranger, STRANGER_ANSWERS, type StrangerServer } from '../strangers';
import { CREDENTIALS, filesContaining, startStack, TOKENS, type Stack } from './stack';

let stack: Stack;
let cookie: string;
const strangers: Partial<Record<keyof typeof STRANGER_ANSWERS, StrangerServer>> = {};
beforeAll(async () => {
	stack = await startStack();
	for (const which of Object.keys(STRANGER_ANSWERS) as Array<keyof typeof STRANGER_ANSWERS>) {
		strangers[which] = await startStranger(STRANGER_ANSWERS[which]);
	}
	await stack.n8n.start();
	({ cookie } = await stack.n8n.setupOwner({
		email: 'e2e@example.com',
		password: 'E2e-Passw0rd',
		firstName: 'E2E',
		lastName: 'Owner',
	}));
}, 300_000);
afterAll(async () => {
	for (const stranger of Object.values(strangers)) await stranger?.close();
	await stack?.stop();
});

const NOT_CHECKED = 'The token was not checked: test again later, and check Base URL if it lasts';
const CHECK_ADDRESS =
	'Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh';
const notPolar = (url: string, saw: string) =>
	`${url} is not Polar’s API: it answered ${saw}, where Polar answers 422 "Customer does not exist.". ${CHECK_ADDRESS}`;

/** What the editor shows for a stored credential edited to `changes`; `polarWill` sets up the double. */
async function testConnection(
	changes: Record<string, string>,
	which: keyof typeof CREDENTIALS = 'good',
	polarWill?: () => void,
): Promise<{ status: string; message: string }> {
	stack.double.reset();
	polarWill?.();
	const { id, name } = CREDENTIALS[which];
	const data = { ...stack.credentialData(which), ...changes };
	const response = await stack.n8n.rest(
		'POST',
		'/rest/credentials/test',
		{ credentials: { id, name, type: 'polarApi', data } },
		cookie,
	);
	expect(response.status).toBe(200);
	const { data: result } = response.body as { data: { status: string; message: string } };
	for (const token of Object.values(TOKENS)) expect(result.message).not.toContain(token);
	// Whatever the answer, Test connection creates nothing.
	expect(stack.double.sessions).toEqual([]);
	return result;
}

const ok = {
	status: 'OK',
	message: 'Connection successful: Polar accepted the token and its scope',
};
const error = (message: string) => ({ status: 'Error', message });

test('passes on Polar’s 422 "Customer does not exist.", for a token with only customer_sessions:write', async () => {
	await expect(testConnection({})).resolves.toEqual(ok);
	expect(stack.double.requests).toHaveLength(1);
	expect(stack.double.requests[0]).toMatchObject({ path: '/v1/customer-sessions/', status: 422 });
	expect(stack.double.violations).toEqual([]);
});

test('401: a token Polar rejects', async () => {
	await expect(testConnection({}, 'revoked')).resolves.toEqual(
		error(
			'Polar rejected the access token (401 Unauthorized, Polar’s error invalid_token): it is expired, revoked, malformed or for the other environment. Sandbox and production have separate tokens: check Environment, or create a token in Polar under Settings → Developers',
		),
	);
});

test('401: no token', async () => {
	await expect(testConnection({ accessToken: '' })).resolves.toEqual(
		error(
			'Polar received no access token (401 Unauthorized, Polar’s error Unauthorized): paste one into Access Token. If Base URL is a proxy, it must pass the Authorization header on',
		),
	);
});

test('403: a token without the scope', async () => {
	await expect(testConnection({}, 'noScope')).resolves.toEqual(
		error(
			'The access token lacks the customer_sessions:write scope (403 Forbidden, Polar’s error insufficient_scope): create a token that includes it, and paste it into Access Token',
		),
	);
});

test.each([
	[
		'internal-server-error',
		'500 Internal Server Error, text that is not Polar’s: "Internal Server Error"',
	],
	['service-unavailable', '503 Service Unavailable, Polar’s error ServiceUnavailable'],
	['bad-gateway-html', '502 Bad Gateway, an HTML page titled "502 Bad Gateway"'],
] as const)('%s: Polar having trouble', async (scenario, saw) => {
	const { double } = stack;
	await expect(testConnection({}, 'good', () => double.failNext(scenario))).resolves.toEqual(
		error(`${double.url} is having trouble (${saw}). ${NOT_CHECKED}`),
	);
});

test('429: Polar’s rate limit, with its wait', async () => {
	const { double } = stack;
	const rateLimited = () => double.failNext('rate-limited', 1, { retryAfterSeconds: 60 });
	await expect(testConnection({}, 'good', rateLimited)).resolves.toEqual(
		error(
			`${double.url} is rate limiting this token (429 Too Many Requests, an empty body) and asked to wait 60 s. The token was not checked: test again in a minute`,
		),
	);
});

test('307: a redirect, not followed, named without its query', async () => {
	const { url, requests } = strangers.redirect!;
	await expect(testConnection({ baseUrl: url })).resolves.toEqual(
		error(
			`${url} redirects (307 Temporary Redirect) to https://login.example.com/sso/start. Redirects are not followed, so the token never reaches another server: put the final address in Base URL`,
		),
	);
	expect(requests.at(-1)?.url).toBe('/v1/customer-sessions/');
});

test.each([
	['notFoundHtml', '404 Not Found, an HTML page titled "404 Not Found"'],
	['methodNotAllowed', '405 Method Not Allowed, JSON that is not Polar’s'],
	['okHtml', '200 OK, an HTML page titled "Welcome to nginx!"'],
] as const)('%s: a server that is not Polar', async (which, saw) => {
	const { url } = strangers[which]!;
	await expect(testConnection({ baseUrl: url })).resolves.toEqual(error(notPolar(url, saw)));
});

test('a refused connection', async () => {
	const url = await closedPortUrl();
	await expect(testConnection({ baseUrl: url })).resolves.toEqual(
		error(
			`Could not reach Polar at ${url}: the connection was refused. Check Environment and Base URL, and that this machine can reach the server`,
		),
	);
});

test('plain http to another host: refused before sending, in a sentence', async () => {
	await expect(testConnection({ baseUrl: 'http://polar.example.com' })).resolves.toEqual(
		error(
			'Base URL must use https: plain http is allowed only for localhost, so the token is never sent unencrypted (polar.example.com)',
		),
	);
});

test('an Organization ID that is not a UUID: refused before sending', async () => {
	await expect(testConnection({ organizationId: 'acme' })).resolves.toEqual(
		error(
			'Organization ID is not a Polar organization ID (a UUID such as 1dbfc517-0bbf-4301-9ba8-555ca42b9737); leave it empty for an organization access token',
		),
	);
	expect(stack.double.requests).toEqual([]);
	// A UUID passes; Polar reads no organization header, so none is sent (the probe's body names
	// a customer only: an organization token may not name an organization there).
	await expect(
		testConnection({ organizationId: '1dbfc517-0bbf-4301-9ba8-555ca42b9737' }),
	).resolves.toEqual(ok);
	expect(stack.double.requests[0].headers).not.toHaveProperty('polar-organization');
	expect(stack.double.requests[0].body).not.toHaveProperty('organization_id');
});

test('no access token is in anything n8n printed or stored', async () => {
	await stack.n8n.stop();
	expect(stack.transcript.length).toBeGreaterThan(0);
	for (const token of Object.values(TOKENS)) {
		expect(stack.transcript.join('\n')).not.toContain(token);
		expect(filesContaining(stack.userFolder, token)).toEqual([]);
	}
});
