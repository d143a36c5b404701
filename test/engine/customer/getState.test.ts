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

describe('Customer → Get State, in n8n’s engine against the Polar double', () => {
	it('gets the state By ID: the customer with its subscriptions, benefits and meters', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byId(FIXTURE_IDS.ada) },
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success).toHaveLength(1);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		const state = result.success[0].json;
		const ada = polar().customers.find((customer) => customer.id === FIXTURE_IDS.ada)!;
		expect(state).toEqual({
			...ada,
			active_subscriptions: [],
			granted_benefits: [],
			active_meters: [],
		});
		const [request] = polar().requests;
		expect([request.method, request.path]).toEqual([
			'GET',
			`/v1/customers/${FIXTURE_IDS.ada}/state`,
		]);
	});

	it('gets the state By External ID, on Polar’s external path', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byExternalId(FIXTURE_EXTERNAL_IDS.grace) },
		});
		expect(result.success[0].json).toMatchObject({
			id: FIXTURE_IDS.grace,
			active_subscriptions: [],
			granted_benefits: [],
			active_meters: [],
		});
		expect(polar().requests[0].path).toBe('/v1/customers/external/usr_grace/state');
	});

	it('reads with a token that has only customers:read', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byId(FIXTURE_IDS.alan) },
			token: TOKENS.read,
		});
		expect(result.success[0].json.id).toBe(FIXTURE_IDS.alan);
	});
});

describe('Polar’s errors for Get State', () => {
	it('an unknown ID (404)', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byId(NOBODY) },
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar customer with ID "${NOBODY}"`,
			httpCode: '404',
		});
	});

	it('an unknown external ID (404)', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byExternalId('usr_nobody') },
		});
		expect(result.executionError).toMatchObject({
			message: 'No Polar customer with external ID "usr_nobody"',
			httpCode: '404',
		});
	});

	it('a rejected token (401)', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byId(FIXTURE_IDS.ada) },
			token: TOKENS.unknown,
		});
		expect(result.executionError).toMatchObject({ message: REJECTED_TOKEN, httpCode: '401' });
	});

	it('a token without a customers scope (403)', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byId(FIXTURE_IDS.ada) },
			token: TOKENS.sessionsOnly,
		});
		expect(result.executionError).toMatchObject({
			message: lacksScope('customers:read or customers:write'),
			httpCode: '403',
		});
	});
});

describe('bad input and On Error', () => {
	it('an ID that is not a UUID sends nothing', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byId('={{ $json.id }}') },
			items: [{ id: FIXTURE_IDS.ada }, { id: '12345' }],
		});
		expect(result.executionError).toMatchObject({
			message: expect.stringMatching(/^Customer \(By ID\) "12345" is not a Polar ID.*\[item 1\]$/),
			itemIndex: 1,
		});
		expect(polar().requests).toEqual([]);
	});

	it('Continue (using error output): a missing customer goes to the error output, paired', async () => {
		const result = await runCustomer(polar(), 'getState', {
			parameters: { customer: byExternalId('={{ $json.ref }}') },
			items: [{ ref: 'usr_nobody' }, { ref: FIXTURE_EXTERNAL_IDS.ada }],
			onError: 'continueErrorOutput',
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.id])).toEqual([
			[{ item: 1 }, FIXTURE_IDS.ada],
		]);
		expect(jsonOf(result.error)).toEqual([
			expect.objectContaining({
				ref: 'usr_nobody',
				message: 'No Polar customer with external ID "usr_nobody"',
			}),
		]);
		expect(result.error[0].pairedItem).toEqual({ item: 0 });
	});
});
