import type { IDataObject } from 'n8n-workflow';

import { FIXTURE_EXTERNAL_IDS, FIXTURE_IDS } from '../../../dev/polar-double';
import { jsonOf, runCustomer, useCustomerDouble } from './fixtures';

const polar = useCustomerDouble();

/** Each request the node sent: method, path and the status the double answered. */
const sent = () => polar().requests.map((r) => `${r.method} ${r.path} → ${r.status}`);

/** The customers Polar holds whose name, email or external ID contains `text`. */
async function customersMatching(text: string): Promise<IDataObject[]> {
	polar().reset();
	const result = await runCustomer(polar(), 'getAll', {
		parameters: { returnAll: true, filters: { query: text } },
	});
	expect(result.executionError).toBeUndefined();
	return jsonOf(result.success);
}

/** The double's lever: the next create meets a customer another run created just before it. */
async function raceNextCreate(body: IDataObject): Promise<void> {
	const response = await fetch(`${polar().url}/__double/customers/race-next-create`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(204);
}

describe('Customer → Create or Update, in n8n’s engine against the Polar double', () => {
	it('by external ID, creates the customer Polar does not hold: created: true and Polar’s customer', async () => {
		const result = await runCustomer(polar(), 'upsert', {
			parameters: {
				externalId: 'usr_upsert_new',
				email: 'upsert.new@example.com',
				additionalFields: { name: 'New Person', locale: 'fr-CA' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			{
				created: true,
				customer: expect.objectContaining({
					external_id: 'usr_upsert_new',
					email: 'upsert.new@example.com',
					name: 'New Person',
					locale: 'fr-CA',
					type: 'individual',
				}),
			},
		]);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expect(sent()).toEqual([
			'PATCH /v1/customers/external/usr_upsert_new → 404',
			'POST /v1/customers/ → 201',
		]);
		expect(polar().requests[0].body).toEqual({
			email: 'upsert.new@example.com',
			name: 'New Person',
			locale: 'fr-CA',
		});
	});

	it('by external ID, updates the customer Polar holds: created: false, one request, no second customer', async () => {
		const result = await runCustomer(polar(), 'upsert', {
			parameters: {
				externalId: FIXTURE_EXTERNAL_IDS.grace,
				email: 'grace.hopper@example.org',
				additionalFields: { name: 'Rear Admiral Grace Hopper' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			{
				created: false,
				customer: expect.objectContaining({
					id: FIXTURE_IDS.grace,
					external_id: FIXTURE_EXTERNAL_IDS.grace,
					name: 'Rear Admiral Grace Hopper',
				}),
			},
		]);
		expect(sent()).toEqual([`PATCH /v1/customers/external/${FIXTURE_EXTERNAL_IDS.grace} → 200`]);
		expect(await customersMatching(FIXTURE_EXTERNAL_IDS.grace)).toHaveLength(1);
	});

	it('when another run creates the customer between the look-up and the create, updates that one: created: false, one customer at Polar', async () => {
		await raceNextCreate({ email: 'racer@example.com', external_id: 'usr_upsert_race' });
		const result = await runCustomer(polar(), 'upsert', {
			parameters: {
				externalId: 'usr_upsert_race',
				email: 'racer@example.com',
				additionalFields: { name: 'Won By The Other Run' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(sent()).toEqual([
			'PATCH /v1/customers/external/usr_upsert_race → 404',
			'POST /v1/customers/ → 422',
			'PATCH /v1/customers/external/usr_upsert_race → 200',
		]);
		expect(jsonOf(result.success)).toEqual([
			{
				created: false,
				customer: expect.objectContaining({
					external_id: 'usr_upsert_race',
					name: 'Won By The Other Run',
				}),
			},
		]);
		const atPolar = await customersMatching('usr_upsert_race');
		expect(atPolar.map((c) => c.id)).toEqual([(result.success[0].json.customer as IDataObject).id]);
	});

	it('by email, updates the customer with that email (any case), and may give it an external ID', async () => {
		const made = await runCustomer(polar(), 'create', {
			parameters: { email: 'upsert.byemail@example.com' },
		});
		const id = made.success[0].json.id;
		polar().reset();
		const result = await runCustomer(polar(), 'upsert', {
			parameters: {
				matchBy: 'email',
				email: 'Upsert.ByEmail@Example.com',
				additionalFields: { externalId: 'usr_upsert_byemail', name: 'Found By Email' },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			{
				created: false,
				customer: expect.objectContaining({
					id,
					email: 'upsert.byemail@example.com',
					external_id: 'usr_upsert_byemail',
					name: 'Found By Email',
				}),
			},
		]);
		expect(sent()).toEqual(['GET /v1/customers/ → 200', `PATCH /v1/customers/${String(id)} → 200`]);
		expect(polar().requests[0].query).toMatchObject({ email: 'Upsert.ByEmail@Example.com' });
	});

	it('by email, creates the customer when none has the email, and updates it when a race created it', async () => {
		const created = await runCustomer(polar(), 'upsert', {
			parameters: { matchBy: 'email', email: 'upsert.fresh@example.com' },
		});
		expect(jsonOf(created.success)).toEqual([
			{ created: true, customer: expect.objectContaining({ email: 'upsert.fresh@example.com' }) },
		]);
		expect(sent()).toEqual(['GET /v1/customers/ → 200', 'POST /v1/customers/ → 201']);

		polar().reset();
		await raceNextCreate({ email: 'upsert.raced@example.com' });
		const raced = await runCustomer(polar(), 'upsert', {
			parameters: {
				matchBy: 'email',
				email: 'upsert.raced@example.com',
				additionalFields: { name: 'Raced By Email' },
			},
		});
		expect(raced.executionError).toBeUndefined();
		expect(sent()).toEqual([
			'GET /v1/customers/ → 200',
			'POST /v1/customers/ → 422',
			'GET /v1/customers/ → 200',
			expect.stringMatching(/^PATCH \/v1\/customers\/[0-9a-f-]{36} → 200$/),
		]);
		expect(jsonOf(raced.success)).toEqual([
			{ created: false, customer: expect.objectContaining({ name: 'Raced By Email' }) },
		]);
		expect(await customersMatching('upsert.raced@example.com')).toHaveLength(1);
	});

	it('fails the item when the email belongs to another customer, and pairs each item with Continue', async () => {
		const result = await runCustomer(polar(), 'upsert', {
			parameters: { externalId: '={{ $json.id }}', email: '={{ $json.email }}' },
			items: [
				{ id: 'usr_upsert_pair_ok', email: 'upsert.pair@example.com' },
				// Ada holds this email: the new customer cannot have it.
				{ id: 'usr_upsert_pair_taken', email: 'ada@example.com' },
			],
			onError: 'continueErrorOutput',
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.success[0].json).toMatchObject({ created: true });
		expect(result.error.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(result.error[0].json.message).toBe(
			'A customer with this email already exists: "ada@example.com"',
		);
		expect(await customersMatching('usr_upsert_pair_taken')).toEqual([]);
	});

	it('refuses invalid input before sending, naming the field and the item', async () => {
		const cases: Array<[IDataObject, IDataObject, string]> = [
			[{}, { id: 'usr_ok', email: 'not-an-email' }, 'Email "not-an-email" is not an email address'],
			[{}, { id: ' ', email: 'a@example.com' }, 'External ID'],
			[{}, { id: '..', email: 'a@example.com' }, 'External ID'],
			[{ matchBy: 'email' }, { email: '' }, 'Email'],
		];
		for (const [parameters, item, message] of cases) {
			const result = await runCustomer(polar(), 'upsert', {
				parameters: { externalId: '={{ $json.id }}', email: '={{ $json.email }}', ...parameters },
				// The first item is fine: nothing is sent for it either.
				items: [{ id: 'usr_upsert_fine', email: 'fine@example.com' }, item],
			});
			expect(result.executionError?.message).toMatch(new RegExp(`^${message}.*\\[item 1\\]$`));
			expect(polar().requests).toHaveLength(0);
		}
	});
});
