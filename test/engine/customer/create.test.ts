import type { IDataObject } from 'n8n-workflow';

import { validateCustomer } from '../../../dev/polar-double';
import {
	byExternalId,
	jsonOf,
	lacksScope,
	REJECTED_TOKEN,
	runCustomer,
	TOKENS,
	useCustomerDouble,
} from './fixtures';

const polar = useCustomerDouble();

const entries = (pairs: Array<[string, string]>) => ({
	entries: pairs.map(([key, value]) => ({ key, value })),
});

describe('Customer → Create, in n8n’s engine against the Polar double', () => {
	it('creates an individual customer with every field and outputs what Polar returned', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: {
				customerType: 'individual',
				email: 'nathan@example.com',
				additionalFields: {
					name: 'Nathan Smith',
					externalId: 'usr_create_1',
					locale: 'en-US',
					taxId: 'FR40303265045',
					metadata: entries([
						['plan', 'pro'],
						['seats', '3'],
					]),
					billingAddress: {
						address: {
							country: 'fr',
							line1: '1 Rue de Rivoli',
							city: 'Paris',
							postalCode: '75001',
						},
					},
				},
			},
		});

		expect(result.executionError).toBeUndefined();
		expect(result.success).toHaveLength(1);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		const customer = result.success[0].json;
		expect(validateCustomer(customer)).toEqual([]);
		expect(customer).toMatchObject({
			type: 'individual',
			email: 'nathan@example.com',
			name: 'Nathan Smith',
			external_id: 'usr_create_1',
			locale: 'en-US',
			metadata: { plan: 'pro', seats: '3' },
			billing_address: { country: 'FR', city: 'Paris' },
		});

		const [request] = polar().requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/customers/');
		// The country upper-cased, metadata values as text, unset fields left out.
		expect(request.body).toEqual({
			type: 'individual',
			email: 'nathan@example.com',
			name: 'Nathan Smith',
			external_id: 'usr_create_1',
			locale: 'en-US',
			tax_id: 'FR40303265045',
			metadata: { plan: 'pro', seats: '3' },
			billing_address: {
				country: 'FR',
				line1: '1 Rue de Rivoli',
				postal_code: '75001',
				city: 'Paris',
			},
		});

		// Polar now holds it: it can be read back By External ID.
		const read = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId('usr_create_1') },
		});
		expect(read.success[0].json.id).toBe(customer.id);
	});

	it('sends only the email for a customer with no other field', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: '  only.email@example.com ' },
		});
		expect(result.success[0].json).toMatchObject({
			email: 'only.email@example.com',
			name: null,
			external_id: null,
		});
		expect(polar().requests[0].body).toEqual({
			type: 'individual',
			email: 'only.email@example.com',
		});
	});

	it('creates a team customer with its owner member', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: {
				customerType: 'team',
				owner: {
					member: { email: 'owner@team.example', name: 'Olive Owner', externalId: 'usr_owner_1' },
				},
				additionalFields: { name: 'Team Example', externalId: 'team_example' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			type: 'team',
			name: 'Team Example',
			external_id: 'team_example',
		});
		expect(polar().requests[0].body).toEqual({
			type: 'team',
			name: 'Team Example',
			external_id: 'team_example',
			owner: { email: 'owner@team.example', name: 'Olive Owner', external_id: 'usr_owner_1' },
		});
	});

	it('creates one customer per item from expressions, in order and paired', async () => {
		const people = ['a', 'b', 'c'].map((n) => ({
			email: `${n}@batch.example`,
			id: `usr_batch_${n}`,
		}));
		const result = await runCustomer(polar(), 'create', {
			parameters: {
				email: '={{ $json.email }}',
				additionalFields: { externalId: '={{ $json.id }}' },
			},
			items: people,
		});
		expect(jsonOf(result.success).map((c) => [c.email, c.external_id])).toEqual(
			people.map((p) => [p.email, p.id]),
		);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(polar().requests).toHaveLength(3);
	});
});

describe('Polar’s errors for Create', () => {
	it('a taken email (422): says which email', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: 'ada@example.com' },
		});
		expect(result.executionError).toMatchObject({
			message: 'A customer with this email already exists: "ada@example.com"',
			description: expect.stringMatching(/Find the existing customer with Get or Get Many/),
			httpCode: '422',
			itemIndex: 0,
		});
		expect(polar().requests).toHaveLength(1);
	});

	it('a taken external ID (422): says which external ID', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: 'new.ada@example.com', additionalFields: { externalId: 'usr_ada' } },
		});
		expect(result.executionError).toMatchObject({
			message: 'A customer with this external ID already exists: "usr_ada"',
			httpCode: '422',
		});
	});

	it('a rejected token (401)', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: 'x401@example.com' },
			token: TOKENS.unknown,
		});
		expect(result.executionError).toMatchObject({ message: REJECTED_TOKEN, httpCode: '401' });
		expect(result.executionError?.description).not.toContain(TOKENS.unknown);
	});

	it.each([
		['read-only', TOKENS.read],
		['sessions-only', TOKENS.sessionsOnly],
	])('a %s token (403): names customers:write', async (_name, token) => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: 'x403@example.com' },
			token,
		});
		expect(result.executionError).toMatchObject({
			message: lacksScope('customers:write'),
			httpCode: '403',
		});
		expect(result.executionError?.description).toMatch(/includes the customers:write scope/);
	});

	it('Stop after a success: the error says which items Polar already created', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: '={{ $json.email }}', options: { concurrency: 1 } },
			items: [{ email: 'first.stop@example.com' }, { email: 'grace.hopper@example.org' }],
		});
		expect(result.executionError).toMatchObject({
			message: 'A customer with this email already exists: "grace.hopper@example.org"',
			itemIndex: 1,
		});
		expect(result.executionError?.description).toContain(
			'Before the node stopped, Polar completed item 0 (customer first.stop@example.com).',
		);
	});
});

describe('bad input is caught before any request', () => {
	const tooMany = entries(Array.from({ length: 51 }, (_, n) => [`k${n}`, 'v']));
	const cases: Array<[string, IDataObject, string]> = [
		['an invalid email', { email: 'not-an-email' }, 'Email "not-an-email" is not an email address'],
		[
			'more than 50 metadata pairs',
			{ email: 'm@example.com', additionalFields: { metadata: tooMany } },
			'Metadata has 51 pairs; Polar stores at most 50',
		],
		[
			'a metadata key over 40 characters',
			{ email: 'm@example.com', additionalFields: { metadata: entries([['k'.repeat(41), 'v']]) } },
			`Metadata key "${'k'.repeat(41)}" is 41 characters long; Polar accepts at most 40`,
		],
		[
			'a metadata value over 500 characters',
			{
				email: 'm@example.com',
				additionalFields: { metadata: entries([['plan', 'v'.repeat(501)]]) },
			},
			'Metadata value of "plan" is 501 characters long; Polar accepts at most 500',
		],
		[
			'a metadata key set twice',
			{
				email: 'm@example.com',
				additionalFields: {
					metadata: entries([
						['plan', 'pro'],
						['plan', 'free'],
					]),
				},
			},
			'Metadata key "plan" is set twice',
		],
		[
			'an empty metadata value',
			{ email: 'm@example.com', additionalFields: { metadata: entries([['plan', ' ']]) } },
			'Metadata value of "plan" is empty',
		],
		[
			'an empty metadata key',
			{ email: 'm@example.com', additionalFields: { metadata: entries([['', 'pro']]) } },
			'Metadata key is empty',
		],
		[
			'a country that is not an ISO code',
			{
				email: 'm@example.com',
				additionalFields: { billingAddress: { address: { country: 'XX', city: 'Nowhere' } } },
			},
			'Billing Address country "XX" is not a two-letter ISO 3166-1 country code, e.g. US',
		],
		[
			'a locale that is not a language tag',
			{ email: 'm@example.com', additionalFields: { locale: 'en_US' } },
			'Locale "en_US" is not a language tag such as en, en-US or fr-CA',
		],
		[
			'a name over 256 characters',
			{ email: 'm@example.com', additionalFields: { name: 'n'.repeat(257) } },
			'Name is 257 characters long; Polar accepts at most 256',
		],
		[
			'a team without an owner email',
			{ customerType: 'team', owner: {}, additionalFields: { name: 'No Owner Ltd' } },
			'Owner needs an email: a team customer is created with its owner member',
		],
		[
			'a team whose owner email is invalid',
			{ customerType: 'team', owner: { member: { email: 'owner-at-example' } } },
			'Owner email "owner-at-example" is not an email address',
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		const result = await runCustomer(polar(), 'create', { parameters });
		expect(result.executionError).toMatchObject({
			message: `${message} [item 0]`,
			itemIndex: 0,
		});
		expect(polar().requests).toEqual([]);
	});

	it('stops a batch before sending anything when a later item is bad', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: '={{ $json.email }}' },
			items: [{ email: 'fine.1@example.com' }, { email: 'fine.2@example.com' }, { email: 'nope' }],
		});
		expect(result.executionError).toMatchObject({
			message: 'Email "nope" is not an email address [item 2]',
			itemIndex: 2,
		});
		expect(polar().requests).toEqual([]);
	});
});

describe('On Error settings: every item ends as exactly one output item', () => {
	// A new customer, a taken email (Polar's 422), bad input, another new customer.
	const items = [
		{ email: 'continue.1@example.com' },
		{ email: 'ada@example.com' },
		{ email: 'not an email' },
		{ email: 'continue.2@example.com' },
	];

	it('Continue: the error takes the item’s place on the success output', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: '={{ $json.email }}' },
			items,
			onError: 'continueRegularOutput',
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		const [first, taken, bad, last] = jsonOf(result.success);
		expect(first).toMatchObject({ email: 'continue.1@example.com', type: 'individual' });
		const takenMessage = 'A customer with this email already exists: "ada@example.com"';
		expect(taken).toEqual({
			message: takenMessage,
			error: {
				message: takenMessage,
				description: expect.stringMatching(/update it instead/),
				httpCode: '422',
			},
		});
		expect(bad).toEqual({
			message: 'Email "not an email" is not an email address [item 2]',
			error: expect.objectContaining({ httpCode: null }),
		});
		expect(last).toMatchObject({ email: 'continue.2@example.com' });
		// The bad item was never sent.
		expect(
			polar()
				.requests.map((r) => (r.body as { email: string }).email)
				.sort(),
		).toEqual(['ada@example.com', 'continue.1@example.com', 'continue.2@example.com']);
	});

	it('Continue (using error output): failures go to the error output, paired', async () => {
		const fresh = items.map((item, n) =>
			n === 0 || n === 3 ? { email: `errout.${n}@example.com` } : item,
		);
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: '={{ $json.email }}' },
			items: fresh,
			onError: 'continueErrorOutput',
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.email])).toEqual([
			[{ item: 0 }, 'errout.0@example.com'],
			[{ item: 3 }, 'errout.3@example.com'],
		]);
		expect(result.error.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[{ item: 1 }, 'A customer with this email already exists: "ada@example.com"'],
			[{ item: 2 }, 'Email "not an email" is not an email address [item 2]'],
		]);
	});
});
