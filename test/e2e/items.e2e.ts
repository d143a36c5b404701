// Items through the node in a real n8n, on every n8n version of versions.ts: batches in both
// customer modes, each On Error mode, bad input. Workflows: workflows/batch.json, on-error.json,
// stop-on-*.json.

import { FIXTURE_IDS } from '../../dev/polar-double';
import { items, pairedWith, sessionBodies } from './assertions';
import { filesContaining, startStack, TOKENS, type Stack } from './stack';
import { N8N_VERSIONS } from './versions';

const NOBODY = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d'; // a well-formed ID Polar doesn't know
const SIMPLIFIED = [
	'customer_email',
	'customer_external_id',
	'customer_id',
	'customer_name',
	'customer_portal_url',
	'expires_at',
	'id',
	'return_url',
	'token',
];
const SESSION = [
	'created_at',
	'customer',
	'customer_id',
	'customer_portal_url',
	'expires_at',
	'id',
	'modified_at',
	'return_url',
	'token',
];
const NOT_A_UUID =
	'Customer (By ID) "not-a-uuid" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b)';
const BAD_URL =
	'Return URL "not a url" is not an absolute http(s) URL, e.g. https://example.com/account';
const NO_CUSTOMER = `No Polar customer with ID "${NOBODY}"`;

type Input = { id: string; externalId: string; returnUrl?: string; memberId?: string };

describe.each(N8N_VERSIONS)('n8n %s', (version) => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await startStack(version);
	}, 300_000);
	afterAll(async () => {
		await stack?.stop();
	});

	test('a batch By ID and By External ID: one session per item, in order, paired to its input', async () => {
		const run = await stack.execute('e2eBatch00000001');
		expect(run.status).toBe('success');
		const input = items(run, 'Customers').map((item) => item.json as Input);
		const expectedReturnUrl = (each: Input) =>
			each.returnUrl ? new URL(each.returnUrl).href : null;

		// Simplify on, 3 requests in flight: still one output per input, in the input's order.
		const byId = items(run, 'By ID');
		expect(pairedWith(byId)).toEqual([0, 1, 2, 3, 4]);
		byId.forEach(({ json }, index) => {
			expect(Object.keys(json).sort()).toEqual(SIMPLIFIED);
			expect(json).toMatchObject({
				customer_id: input[index].id,
				customer_external_id: input[index].externalId,
				return_url: expectedReturnUrl(input[index]),
			});
			expect(json.token).toMatch(input[index].memberId ? /^polar_mst_/ : /^polar_cst_/);
			expect(json.customer_portal_url).toContain(json.token);
		});

		// Simplify off: the whole session, with its customer.
		const byExternalId = items(run, 'By External ID');
		expect(pairedWith(byExternalId)).toEqual([0, 1, 2, 3, 4]);
		byExternalId.forEach(({ json }, index) => {
			expect(Object.keys(json).sort()).toEqual(SESSION);
			expect(json.customer).toMatchObject({ external_id: input[index].externalId });
			expect(json.return_url).toBe(expectedReturnUrl(input[index]));
		});

		// Ten distinct sessions, each one Polar created: the double's.
		const ids = [...byId, ...byExternalId].map(({ json }) => json.id);
		expect(new Set(ids).size).toBe(10);
		expect(stack.double.sessions.map((session) => session.id).sort()).toEqual([...ids].sort());

		// What Polar received: one request per item, the fields set and nothing else.
		const bodies = sessionBodies(stack.double.requests);
		expect(bodies.filter((body) => 'customer_id' in body)).toEqual(
			expect.arrayContaining(
				input.map((each) => ({
					customer_id: each.id,
					// Sent as a URI: WHATWG's serialization, e.g. a bare origin gains its slash.
					...(each.returnUrl && { return_url: expectedReturnUrl(each) }),
					...(each.memberId && { member_id: each.memberId }),
				})),
			),
		);
		expect(bodies.filter((body) => 'external_customer_id' in body)).toEqual([
			{ external_customer_id: 'usr_ada', return_url: 'https://example.com/account' },
			{ external_customer_id: 'usr_grace' },
			{
				external_customer_id: 'team_acme',
				external_member_id: 'acme_member',
				return_url: 'https://example.com/',
			},
			{
				external_customer_id: 'usr_ada',
				return_url: 'https://shop.example.com/billing?tab=plan',
			},
			{ external_customer_id: 'usr_grace' },
		]);
		expect(bodies).toHaveLength(10);
		expect(stack.double.violations).toEqual([]);
	});

	test('On Error: Continue keeps every item in place; Continue (using error output) splits them', async () => {
		const run = await stack.execute('e2eOnError000001');
		expect(run.status).toBe('success');

		// Items 1 and 2 are bad input, item 3 a customer Polar doesn't know. The message and the
		// HTTP status are fields the next node can read.
		const notAUuid = {
			message: `${NOT_A_UUID} [item 1]`,
			description: 'To use the ID from your own system, choose Ext. ID instead.',
			httpCode: null,
		};
		const badUrl = { message: `${BAD_URL} [item 2]`, description: null, httpCode: null };
		const noCustomer = {
			message: NO_CUSTOMER,
			description:
				'Check the customer ID, and that the credential points at the environment (sandbox or production) and organization the customer belongs to.',
			httpCode: '422',
		};
		// Continue (using error output): failed items on the error output, the others on the
		// success output, each in input order.
		const succeeded = items(run, 'Error output', 0);
		const failed = items(run, 'Error output', 1);
		expect(pairedWith(succeeded)).toEqual([0, 4]);
		expect(succeeded.map(({ json }) => json.customer_id)).toEqual([
			FIXTURE_IDS.ada,
			FIXTURE_IDS.alan,
		]);
		expect(pairedWith(failed)).toEqual([1, 2, 3]);
		// n8n merges the input item into each failed one, so a workflow can tell which failed.
		expect(failed.map(({ json }) => json)).toEqual([
			{ id: 'not-a-uuid', message: notAUuid.message, error: notAUuid },
			{ id: FIXTURE_IDS.grace, returnUrl: 'not a url', message: badUrl.message, error: badUrl },
			{ id: NOBODY, message: NO_CUSTOMER, error: noCustomer },
		]);

		// Continue: every item in its input position.
		const continued = items(run, 'Continue');
		expect(pairedWith(continued)).toEqual([0, 1, 2, 3, 4]);
		expect(continued[0].json.customer_id).toBe(FIXTURE_IDS.ada);
		expect(continued[1].json).toEqual({ message: notAUuid.message, error: notAUuid });
		expect(continued[2].json).toEqual({ message: badUrl.message, error: badUrl });
		expect(continued[3].json).toEqual({ message: NO_CUSTOMER, error: noCustomer });
		expect(continued[4].json.customer_id).toBe(FIXTURE_IDS.alan);

		// Bad input never reached Polar: per node, only items 0, 3 and 4 were sent.
		const sent = sessionBodies(stack.double.requests).map((body) => body.customer_id);
		expect(sent.sort()).toEqual(
			[FIXTURE_IDS.ada, NOBODY, FIXTURE_IDS.alan, FIXTURE_IDS.ada, NOBODY, FIXTURE_IDS.alan].sort(),
		);
	});

	test('On Error: Stop Workflow fails the run with the failed item’s error', async () => {
		const run = await stack.execute('e2eStopOnApiErr1');
		expect(run.status).toBe('error');
		expect(run.data.resultData.error).toMatchObject({
			message: NO_CUSTOMER,
			httpCode: '422',
			node: { name: 'Create session' },
		});
		// One request at a time: the item after the failed one is never sent.
		expect(sessionBodies(stack.double.requests)).toEqual([
			{ customer_id: FIXTURE_IDS.ada },
			{ customer_id: NOBODY },
		]);
	});

	test('bad input stops the node before any request reaches Polar', async () => {
		const run = await stack.execute('e2eStopBadInput1');
		expect(run.status).toBe('error');
		expect(run.data.resultData.error?.message).toBe(`${BAD_URL} [item 1]`);
		expect(stack.double.requests).toEqual([]);
	});

	test('the access token is in nothing n8n printed or stored', async () => {
		await stack.n8n.stop();
		// The checks do see n8n's output and database (or its write-ahead log): what is meant to
		// be there, the credential's name and the sessions of the runs, is found.
		expect(stack.transcript.join('\n')).toContain('polar_cst_');
		expect(filesContaining(stack.userFolder, 'Polar (e2e)').join()).toMatch(/database\.sqlite/);
		expect(filesContaining(stack.userFolder, 'polar_cst_').join()).toMatch(/database\.sqlite/);

		expect(stack.transcript.join('\n')).not.toContain(TOKENS.good);
		expect(filesContaining(stack.userFolder, TOKENS.good)).toEqual([]);
	});
});
