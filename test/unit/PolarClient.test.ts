import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { BUDGET_WINDOW_MS, TokenBudgets } from '../../nodes/Polar/transport/budget';
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
	let clock = Date.parse('2026-11-26T10:00:00Z');
	const client = await PolarClient.create(context, {
		timeoutMs: 1000,
		retry: { maxRetries, maxWaitMs: 30_000 },
		sleep: async (ms) => {
			waits.push(ms);
			clock += ms;
		},
		random: () => 1,
		now: () => clock,
		// Each test a process of its own: budgets would carry requests over from other tests.
		budgets: new TokenBudgets(),
	});
	return { client, sent, waits };
}

const request = {
	method: 'POST' as const,
	path: '/v1/customer-sessions/',
	body: { customer_id: 'x' },
	repeatable: false,
};
const read = { method: 'GET' as const, path: '/v1/customers/', repeatable: true };

function connectionError(code: string): Error {
	return Object.assign(new Error(code), { code });
}

describe('PolarClient', () => {
	it('sends the API version and a timeout, and never follows a redirect', async () => {
		const { client, sent } = await clientFor([{ statusCode: 201, body: { id: 's' } }], 0, {
			organizationId: ' 1dbfc517-0bbf-4301-9ba8-555ca42b9737 ',
		});
		await expect(client.request(request)).resolves.toEqual({ id: 's' });
		expect(sent[0]).toMatchObject({
			url: 'https://api.polar.sh/v1/customer-sessions/',
			headers: { 'Polar-Version': POLAR_API_VERSION },
			timeout: 1000,
			disableFollowRedirect: true,
		});
		// Polar reads no organization header: the organization goes where Polar reads it.
		expect(sent[0].headers).not.toHaveProperty('Polar-Organization');
	});

	it('retries a create only where Polar cannot have acted: 429, 503, a refused connection', async () => {
		const { client, waits, sent } = await clientFor(
			[
				{ statusCode: 429, headers: { 'retry-after': '3' } },
				{ statusCode: 503 },
				connectionError('ECONNREFUSED'),
				{ statusCode: 201, body: { id: 'ok' } },
			],
			3,
		);
		await expect(client.request(request)).resolves.toEqual({ id: 'ok' });
		// 3 s as Polar asked (then a spread of up to a tenth of it), then back-off of 1 s and 2 s
		// (random() = 1: the top of each jitter range).
		expect(waits).toEqual([3000, 300, 1000, 2000]);
		expect(sent).toHaveLength(4);
	});

	it.each([
		// The message says first that Polar may have acted (n8n 1.x and 2.x alike).
		[
			'a timeout',
			connectionError('ECONNABORTED'),
			/^Polar may have carried out .*no answer within/,
		],
		[
			'a reset',
			connectionError('ECONNRESET'),
			/^Polar may have carried out .*connection was reset/,
		],
		['500', { statusCode: 500 }, /500 Internal Server Error/],
		['502', { statusCode: 502, body: '<h1>Bad Gateway</h1>' }, /502 Bad Gateway/],
		['504', { statusCode: 504 }, /504 Gateway Timeout/],
	] as Array<[string, Answer, RegExp]>)(
		'does not repeat a create after %s, and says Polar may have acted',
		async (_, answer, message) => {
			const { client, sent } = await clientFor([answer, { statusCode: 201 }], 3);
			const error = await client
				.request({ ...request, effect: 'created the session' }, 2)
				.catch((e: unknown) => e);
			expect(error).toMatchObject({
				message: expect.stringMatching(message),
				description: expect.stringContaining(
					'Polar may have created the session before the answer was lost. The node did not send it again',
				),
				context: expect.objectContaining({ itemIndex: 2 }),
			});
			expect(sent).toHaveLength(1);
		},
	);

	it('repeats a read after a timeout, a reset, 500, 502 or 504', async () => {
		const { client, sent } = await clientFor(
			[
				connectionError('ECONNABORTED'),
				connectionError('ECONNRESET'),
				{ statusCode: 500 },
				{ statusCode: 502 },
				{ statusCode: 504 },
				{ statusCode: 200, body: { items: [] } },
			],
			5,
		);
		await expect(client.request(read)).resolves.toEqual({ items: [] });
		expect(sent).toHaveLength(6);
	});

	it('backs off as usual when Retry-After is unusable', async () => {
		const { client, waits } = await clientFor(
			[
				{ statusCode: 429, headers: { 'retry-after': '-1' } },
				{ statusCode: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:00 GMT' } },
				{ statusCode: 201 },
			],
			3,
		);
		await client.request(request);
		// The back-off (500 ms, then 1 s), each followed by the spread of a shared wait.
		expect(waits).toEqual([500, 50, 1000, 100]);
	});

	it('fails the rest of the run unsent while Polar asks for a longer wait than allowed', async () => {
		const { client, sent } = await clientFor(
			[{ statusCode: 429, headers: { 'retry-after': '120' } }],
			5,
		);
		const first = await client.request(request, 0).catch((e: unknown) => e);
		const second = await client.request(request, 1).catch((e: unknown) => e);
		expect(sent).toHaveLength(1);
		expect(second).toMatchObject({
			message: (first as Error).message,
			description: expect.stringMatching(/^Not sent: Polar asked this run to wait/),
			context: expect.objectContaining({ itemIndex: 1 }),
		});
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
		await expect(client.request(read, 4)).rejects.toMatchObject({
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

describe('PolarClient: the token’s budget, shared by every run in the process', () => {
	/** The fake answers at once: a slot frees a minute after the request it held. */
	const WINDOW = BUDGET_WINDOW_MS;
	const created = () => ({ statusCode: 201, body: { id: 's' } });

	/** Clients on one clock, as executions in one n8n process; returns when each request went. */
	function oneProcess() {
		const start = Date.parse('2026-11-26T12:00:00Z');
		let clock = start;
		const budgets = new TokenBudgets();
		const runFor = async (credentials: Record<string, unknown>, options = {}) => {
			const { context } = fakeContext(Array.from({ length: 600 }, created), credentials);
			const client = await PolarClient.create(context, {
				timeoutMs: 1000,
				retry: { maxRetries: 0, maxWaitMs: 30_000 },
				sleep: async (ms) => {
					clock += ms;
				},
				now: () => clock,
				budgets,
				...options,
			});
			return async (count = 1) => {
				const sentAt: number[] = [];
				for (let i = 0; i < count; i++) {
					await client.request(request);
					sentAt.push(clock - start);
				}
				return sentAt;
			};
		};
		return { runFor };
	}

	it('holds back a run when earlier runs with the same credential spent the minute', async () => {
		const { runFor } = oneProcess();
		const credential = { accessToken: 'polar_oat_shared_budget_1', rateLimit: 3 };
		const first = await runFor(credential);
		const second = await runFor(credential);
		expect(await first(2)).toEqual([0, 0]);
		expect(await second(2)).toEqual([0, WINDOW]);
	});

	it('does not hold back another token', async () => {
		const { runFor } = oneProcess();
		const busy = await runFor({ accessToken: 'polar_oat_shared_budget_2', rateLimit: 1 });
		const other = await runFor({ accessToken: 'polar_oat_shared_budget_3', rateLimit: 1 });
		expect(await busy(1)).toEqual([0]);
		expect(await other(1)).toEqual([0]);
	});

	it.each([
		['sandbox', 100],
		['production', 500],
		['custom', 500],
	])(
		'uses Polar’s default for %s when the credential sets none: %d a minute',
		async (environment, limit) => {
			const { runFor } = oneProcess();
			const run = await runFor({
				accessToken: `polar_oat_default_budget_${environment}`,
				environment,
				baseUrl: 'https://polar.example.com',
			});
			const sentAt = await run(limit + 1);
			expect(sentAt.slice(0, limit).every((at) => at === 0)).toBe(true);
			expect(sentAt[limit]).toBe(WINDOW);
		},
	);

	it('still spaces one node by its Max Requests per Minute, below the budget', async () => {
		const { runFor } = oneProcess();
		const run = await runFor(
			{ accessToken: 'polar_oat_shared_budget_4', rateLimit: 500 },
			{ maxRequestsPerMinute: 60 },
		);
		expect(await run(3)).toEqual([0, 1000, 2000]);
	});
});

describe('PolarClient and the token’s budget', () => {
	it('gives the budget back for requests cancelled before they were sent', async () => {
		const budgets = new TokenBudgets();
		let clock = Date.parse('2026-11-26T10:00:00Z');
		const waits: number[] = [];
		const clientIn = async (controller: AbortController) => {
			const { context, sent } = fakeContext(
				Array.from({ length: 20 }, () => ({ statusCode: 201, body: { id: 's' } })),
				{ rateLimit: 1 },
			);
			(
				context as unknown as { getExecutionCancelSignal: () => AbortSignal }
			).getExecutionCancelSignal = () => controller.signal;
			const client = await PolarClient.create(context, {
				timeoutMs: 1000,
				retry: { maxRetries: 0, maxWaitMs: 1000 },
				// The execution is cancelled while its requests wait for room in the budget.
				sleep: async (ms, signal) => {
					if (signal?.aborted) throw new Error('This operation was aborted');
					waits.push(ms);
					clock += ms;
				},
				now: () => clock,
				budgets,
			});
			return { client, sent };
		};

		const first = await clientIn(new AbortController());
		await first.client.request(request);
		const cancelledRun = new AbortController();
		cancelledRun.abort();
		const second = await clientIn(cancelledRun);
		const cancelled = await Promise.all(
			Array.from({ length: 10 }, () => second.client.request(request).catch((e: Error) => e)),
		);
		expect(cancelled.map((e) => (e as Error).message)).toEqual(
			Array(10).fill('The execution was cancelled'),
		);
		expect(second.sent).toHaveLength(0);

		// The next execution waits only for the request that was sent, not for the ten that were not.
		const third = await clientIn(new AbortController());
		const before = clock;
		await third.client.request(request);
		expect(clock - before).toBeLessThanOrEqual(BUDGET_WINDOW_MS);
		expect(third.sent).toHaveLength(1);
	});

	it('stop(): requests waiting for their turn fail unsent and give their place back', async () => {
		const budgets = new TokenBudgets();
		let clock = 0;
		const { context, sent } = fakeContext(
			Array.from({ length: 5 }, () => ({ statusCode: 201, body: { id: 's' } })),
			{ rateLimit: 1 },
		);
		let client: PolarClient | undefined = undefined;
		client = await PolarClient.create(context, {
			timeoutMs: 1000,
			retry: { maxRetries: 0, maxWaitMs: 1000 },
			sleep: async (ms, signal) => {
				client?.stop(); // another item failed meanwhile
				if (signal?.aborted) throw new Error('This operation was aborted');
				clock += ms;
			},
			now: () => clock,
			budgets,
		});
		await client.request(request, 0);
		const error = await client.request(request, 1).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'Not sent: the node stopped after another item failed',
		});
		expect(sent).toHaveLength(1);
		expect(client.wasSent(0)).toBe(true);
		expect(client.wasSent(1)).toBe(false);
		// Its place was given back: only the sent request holds the budget.
		expect(budgets.reserve(TokenBudgets.key(TOKEN), 1, clock).start).toBe(clock + BUDGET_WINDOW_MS);
	});
});
