import { createServer } from 'http';
import type { AddressInfo } from 'net';

import {
	DEFAULT_TOKEN,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	type FailureScenario,
} from '../../dev/polar-double';
import { byExternalId, byId, createSessions, usePolarDouble } from './fixtures';

const polar = usePolarDouble();
const noRetries = { retryOnFailure: false };

/** Everything n8n kept of a run, as text: the token must appear nowhere in it. */
const everything = (result: Awaited<ReturnType<typeof createSessions>>) =>
	JSON.stringify({ runData: result.runData, run: result.run });

describe('Polar’s errors, as users read them in n8n', () => {
	const cases: Array<[FailureScenario, string, RegExp, string | undefined]> = [
		[
			'unauthorized-invalid-token',
			'Polar rejected the access token (401)',
			/separate tokens/,
			'401',
		],
		['unauthorized-no-token', 'Polar received no access token (401)', /Access Token/, '401'],
		[
			'forbidden-insufficient-scope',
			'The access token lacks the customer_sessions:write scope (403)',
			/includes the customer_sessions:write scope/,
			'403',
		],
		[
			'conflict-ambiguous-external-id',
			'This external customer ID matches customers in several organizations (409)',
			/Organization ID/,
			'409',
		],
		['rate-limited', 'Polar’s rate limit was reached (429)', /500 requests a minute/, '429'],
		[
			'internal-server-error',
			'Polar is having trouble (500 Internal Server Error)',
			/Internal Server Error/,
			'500',
		],
		[
			'bad-gateway-html',
			'Polar is having trouble (502 Bad Gateway)',
			/The server said: 502 Bad Gateway/,
			'502',
		],
		[
			'service-unavailable',
			'Polar is having trouble (503 Service Unavailable)',
			/temporarily unavailable/,
			'503',
		],
		[
			'gateway-timeout',
			'Polar is having trouble (504 Gateway Timeout)',
			/504 Gateway Time-out/,
			'504',
		],
	];

	it.each(cases)('%s', async (scenario, message, description, httpCode) => {
		polar().failNext(scenario);
		const result = await createSessions(polar(), {
			customer: byExternalId(FIXTURE_EXTERNAL_IDS.ada),
			options: noRetries,
		});
		expect(result.executionError).toMatchObject({ message, httpCode, itemIndex: 0 });
		expect(result.executionError?.description).toMatch(description);
		expect(everything(result)).not.toContain(DEFAULT_TOKEN);
	});

	it('names the external ID of a customer Polar does not know (422)', async () => {
		const result = await createSessions(polar(), { customer: byExternalId('usr_nobody') });
		expect(result.executionError?.message).toBe('No Polar customer with external ID "usr_nobody"');
	});

	it('names the field of any other validation error (422): a team customer without a member', async () => {
		const result = await createSessions(polar(), { customer: byId(FIXTURE_IDS.acmeTeam) });
		expect(result.executionError).toMatchObject({
			httpCode: '422',
			message: expect.stringMatching(/member/),
		});
		expect(result.executionError?.description).toMatch(/Additional Fields/);
	});

	it('says when the wrong token is used, and never shows it', async () => {
		const token = 'polar_oat_wrong_token_for_this_org_123456';
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			credentials: { accessToken: token },
			onError: 'continueRegularOutput',
		});
		expect(result.success[0].json).toEqual({
			message: 'Polar rejected the access token (401)',
			error: expect.objectContaining({ httpCode: '401' }),
		});
		expect(everything(result)).not.toContain(token);
	});

	it('gives up on a server that does not answer within the timeout', async () => {
		polar().failNext('hang');
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			options: { ...noRetries, timeout: 300 },
		});
		// A create that timed out may have been carried out: the message says so first.
		expect(result.executionError?.message).toBe(
			'Polar may have carried out the request, but its answer was lost (no answer within 0.3 s)',
		);
		expect(result.executionError?.description).toMatch(/raise the Timeout option/);
	});

	it('says where it could not connect', async () => {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		await new Promise((resolve) => server.close(resolve));

		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			credentials: { baseUrl: `http://127.0.0.1:${port}` },
			options: noRetries,
		});
		expect(result.executionError?.message).toBe(
			`Could not reach Polar at http://127.0.0.1:${port}: the connection was refused`,
		);
	});

	it('refuses a custom Base URL over plain http to another host, sending nothing', async () => {
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			credentials: { baseUrl: 'http://polar.example.com' },
		});
		expect(result.executionError?.message).toMatch(/^Polar credential: Base URL must use https/);
	});
});

describe('retries', () => {
	it('retries what Polar cannot have acted on (503, 429), then succeeds', async () => {
		polar().failNext('service-unavailable');
		polar().failNext('rate-limited', 1, { retryAfterSeconds: 1 });
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			options: { maxRetries: 2, maxRetryWait: 1 },
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json.customer_id).toBe(FIXTURE_IDS.ada);
		expect(polar().requests).toHaveLength(3);
		expect(polar().sessions).toHaveLength(1);
	});

	it.each(['rate-limited', 'rate-limited-http-date'] as const)(
		'waits as long as Retry-After asks (%s)',
		async (scenario) => {
			polar().failNext(scenario, 1, { retryAfterSeconds: 1 });
			const result = await createSessions(polar(), { customer: byId(FIXTURE_IDS.ada) });
			expect(result.success[0].json.customer_id).toBe(FIXTURE_IDS.ada);
			const [limited, retried] = polar().requests;
			// An HTTP date has whole seconds, so it can ask for a little less than a second.
			const floor = scenario === 'rate-limited' ? 1000 : 0;
			expect(retried.time - limited.time).toBeGreaterThanOrEqual(floor);
		},
	);

	it('gives up when Polar asks to wait longer than Max Retry Wait', async () => {
		polar().failNext('rate-limited', 1, { retryAfterSeconds: 30 });
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			options: { maxRetryWait: 5 },
		});
		expect(result.executionError?.message).toBe('Polar’s rate limit was reached (429)');
		expect(result.executionError?.description).toMatch(/wait 30 s/);
		expect(polar().requests).toHaveLength(1);
	});

	it('never retries a 4xx other than 429', async () => {
		polar().failNext('forbidden-insufficient-scope');
		await createSessions(polar(), { customer: byId(FIXTURE_IDS.ada) });
		expect(polar().requests).toHaveLength(1);
	});

	it('says how often it tried when retries run out', async () => {
		polar().failNext('service-unavailable', 3);
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			options: { maxRetries: 2, maxRetryWait: 1 },
		});
		expect(result.executionError?.description).toMatch(/Tried 3 times/);
		expect(polar().requests).toHaveLength(3);
	});
});
