import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { PolarClient } from '../../nodes/Polar/transport/PolarClient';

const TOKEN = 'polar_oat_unit_test_secret_token';

type Answer = { statusCode: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A stand-in for n8n's execute context: only what the client touches (unit test only). */
function fakeContext(answers: Answer[], credentials: Record<string, unknown> = {}) {
	const sent: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => ({
			id: '1',
			name: 'Polar',
			type: 'polar',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getCredentials: async () => ({ accessToken: TOKEN, environment: 'production', ...credentials }),
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequestWithAuthentication: async (_name: string, options: IHttpRequestOptions) => {
				sent.push(options);
				const answer = answers.shift();
				if (!answer) throw new Error('no more answers');
				if (answer instanceof Error) throw answer;
				return { headers: {}, body: {}, ...answer };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, sent };
}

async function clientFor(answers: Answer[], maxRetries = 3, credentials = {}) {
	const { context, sent } = fakeContext(answers, credentials);
	const waits: number[] = [];
	let clock = 0;
	const client = await PolarClient.create(context, {
		timeoutMs: 1000,
		retry: { maxRetries, maxWaitMs: 30_000 },
		sleep: async (ms) => {
			waits.push(ms);
			clock += ms;
		},
		random: () => 1,
		now: () => clock,
	});
	return { client, sent, waits };
}

const request = {
	method: 'POST' as const,
	path: '/v1/customer-sessions/',
	body: { customer_id: 'x' },
};

function connectionError(code: string): Error {
	return Object.assign(new Error(code), { code });
}

describe('PolarClient', () => {
	it('sends the API version, the organization and a timeout, and never follows a redirect', async () => {
		const { client, sent } = await clientFor([{ statusCode: 201, body: { id: 's' } }], 0, {
			organizationId: ' 1dbfc517-0bbf-4301-9ba8-555ca42b9737 ',
		});
		await expect(client.request(request)).resolves.toEqual({ id: 's' });
		expect(sent[0]).toMatchObject({
			url: 'https://api.polar.sh/v1/customer-sessions/',
			headers: {
				'Polar-Version': '2026-04',
				'Polar-Organization': '1dbfc517-0bbf-4301-9ba8-555ca42b9737',
			},
			timeout: 1000,
			disableFollowRedirect: true,
		});
	});

	it('omits Polar-Organization when the credential has none', async () => {
		const { client, sent } = await clientFor([{ statusCode: 201 }], 0);
		await client.request(request);
		expect(sent[0].headers).not.toHaveProperty('Polar-Organization');
	});

	it('retries 429, 500, 502, 503, 504 and connection errors, honouring Retry-After', async () => {
		const { client, waits } = await clientFor(
			[
				{ statusCode: 429, headers: { 'retry-after': '3' } },
				{ statusCode: 503 },
				connectionError('ECONNRESET'),
				{ statusCode: 201, body: { id: 'ok' } },
			],
			3,
		);
		await expect(client.request(request)).resolves.toEqual({ id: 'ok' });
		// 3 s as Polar asked, then back-off of 1 s and 2 s (random() = 1: the top of each jitter range).
		expect(waits).toEqual([3000, 1000, 2000]);
	});

	it('never retries another 4xx', async () => {
		const { client, sent } = await clientFor(
			[{ statusCode: 422, body: { error: 'RequestValidationError', detail: [] } }],
			5,
		);
		await expect(client.request(request)).rejects.toThrow();
		expect(sent).toHaveLength(1);
	});

	it('gives up after the last retry and says how often it tried', async () => {
		const { client, sent } = await clientFor(
			[
				{ statusCode: 502, body: '<h1>Bad Gateway</h1>' },
				{ statusCode: 502, body: '<h1>Bad Gateway</h1>' },
			],
			1,
		);
		await expect(client.request(request, 4)).rejects.toMatchObject({
			message: 'Polar is having trouble (502 Bad Gateway)',
			description: expect.stringContaining('Tried 2 times'),
			httpCode: '502',
			context: expect.objectContaining({ itemIndex: 4 }),
		});
		expect(sent).toHaveLength(2);
	});

	it('fails at once when Retry-After is longer than the longest wait allowed', async () => {
		const { client, waits } = await clientFor(
			[{ statusCode: 429, headers: { 'retry-after': '120' } }],
			5,
		);
		await expect(client.request(request)).rejects.toMatchObject({
			message: 'Polar’s rate limit was reached (429)',
			failure: { cause: 'rate-limited', retryAfterMs: 120_000 },
		});
		expect(waits).toEqual([]);
	});

	it.each([
		['ENOTFOUND', /host name was not found/],
		['CERT_HAS_EXPIRED', /TLS certificate has expired/],
		['ERR_SOMETHING_ELSE', /ERR_SOMETHING_ELSE/],
	])('does not retry %s, which would fail the same way again', async (code, message) => {
		const { client, sent } = await clientFor([connectionError(code)], 3);
		await expect(client.request(request)).rejects.toThrow(message);
		expect(sent).toHaveLength(1);
	});

	it('finds the error code n8n keeps in the cause of its own error', async () => {
		const wrapped = Object.assign(new Error('n8n wrapper'), {
			cause: connectionError('ECONNREFUSED'),
		});
		const { client, sent } = await clientFor([wrapped, { statusCode: 201 }], 1);
		await expect(client.request(request)).resolves.toBeDefined();
		expect(sent).toHaveLength(2);
	});

	it('reports a redirect instead of following it', async () => {
		const { client } = await clientFor(
			[{ statusCode: 301, headers: { location: 'https://elsewhere.example.com/v1/' } }],
			3,
		);
		await expect(client.request(request)).rejects.toMatchObject({
			message: 'Polar’s address redirects (301) to https://elsewhere.example.com/v1/',
		});
	});

	it('says it was cancelled when the execution stops during a back-off', async () => {
		const { context } = fakeContext([{ statusCode: 503 }]);
		const controller = new AbortController();
		(
			context as unknown as { getExecutionCancelSignal: () => AbortSignal }
		).getExecutionCancelSignal = () => controller.signal;
		const client = await PolarClient.create(context, {
			timeoutMs: 1000,
			retry: { maxRetries: 3, maxWaitMs: 1000 },
			sleep: async () => {
				controller.abort();
				throw new Error('This operation was aborted');
			},
		});
		await expect(client.request(request)).rejects.toThrow('The execution was cancelled');
	});

	it('keeps Polar’s answer where n8n’s error view shows it (context.data), without the token', async () => {
		const { client } = await clientFor(
			[{ statusCode: 401, body: { error: 'invalid_token', detail: `Bad token ${TOKEN}` } }],
			0,
		);
		const error = await client.request(request).catch((e: unknown) => e);
		expect((error as { context: Record<string, unknown> }).context.data).toEqual({
			error: 'invalid_token',
			detail: 'Bad token [redacted]',
		});
	});

	it('scrubs the token from anything a server echoes back', async () => {
		const { client } = await clientFor(
			[{ statusCode: 500, body: `<pre>Authorization: Bearer ${TOKEN}</pre>` }],
			0,
		);
		const error = await client.request(request).catch((e: unknown) => e);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		expect((error as Error & { description: string }).description).toContain('[redacted]');
	});

	it('refuses a credential whose custom Base URL is plain http to another host', async () => {
		const { context } = fakeContext([], {
			environment: 'custom',
			baseUrl: 'http://polar.example.com',
		});
		await expect(
			PolarClient.create(context, { timeoutMs: 1, retry: { maxRetries: 0, maxWaitMs: 1 } }),
		).rejects.toThrow('Polar credential: Base URL must use https');
	});
});

describe('PolarClient answers that are not Polar’s', () => {
	it('fails a 2xx whose body is not JSON, pointing at the Base URL', async () => {
		const { client } = await clientFor([{ statusCode: 200, body: '<html>proxy login</html>' }], 0);
		await expect(client.request(request)).rejects.toMatchObject({
			message: 'Polar answered 200 with a body that is not JSON',
			description: expect.stringContaining('Base URL'),
		});
	});
});
