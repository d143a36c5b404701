import { FIXTURE_IDS, seedCustomers } from '../../../dev/polar-double';
import {
	jsonOf,
	lacksScope,
	manyCustomers,
	REJECTED_TOKEN,
	runCustomer,
	TOKENS,
	useCustomerDouble,
} from './fixtures';

// The four seeded customers and 250 more: Return All takes three pages of 100.
const polar = useCustomerDouble({ customers: [...seedCustomers(), ...manyCustomers(250)] });

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);
// Pages after the first go at once and may arrive in any order: listed by page.
const queries = () =>
	polar()
		.requests.map((request) => request.query)
		.sort((a, b) => Number(a.page) - Number(b.page));

describe('Customer → Get Many, in n8n’s engine against the Polar double', () => {
	it('Return All: every customer over every page, newest first, one item each', async () => {
		const result = await runCustomer(polar(), 'getAll', { parameters: { returnAll: true } });
		expect(result.executionError).toBeUndefined();
		expect(result.success).toHaveLength(254);
		expect(ids(result.success)).toEqual(polar().customers.map((customer) => customer.id));
		expect(result.success[0].json).toEqual(polar().customers[0]);
		// Every output item comes from the one input item.
		expect(new Set(result.success.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);
		expect(polar().requests.map((r) => [r.method, r.path])).toEqual(
			Array(3).fill(['GET', '/v1/customers/']),
		);
		expect(queries()).toEqual([
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
			{ page: '3', limit: '100' },
		]);
	});

	it('Limit: asks for no more than it needs', async () => {
		const result = await runCustomer(polar(), 'getAll', { parameters: { limit: 5 } });
		expect(ids(result.success)).toEqual(
			polar()
				.customers.slice(0, 5)
				.map((c) => c.id),
		);
		expect(queries()).toEqual([{ page: '1', limit: '5' }]);
	});

	it('Limit over a page: pages of 100 until the limit is reached', async () => {
		const result = await runCustomer(polar(), 'getAll', { parameters: { limit: 150 } });
		expect(ids(result.success)).toEqual(
			polar()
				.customers.slice(0, 150)
				.map((c) => c.id),
		);
		expect(queries()).toEqual([
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
		]);
	});

	it('Limit defaults to 50', async () => {
		const result = await runCustomer(polar(), 'getAll');
		expect(result.success).toHaveLength(50);
		expect(queries()).toEqual([{ page: '1', limit: '50' }]);
	});

	it('filters by email', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { filters: { email: 'ada@example.com' } },
		});
		expect(ids(result.success)).toEqual([FIXTURE_IDS.ada]);
		expect(queries()).toEqual([{ email: 'ada@example.com', page: '1', limit: '50' }]);
	});

	it('filters by search text, on every page', async () => {
		// usr_many_1, usr_many_10…19 and usr_many_100…199.
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { query: 'usr_many_1' } },
		});
		expect(result.success).toHaveLength(111);
		expect(
			jsonOf(result.success).every((c) => String(c.external_id).startsWith('usr_many_1')),
		).toBe(true);
		expect(queries()).toEqual([
			{ query: 'usr_many_1', page: '1', limit: '100' },
			{ query: 'usr_many_1', page: '2', limit: '100' },
		]);
	});

	it('filters by metadata, sent as metadata[key]=value', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: {
				filters: {
					metadata: {
						entries: [
							{ key: 'plan', value: 'pro' },
							{ key: 'seats', value: '3' },
						],
					},
				},
			},
		});
		expect(ids(result.success)).toEqual([FIXTURE_IDS.ada]);
		expect(queries()).toEqual([
			{ 'metadata[plan]': 'pro', 'metadata[seats]': '3', page: '1', limit: '50' },
		]);
	});

	it('an item yields many output items, all paired to it', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: {
				limit: 3,
				filters: { metadata: { entries: [{ key: 'cohort', value: '={{ $json.cohort }}' }] } },
			},
			items: [{ cohort: '0' }, { cohort: '2' }],
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.metadata])).toEqual([
			[{ item: 0 }, { cohort: '0' }],
			[{ item: 0 }, { cohort: '0' }],
			[{ item: 0 }, { cohort: '0' }],
			[{ item: 1 }, { cohort: '2' }],
			[{ item: 1 }, { cohort: '2' }],
			[{ item: 1 }, { cohort: '2' }],
		]);
	});

	it('no match: no output item, and the run succeeds', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { email: 'nobody@example.com' } },
		});
		expect(result.executionError).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.success).toEqual([]);
		expect(queries()).toHaveLength(1);
	});

	it('reads with a token that has only customers:read', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { limit: 2 },
			token: TOKENS.read,
		});
		expect(result.success).toHaveLength(2);
	});
});

describe('Polar’s errors for Get Many', () => {
	it('a rejected token (401)', async () => {
		const result = await runCustomer(polar(), 'getAll', { token: TOKENS.unknown });
		expect(result.executionError).toMatchObject({ message: REJECTED_TOKEN, httpCode: '401' });
	});

	it('a token without a customers scope (403)', async () => {
		const result = await runCustomer(polar(), 'getAll', { token: TOKENS.sessionsOnly });
		expect(result.executionError).toMatchObject({
			message: lacksScope('customers:read or customers:write'),
			httpCode: '403',
		});
	});
});

describe('bad input is caught before any request', () => {
	it.each([
		[
			'an email filter that is not an email',
			{ filters: { email: 'ada' } },
			'Filters → Email "ada" is not an email address',
		],
		[
			'an empty metadata filter value',
			{ filters: { metadata: { entries: [{ key: 'plan', value: '' }] } } },
			'Filters → Metadata value of "plan" is empty',
		],
		[
			'a metadata filter key over 40 characters',
			{ filters: { metadata: { entries: [{ key: 'k'.repeat(41), value: 'v' }] } } },
			`Filters → Metadata key "${'k'.repeat(41)}" is 41 characters long; Polar accepts at most 40`,
		],
		[
			'a Limit that is not a whole number',
			{ limit: '={{ 2.5 }}' },
			'Limit is 2.5; give a whole number of 1 or more',
		],
		['a Limit of 0', { limit: '={{ 0 }}' }, 'Limit is 0; give a whole number of 1 or more'],
	])('%s', async (_name, parameters, message) => {
		const result = await runCustomer(polar(), 'getAll', { parameters });
		expect(result.executionError).toMatchObject({ message: `${message} [item 0]`, itemIndex: 0 });
		expect(polar().requests).toEqual([]);
	});
});

describe('On Error: Continue', () => {
	it('a bad item becomes one error item, paired; the other item’s results follow, paired', async () => {
		const result = await runCustomer(polar(), 'getAll', {
			parameters: { filters: { email: '={{ $json.email }}' } },
			items: [{ email: 'not-an-email' }, { email: 'grace.hopper@example.org' }],
			onError: 'continueRegularOutput',
		});
		expect(
			result.success.map((item) => [item.pairedItem, item.json.message ?? item.json.id]),
		).toEqual([
			[{ item: 0 }, 'Filters → Email "not-an-email" is not an email address [item 0]'],
			[{ item: 1 }, FIXTURE_IDS.grace],
		]);
		expect(polar().requests).toHaveLength(1);
	});
});
