import type { IDataObject } from 'n8n-workflow';

import { FIXTURE_IDS } from '../../../dev/polar-double';
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

/** A fresh customer to delete; the double's recordings are cleared after. */
async function newCustomer(email: string, externalId?: string): Promise<IDataObject> {
	const result = await runCustomer(polar(), 'create', {
		parameters: { email, additionalFields: externalId ? { externalId } : {} },
	});
	expect(result.executionError).toBeUndefined();
	polar().reset();
	return result.success[0].json;
}

describe('Customer → Delete, in n8n’s engine against the Polar double', () => {
	it('deletes By ID: outputs {deleted, id}, and the customer is gone', async () => {
		const customer = await newCustomer('delete.byid@example.com');
		const id = String(customer.id);
		const result = await runCustomer(polar(), 'delete', { parameters: { customer: byId(id) } });
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([{ deleted: true, id }]);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		const [request] = polar().requests;
		expect([request.method, request.path, request.query, request.status]).toEqual([
			'DELETE',
			`/v1/customers/${id}`,
			{},
			204,
		]);

		const after = await runCustomer(polar(), 'get', { parameters: { customer: byId(id) } });
		expect(after.executionError).toMatchObject({
			message: `No Polar customer with ID "${id}"`,
			httpCode: '404',
		});
	});

	it('deletes By External ID: outputs {deleted, external_id}', async () => {
		await newCustomer('delete.byext@example.com', 'usr_delete_byext');
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byExternalId('usr_delete_byext') },
		});
		expect(jsonOf(result.success)).toEqual([{ deleted: true, external_id: 'usr_delete_byext' }]);
		expect(polar().requests[0].path).toBe('/v1/customers/external/usr_delete_byext');

		const again = await runCustomer(polar(), 'delete', {
			parameters: { customer: byExternalId('usr_delete_byext') },
		});
		expect(again.executionError).toMatchObject({
			message: 'No Polar customer with external ID "usr_delete_byext"',
			httpCode: '404',
		});
	});

	it('Anonymize is sent as a query parameter, and only when on', async () => {
		await newCustomer('delete.anon@example.com', 'usr_delete_anon');
		const customer = await newCustomer('delete.keep@example.com');
		const anonymized = await runCustomer(polar(), 'delete', {
			parameters: {
				customer: byExternalId('usr_delete_anon'),
				deleteOptions: { anonymize: true },
			},
		});
		const kept = await runCustomer(polar(), 'delete', {
			parameters: { customer: byId(String(customer.id)), deleteOptions: { anonymize: false } },
		});
		expect(jsonOf(anonymized.success)).toEqual([{ deleted: true, external_id: 'usr_delete_anon' }]);
		expect(jsonOf(kept.success)).toEqual([{ deleted: true, id: customer.id }]);
		expect(polar().requests.map((r) => [r.path, r.query, r.body])).toEqual([
			['/v1/customers/external/usr_delete_anon', { anonymize: 'true' }, undefined],
			[`/v1/customers/${String(customer.id)}`, {}, undefined],
		]);
	});

	it('deletes one customer per item, paired', async () => {
		const emails = ['d1@batch.example', 'd2@batch.example', 'd3@batch.example'];
		const ids: string[] = [];
		for (const email of emails) ids.push(String((await newCustomer(email)).id));
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byId('={{ $json.id }}') },
			items: ids.map((id) => ({ id })),
		});
		expect(jsonOf(result.success)).toEqual(ids.map((id) => ({ deleted: true, id })));
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(
			polar()
				.requests.map((r) => r.path)
				.sort(),
		).toEqual(ids.map((id) => `/v1/customers/${id}`).sort());
	});
});

describe('Polar’s errors for Delete', () => {
	it('an unknown ID (404)', async () => {
		const result = await runCustomer(polar(), 'delete', { parameters: { customer: byId(NOBODY) } });
		expect(result.executionError).toMatchObject({
			message: `No Polar customer with ID "${NOBODY}"`,
			httpCode: '404',
			itemIndex: 0,
		});
	});

	it('a rejected token (401): nothing deleted', async () => {
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byId(FIXTURE_IDS.alan) },
			token: TOKENS.unknown,
		});
		expect(result.executionError).toMatchObject({ message: REJECTED_TOKEN, httpCode: '401' });
	});

	it('a read-only token (403): names customers:write, nothing deleted', async () => {
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byId(FIXTURE_IDS.alan) },
			token: TOKENS.read,
		});
		expect(result.executionError).toMatchObject({
			message: lacksScope('customers:write'),
			httpCode: '403',
		});
		const still = await runCustomer(polar(), 'get', {
			parameters: { customer: byId(FIXTURE_IDS.alan) },
		});
		expect(still.success[0].json.id).toBe(FIXTURE_IDS.alan);
	});

	it('Stop after a deletion: the error says which customers Polar already deleted', async () => {
		const customer = await newCustomer('delete.stop@example.com');
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byId('={{ $json.id }}'), options: { concurrency: 1 } },
			items: [{ id: customer.id }, { id: NOBODY }],
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar customer with ID "${NOBODY}"`,
			itemIndex: 1,
		});
		expect(result.executionError?.description).toContain(
			`Before the node stopped, Polar completed item 0 (deleted customer ID "${String(customer.id)}").`,
		);
	});
});

describe('bad input and On Error', () => {
	it('an ID that is not a UUID sends nothing, for any item', async () => {
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byId('={{ $json.id }}') },
			items: [{ id: FIXTURE_IDS.alan }, { id: 'alan' }],
		});
		expect(result.executionError).toMatchObject({
			message: expect.stringMatching(/^Customer \(By ID\) "alan" is not a Polar ID.*\[item 1\]$/),
			itemIndex: 1,
		});
		expect(polar().requests).toEqual([]);
	});

	it('Continue (using error output): deleted, missing and bad items each in place, paired', async () => {
		await newCustomer('delete.continue@example.com', 'usr_delete_continue');
		const items = [{ ref: 'usr_delete_continue' }, { ref: 'usr_nobody' }, { ref: '' }];
		const result = await runCustomer(polar(), 'delete', {
			parameters: { customer: byExternalId('={{ $json.ref }}') },
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.success.map((item) => [item.pairedItem, item.json])).toEqual([
			[{ item: 0 }, { deleted: true, external_id: 'usr_delete_continue' }],
		]);
		expect(result.error.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[{ item: 1 }, 'No Polar customer with external ID "usr_nobody"'],
			[{ item: 2 }, 'Customer (Ext. ID) is empty [item 2]'],
		]);
		expect(polar().requests).toHaveLength(2);
	});
});
