import type { IDataObject } from 'n8n-workflow';

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

const entries = (pairs: Array<[string, string]>) => ({
	entries: pairs.map(([key, value]) => ({ key, value })),
});

/** A fresh customer for a test that changes it; the double's recordings are cleared after. */
async function newCustomer(email: string, externalId?: string): Promise<IDataObject> {
	const result = await runCustomer(polar(), 'create', {
		parameters: { email, additionalFields: externalId ? { externalId } : {} },
	});
	expect(result.executionError).toBeUndefined();
	polar().reset();
	return result.success[0].json;
}

describe('Customer → Update, in n8n’s engine against the Polar double', () => {
	it('updates By ID: sends only the fields given, outputs the updated customer', async () => {
		const customer = await newCustomer('update.byid@example.com', 'usr_update_byid');
		const result = await runCustomer(polar(), 'update', {
			parameters: {
				customer: byId(String(customer.id)),
				updateFields: {
					name: 'Renamed Person',
					locale: 'fr-CA',
					taxId: 'FR40303265045',
					metadata: entries([['plan', 'team']]),
					billingAddress: { address: { country: 'ca', state: 'QC', city: 'Montréal' } },
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expect(result.success[0].json).toMatchObject({
			id: customer.id,
			email: 'update.byid@example.com',
			external_id: 'usr_update_byid',
			name: 'Renamed Person',
			locale: 'fr-CA',
			metadata: { plan: 'team' },
			billing_address: { country: 'CA', state: 'QC', city: 'Montréal' },
			modified_at: expect.any(String),
		});
		const [request] = polar().requests;
		expect([request.method, request.path]).toEqual(['PATCH', `/v1/customers/${customer.id}`]);
		expect(request.body).toEqual({
			name: 'Renamed Person',
			locale: 'fr-CA',
			tax_id: 'FR40303265045',
			metadata: { plan: 'team' },
			billing_address: { country: 'CA', city: 'Montréal', state: 'QC' },
		});
	});

	it('updates By External ID, on Polar’s external path', async () => {
		await newCustomer('update.byext@example.com', 'usr_update_byext');
		const result = await runCustomer(polar(), 'update', {
			parameters: {
				customer: byExternalId('usr_update_byext'),
				updateFields: { email: 'changed.byext@example.com' },
			},
		});
		expect(result.success[0].json).toMatchObject({
			email: 'changed.byext@example.com',
			external_id: 'usr_update_byext',
		});
		const [request] = polar().requests;
		expect([request.method, request.path, request.body]).toEqual([
			'PATCH',
			'/v1/customers/external/usr_update_byext',
			{ email: 'changed.byext@example.com' },
		]);
	});

	it('sets the external ID of a customer chosen By ID that has none', async () => {
		const customer = await newCustomer('no.external@example.com');
		expect(customer.external_id).toBeNull();
		const result = await runCustomer(polar(), 'update', {
			parameters: { customer: byId(String(customer.id)), updateFields: { externalId: 'usr_late' } },
		});
		expect(result.success[0].json).toMatchObject({ id: customer.id, external_id: 'usr_late' });
		expect(polar().requests[0].body).toEqual({ external_id: 'usr_late' });
	});

	it('metadata replaces the customer’s metadata', async () => {
		await newCustomer('meta.replace@example.com', 'usr_meta_replace');
		const set = (pairs: Array<[string, string]>) =>
			runCustomer(polar(), 'update', {
				parameters: {
					customer: byExternalId('usr_meta_replace'),
					updateFields: { metadata: entries(pairs) },
				},
			});
		await set([
			['a', '1'],
			['b', '2'],
		]);
		const result = await set([['c', '3']]);
		expect(result.success[0].json.metadata).toEqual({ c: '3' });
	});
});

describe('Polar’s errors for Update', () => {
	it('an unknown ID (404)', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: { customer: byId(NOBODY), updateFields: { name: 'Nobody' } },
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar customer with ID "${NOBODY}"`,
			httpCode: '404',
			itemIndex: 0,
		});
	});

	it('an unknown external ID (404)', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: { customer: byExternalId('usr_nobody'), updateFields: { name: 'Nobody' } },
		});
		expect(result.executionError).toMatchObject({
			message: 'No Polar customer with external ID "usr_nobody"',
			httpCode: '404',
		});
	});

	it('an email another customer has (422)', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: {
				customer: byExternalId(FIXTURE_EXTERNAL_IDS.grace),
				updateFields: { email: 'alan@example.net' },
			},
		});
		expect(result.executionError).toMatchObject({
			message: 'A customer with this email already exists: "alan@example.net"',
			description: expect.stringMatching(/update it instead/),
			httpCode: '422',
		});
	});

	it('an external ID another customer has (422)', async () => {
		const customer = await newCustomer('dup.external@example.com');
		const result = await runCustomer(polar(), 'update', {
			parameters: {
				customer: byId(String(customer.id)),
				updateFields: { externalId: FIXTURE_EXTERNAL_IDS.grace },
			},
		});
		expect(result.executionError).toMatchObject({
			message: 'A customer with this external ID already exists: "usr_grace"',
			httpCode: '422',
		});
	});

	it('a new external ID for a customer that has one (422): Polar’s words', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: { customer: byId(FIXTURE_IDS.ada), updateFields: { externalId: 'usr_other' } },
		});
		expect(result.executionError).toMatchObject({
			message: expect.stringContaining('Customer external ID cannot be updated.'),
			description: 'Polar refused the customer’s fields. Check the fields named above.',
			httpCode: '422',
		});
	});

	it('a rejected token (401)', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: { customer: byId(FIXTURE_IDS.ada), updateFields: { name: 'X' } },
			token: TOKENS.unknown,
		});
		expect(result.executionError).toMatchObject({ message: REJECTED_TOKEN, httpCode: '401' });
	});

	it('a read-only token (403): names customers:write', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: { customer: byId(FIXTURE_IDS.ada), updateFields: { name: 'X' } },
			token: TOKENS.read,
		});
		expect(result.executionError).toMatchObject({
			message: lacksScope('customers:write'),
			httpCode: '403',
		});
	});
});

describe('bad input is caught before any request', () => {
	const ada = byId(FIXTURE_IDS.ada);
	const cases: Array<[string, IDataObject, string]> = [
		[
			'empty Update Fields',
			{ customer: ada, updateFields: {} },
			'Update Fields are empty: add the fields to change',
		],
		[
			'Update Fields whose values are all blank',
			{ customer: ada, updateFields: { name: '  ', locale: '' } },
			'Update Fields are empty: add the fields to change',
		],
		[
			'a Metadata field with no entries, which would erase the customer’s metadata',
			{ customer: ada, updateFields: { metadata: {} } },
			'Metadata has no entries: add a key and value, or remove the field',
		],
		[
			'an external ID for a customer chosen By External ID',
			{ customer: byExternalId('usr_ada'), updateFields: { externalId: 'usr_ada_2' } },
			'External ID cannot be set on a customer chosen by Ext. ID: it has one already',
		],
		[
			'an invalid email',
			{ customer: ada, updateFields: { email: 'ada at example.com' } },
			'Email "ada at example.com" is not an email address',
		],
		[
			'more than 50 metadata pairs',
			{
				customer: ada,
				updateFields: {
					metadata: entries(
						Array.from({ length: 51 }, (_, n) => [`k${n}`, 'v'] as [string, string]),
					),
				},
			},
			'Metadata has 51 pairs; Polar stores at most 50',
		],
		[
			'a metadata key over 40 characters',
			{ customer: ada, updateFields: { metadata: entries([['x'.repeat(41), 'v']]) } },
			`Metadata key "${'x'.repeat(41)}" is 41 characters long; Polar accepts at most 40`,
		],
		[
			'a metadata value over 500 characters',
			{ customer: ada, updateFields: { metadata: entries([['plan', 'p'.repeat(501)]]) } },
			'Metadata value of "plan" is 501 characters long; Polar accepts at most 500',
		],
		[
			'a metadata key set twice',
			{
				customer: ada,
				updateFields: {
					metadata: entries([
						['plan', 'a'],
						['plan', 'b'],
					]),
				},
			},
			'Metadata key "plan" is set twice',
		],
		[
			'an empty metadata value',
			{ customer: ada, updateFields: { metadata: entries([['plan', '']]) } },
			'Metadata value of "plan" is empty',
		],
		[
			'a country that is not an ISO code',
			{ customer: ada, updateFields: { billingAddress: { address: { country: 'UK' } } } },
			'Billing Address country "UK" is not a two-letter ISO 3166-1 country code, e.g. US',
		],
		[
			'a locale that is not a language tag',
			{ customer: ada, updateFields: { locale: 'français' } },
			'Locale "français" is not a language tag such as en, en-US or fr-CA',
		],
		[
			'an ID that is not a UUID',
			{ customer: byId('={{ "usr_ada" }}'), updateFields: { name: 'X' } },
			'Customer (By ID) "usr_ada" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b)',
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		const result = await runCustomer(polar(), 'update', { parameters });
		expect(result.executionError).toMatchObject({ message: `${message} [item 0]`, itemIndex: 0 });
		expect(polar().requests).toEqual([]);
	});
});

describe('On Error: Continue keeps one output item per input item', () => {
	it('an update, a taken email, a missing customer and bad input, each in place and paired', async () => {
		await newCustomer('continue.update@example.com', 'usr_continue_update');
		const items = [
			{ ref: 'usr_continue_update', email: 'continue.updated@example.com' },
			{ ref: 'usr_continue_update', email: 'ada@example.com' },
			{ ref: 'usr_nobody', email: 'nobody.new@example.com' },
			{ ref: 'usr_continue_update', email: 'broken' },
		];
		const result = await runCustomer(polar(), 'update', {
			parameters: {
				customer: byExternalId('={{ $json.ref }}'),
				updateFields: { email: '={{ $json.email }}' },
				options: { concurrency: 1 },
			},
			items,
			onError: 'continueRegularOutput',
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		const [updated, taken, missing, bad] = jsonOf(result.success);
		expect(updated).toMatchObject({ email: 'continue.updated@example.com' });
		expect(taken.message).toBe('A customer with this email already exists: "ada@example.com"');
		expect(missing.message).toBe('No Polar customer with external ID "usr_nobody"');
		expect(bad.message).toBe('Email "broken" is not an email address [item 3]');
		expect(polar().requests).toHaveLength(3);
	});
});
