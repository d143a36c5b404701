// Polar failing, and tokens Polar refuses, as users meet them in a real n8n: the messages, the
// retries, n8n's editor, and the token in none of n8n's output or files.
// Workflows: workflows/http-errors.json, wrong-tokens.json.

import type { RecordedRequest } from '../../dev/polar-double';
import { items, itemError } from './assertions';
import { filesContaining, startStack, TOKENS, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
	stack = await startStack();
}, 300_000);
afterAll(async () => {
	await stack?.stop();
});

/** The wait between a request's answer and the next request. */
const gapMs = (before: RecordedRequest, after: RecordedRequest) =>
	after.time - (before.answeredAt ?? before.time);

test('409, 422, 429 with Retry-After, 503, a non-JSON 502: retried as they should be, then explained', async () => {
	// One answer per request, in order; the node sends one request at a time, retries twice
	// where Polar cannot have acted (429, 503), and not after a 502, when it may have.
	const { double } = stack;
	double.reset();
	double.failNext('conflict-ambiguous-external-id');
	double.failNext('service-unavailable', 3);
	double.failNext('bad-gateway-html', 1);
	double.failNext('rate-limited', 3, { retryAfterSeconds: 1 });
	double.failNext('rate-limited', 1, { retryAfterSeconds: 1 });
	double.failNext('service-unavailable', 1);
	const execution = await stack.n8n.execute('e2eHttpErrors001');
	expect(execution.status).toBe('success');
	const output = items(execution, 'Create session');
	expect(output).toHaveLength(7);

	expect(itemError(output[0])).toEqual({
		message: 'This external customer ID matches customers in several organizations (409)',
		description:
			'Set the Organization ID in the Polar credential, use an organization access token, or choose the customer By ID.',
		httpCode: '409',
	});
	expect(itemError(output[1])).toEqual({
		message: 'Polar is having trouble (503 Service Unavailable)',
		description:
			'Polar or a gateway in front of it failed; this is usually temporary. Tried 3 times. Try again later. The server said: ServiceUnavailable: The service is temporarily unavailable.',
		httpCode: '503',
	});
	// A gateway's HTML page, reduced to its words; a create is not repeated after a 502.
	expect(itemError(output[2])).toEqual({
		message: 'Polar is having trouble (502 Bad Gateway)',
		description:
			'Polar or a gateway in front of it failed; this is usually temporary. Try again later. The server said: 502 Bad Gateway cloudflare Polar may have created the session (its link expires within an hour unused) before the answer was lost. The node did not send it again, so that nothing is done twice.',
		httpCode: '502',
	});
	expect(itemError(output[3])).toEqual({
		message: 'Polar’s rate limit was reached (429)',
		description:
			'Polar allows 500 requests a minute in production and 100 in sandbox. Tried 3 times. Polar asked to wait 1 s. Raise Max Retries or Max Retry Wait in the node’s Options, or send fewer items at once.',
		httpCode: '429',
	});
	// 429, then 503, then a session: the retries paid off.
	expect(output[4].json).toMatchObject({ customer_external_id: 'usr_grace' });
	expect(itemError(output[5])).toMatchObject({
		message: 'No Polar customer with external ID "usr_nobody"',
		httpCode: '422',
	});
	expect(output[6].json).toMatchObject({ customer_external_id: 'usr_grace' });

	// 1 + 3 + 1 + 3 + 3 + 1 + 1 requests; after each 429 the next waited out Retry-After: 1.
	const requests = double.requests;
	expect(requests.map((request) => request.status)).toEqual([
		409, 503, 503, 503, 502, 429, 429, 429, 429, 503, 201, 422, 201,
	]);
	for (const index of [5, 6, 8]) {
		expect(gapMs(requests[index], requests[index + 1])).toBeGreaterThanOrEqual(990);
	}
	expect(double.violations).toEqual([]);
});

test('a revoked token and a token without the scope: Polar’s 401 and 403, explained', async () => {
	const execution = await stack.execute('e2eWrongTokens01');
	expect(itemError(items(execution, 'Revoked token')[0])).toEqual({
		message: 'Polar rejected the access token (401)',
		description:
			'The token is expired, revoked, malformed or for the other environment. Create a token in Polar’s dashboard under Settings → Developers → New Token and paste it into the Polar credential. Sandbox and production have separate tokens: check the credential’s Environment.',
		httpCode: '401',
	});
	expect(itemError(items(execution, 'Token without the scope')[0])).toEqual({
		message: 'The access token lacks the customer_sessions:write scope (403)',
		description:
			'Create a Polar access token that includes the customer_sessions:write scope, and paste it into the Polar credential.',
		httpCode: '403',
	});
	// Neither is worth a retry.
	expect(stack.double.requests).toHaveLength(2);
});

describe('n8n’s editor (n8n start)', () => {
	let cookie: string;
	beforeAll(async () => {
		await stack.n8n.start();
		({ cookie } = await stack.n8n.setupOwner({
			email: 'e2e@example.com',
			password: 'E2e-Passw0rd',
			firstName: 'E2E',
			lastName: 'Owner',
		}));
	}, 180_000);

	test('offers the node, and the node as an AI tool', async () => {
		const response = await stack.n8n.rest('GET', '/types/nodes.json', undefined, cookie);
		const names = (response.body as Array<{ name: string }>).map((type) => type.name);
		expect(names).toEqual(
			expect.arrayContaining(['n8n-nodes-polarsh.polar', 'n8n-nodes-polarsh.polarTool']),
		);
	});
	// Test connection's cases are in credentialTest.e2e.ts.
});

test('no access token is in anything n8n printed or stored', async () => {
	await stack.n8n.stop();
	expect(stack.transcript.join('\n')).toContain('polar_cst_'); // the check sees n8n's output
	for (const token of Object.values(TOKENS)) {
		expect(stack.transcript.join('\n')).not.toContain(token);
		expect(filesContaining(stack.userFolder, token)).toEqual([]);
	}
});
