import { FIXTURE_EXTERNAL_IDS, FIXTURE_IDS } from '../../../dev/polar-double';
import {
	byExternalId,
	byId,
	jsonOf,
	lacksScope,
	NOBODY,
	REJECTED_TOKEN,
	runCustomer,
	TOKENS,
	useCustomerDouble,
} from './fixtures';

const polar = useCustomerDouble();

const seeded = (id: string) => polar().customers.find((customer) => customer.id === id);

describe('Customer → Get, in n8n’s engine against the Polar double', () => {
	it('gets a customer By ID: the whole customer, as Polar holds it', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byId(FIXTURE_IDS.ada) },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([seeded(FIXTURE_IDS.ada)]);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		const [request] = polar().requests;
		expect([request.method, request.path, request.body]).toEqual([
			'GET',
			`/v1/customers/${FIXTURE_IDS.ada}`,
			undefined,
		]);
	});

	it('gets a customer By External ID, on Polar’s external path', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId(FIXTURE_EXTERNAL_IDS.acmeTeam) },
		});
		expect(jsonOf(result.success)).toEqual([seeded(FIXTURE_IDS.acmeTeam)]);
		expect(polar().requests[0].path).toBe('/v1/customers/external/team_acme');
	});

	it('encodes an external ID that has characters a path cannot hold', async () => {
		const created = await runCustomer(polar(), 'create', {
			parameters: { email: 'odd@example.com', additionalFields: { externalId: 'org 42 #a?b%' } },
		});
		expect(created.executionError).toBeUndefined();
		polar().reset();

		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId('org 42 #a?b%') },
		});
		expect(result.success[0].json).toMatchObject({
			id: created.success[0].json.id,
			external_id: 'org 42 #a?b%',
		});
		expect(polar().requests[0].path).toBe('/v1/customers/external/org%2042%20%23a%3Fb%25');
	});

	it('refuses an external ID with a slash, which Polar decodes into another path, sending nothing', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId('org/42') },
		});
		expect(result.executionError?.message).toBe(
			'Customer (Ext. ID) "org/42" contains "/", which Polar cannot look up in a path [item 0]',
		);
		expect(result.executionError?.description).toMatch(/By ID/);
		expect(polar().requests).toHaveLength(0);
	});

	it('takes the customer picked From List, and one customer per item', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: { __rl: true, mode: 'list', value: '={{ $json.id }}' } },
			items: [{ id: FIXTURE_IDS.grace }, { id: FIXTURE_IDS.alan }],
		});
		expect(jsonOf(result.success).map((c) => c.name)).toEqual(['Grace Hopper', 'Alan Turing']);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('reads with a token that has only customers:read', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byId(FIXTURE_IDS.grace) },
			token: TOKENS.read,
		});
		expect(result.success[0].json.id).toBe(FIXTURE_IDS.grace);
	});
});

describe('Polar’s errors for Get', () => {
	it('an unknown ID (404): names the ID', async () => {
		const result = await runCustomer(polar(), 'get', { parameters: { customer: byId(NOBODY) } });
		expect(result.executionError).toMatchObject({
			message: `No Polar customer with ID "${NOBODY}"`,
			description: expect.stringMatching(/environment \(sandbox or production\)/),
			httpCode: '404',
			itemIndex: 0,
		});
	});

	it('an unknown external ID (404): names the external ID', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId('usr_nobody') },
		});
		expect(result.executionError).toMatchObject({
			message: 'No Polar customer with external ID "usr_nobody"',
			httpCode: '404',
		});
	});

	it('a rejected token (401)', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byId(FIXTURE_IDS.ada) },
			token: TOKENS.unknown,
		});
		expect(result.executionError).toMatchObject({ message: REJECTED_TOKEN, httpCode: '401' });
	});

	it('a token without a customers scope (403): names the scopes that would do', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byId(FIXTURE_IDS.ada) },
			token: TOKENS.sessionsOnly,
		});
		// Polar's challenge lists every scope that would do: customers:read or customers:write.
		expect(result.executionError).toMatchObject({
			message: lacksScope('customers:read or customers:write'),
			httpCode: '403',
		});
	});
});

describe('bad input is caught before any request', () => {
	it.each([
		[
			'an ID from an expression that is not a UUID',
			byId('={{ $json.id }}'),
			'Customer (By ID) "usr_ada" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b)',
		],
		['an empty external ID', byExternalId('={{ $json.none }}'), 'Customer (Ext. ID) is empty'],
	])('%s', async (_name, customer, message) => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer },
			items: [{ id: 'usr_ada' }],
		});
		expect(result.executionError).toMatchObject({ message: `${message} [item 0]`, itemIndex: 0 });
		expect(polar().requests).toEqual([]);
	});
});

describe('On Error: Continue keeps one output item per input item', () => {
	it('a found customer, a missing one and bad input, each in place and paired', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byId('={{ $json.id }}') },
			items: [{ id: FIXTURE_IDS.ada }, { id: NOBODY }, { id: 'usr_ada' }],
			onError: 'continueRegularOutput',
		});
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		const [found, missing, bad] = jsonOf(result.success);
		expect(found.id).toBe(FIXTURE_IDS.ada);
		const missingMessage = `No Polar customer with ID "${NOBODY}"`;
		expect(missing).toEqual({
			message: missingMessage,
			error: { message: missingMessage, description: expect.any(String), httpCode: '404' },
		});
		expect(bad.message).toMatch(/^Customer \(By ID\) "usr_ada" is not a Polar ID.*\[item 2\]$/);
		expect(polar().requests).toHaveLength(2);
	});
});
