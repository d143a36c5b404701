// One Base URL rule: for generated credentials, Test connection and the node either both refuse
// before sending anything, with the same sentence, or both send to the same URL, the one
// resolveBaseUrl gives. No generated address is ever contacted: Test connection's and the node's
// HTTP requests are answered in this process, before any connection or DNS lookup.

import fc from 'fast-check';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { readCredential } from '../../nodes/Polar/transport/credential';
import { resolveBaseUrl } from '../../nodes/Polar/transport/servers';
import { runCredentialTest, runNode } from '../../dev/harness';
import { byId } from './fixtures';

const TOKEN = 'polar_oat_property_test_token_0123456789';
const CUSTOMER_ID = '992fae2a-2a17-4b7a-8d9e-e287cf90131b';
const PROBE_PATH = '/v1/customer-sessions/';

const customerMissing = {
	error: 'RequestValidationError',
	detail: [{ loc: ['body', 'customer_id'], msg: 'Customer does not exist.', type: 'value_error' }],
};

async function credentialTest(credentials: Record<string, string>) {
	const sent: Array<{ url: string; headers: Record<string, string> }> = [];
	const result = await runCredentialTest({
		credentialType: new PolarApi(),
		nodeType: new Polar(),
		credentials,
		interceptRequests: async (request) => {
			sent.push({ url: String(request.uri), headers: request.headers as Record<string, string> });
			return {
				statusCode: 422,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(customerMissing),
			};
		},
	});
	return { result, sent };
}

async function nodeRun(credentials: Record<string, string>) {
	const sent: IHttpRequestOptions[] = [];
	const result = await runNode({
		nodeType: new Polar(),
		credentialTypes: [new PolarApi()],
		credentials: { polarApi: credentials },
		parameters: {
			resource: 'customerSession',
			operation: 'create',
			customer: byId(CUSTOMER_ID),
			simplify: false,
			options: { retryOnFailure: false },
		},
		items: [{}],
		interceptRequests: async (request) => {
			sent.push(request);
			return { statusCode: 201, headers: {}, body: { id: 'session', customer_id: CUSTOMER_ID } };
		},
	});
	return { result, sent };
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

/** Mostly the usual (the first value), sometimes one of the others. */
const usually = <T>(usual: T, ...others: T[]) =>
	fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: pick(...others) });

/** Base URLs as people type them, typos and tricks included. */
const typedBaseUrl = fc
	.record({
		lead: usually('', ' ', '\n'),
		scheme: fc.oneof(
			pick('https', 'http'),
			usually('https', 'HTTPS', 'Http', 'ftp', 'javascript', ''),
		),
		separator: usually('://', ':/', ':\\\\', ':', '//', ':///', ':\\/'),
		userInfo: usually('', 'u@', 'u:p@', '@', ':@'),
		host: fc.oneof(
			pick(
				'localhost',
				'LocalHost',
				'127.0.0.1',
				'127.1',
				'127.0.0.255',
				'0x7f.1',
				'2130706433',
				'[::1]',
				'[0:0:0:0:0:0:0:1]',
				'[::ffff:127.0.0.1]',
				'0',
				'0.0.0.0',
				'10.0.0.1',
				'api.polar.sh',
				'polar.example.com',
				'localhost.evil.com',
				'api.localhost',
				'bücher.example',
				'ex ample.com',
				'%6cocalhost',
				'',
			),
			fc.domain(),
		),
		port: fc.oneof(pick('', ':8000'), usually('', ':443', ':80', ':0', ':65536', ':')),
		path: fc.array(
			usually('/api', '/v1', '/', '//', '/a b', '/%2e%2e', '/..', '/ü', '\\x', '/;x'),
			{
				maxLength: 3,
			},
		),
		query: usually('', '?', '?a=1'),
		fragment: usually('', '#', '#x'),
		trail: fc.oneof(pick('', '/'), usually('', '//', ' ', '\t')),
	})
	.map(
		(p) =>
			p.lead +
			p.scheme +
			p.separator +
			p.userInfo +
			p.host +
			p.port +
			p.path.join('') +
			p.query +
			p.fragment +
			p.trail,
	);

const baseUrl = fc.oneof(
	{ weight: 6, arbitrary: typedBaseUrl },
	{
		weight: 2,
		arbitrary: fc.webUrl({
			validSchemes: ['http', 'https'],
			withQueryParameters: true,
			withFragments: true,
		}),
	},
	{ weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const credentials = fc
	.record({
		environment: fc.oneof(
			{ weight: 8, arbitrary: fc.constant('custom') },
			{ weight: 1, arbitrary: pick('production', 'sandbox') },
		),
		baseUrl,
		accessToken: fc.oneof(
			{ weight: 9, arbitrary: fc.constant(TOKEN) },
			{ weight: 1, arbitrary: fc.constant(`${TOKEN}\u2026`) },
		),
		organizationId: fc.oneof(
			{ weight: 4, arbitrary: fc.constant('') },
			{ weight: 2, arbitrary: fc.uuid({ version: 4 }) },
			{ weight: 1, arbitrary: fc.uuid({ version: 4 }).map((id) => ` ${id.toUpperCase()} `) },
			{ weight: 1, arbitrary: fc.uuid() },
			{ weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
		),
	})
	// n8n reads a credential value that starts with "=" as an expression, not as typed text.
	.filter((c) => !c.baseUrl.startsWith('=') && !c.organizationId.startsWith('='));

describe('Test connection and the node accept and refuse the same credentials', () => {
	it('for generated Base URLs and Organization IDs: both refuse before sending, or both send to resolveBaseUrl’s URL', async () => {
		let sentCount = 0;
		let refusedCount = 0;
		await fc.assert(
			fc.asyncProperty(credentials, async (input) => {
				const expected = readCredential(input);
				const test = await credentialTest(input);
				const node = await nodeRun(input);

				if ('problem' in expected) {
					refusedCount++;
					expect(test.sent).toEqual([]);
					expect(node.sent).toEqual([]);
					expect(test.result).toEqual({ status: 'Error', message: expected.problem });
					expect(node.result.executionError?.message).toBe(`Polar credential: ${expected.problem}`);
					return;
				}
				sentCount++;
				const resolved = resolveBaseUrl(input);
				expect(resolved).toEqual({ baseUrl: expected.baseUrl });
				const url = `${expected.baseUrl}${PROBE_PATH}`;
				expect(test.result.status).toBe('OK');
				expect(test.sent.map((request) => request.url)).toEqual([url]);
				expect(node.sent.map((request) => request.url)).toEqual([url]);
				expect(node.result.status).toBe('success');
				// Polar reads no organization header, whatever the Organization ID.
				expect(test.sent[0].headers).not.toHaveProperty('Polar-Organization');
				expect(node.sent[0].headers as IDataObject).not.toHaveProperty('Polar-Organization');
			}),
			{ numRuns: 300 },
		);
		// The generators reach both sides of the rule.
		expect(sentCount).toBeGreaterThan(30);
		expect(refusedCount).toBeGreaterThan(30);
	}, 120_000);
});
