import {
	customerPath,
	readCustomerRef,
	refineCustomerFailure,
} from '../../nodes/Polar/helpers/customer';
import { InputError } from '../../nodes/Polar/helpers/validation';
import { describeFailedResponse, type FailedResponse } from '../../nodes/Polar/transport/errors';

const ID = '992fae2a-2a17-4b7a-8d9e-e287cf90131b';
const answer = (status: number, body: unknown): FailedResponse => ({ status, body, headers: {} });
const refined = (ref: Parameters<typeof refineCustomerFailure>[0], response: FailedResponse) =>
	refineCustomerFailure(ref)(describeFailedResponse(response), response);

describe('the customer reference', () => {
	it('reads each locator mode, and a plain string as an ID', () => {
		expect(readCustomerRef({ __rl: true, mode: 'list', value: ID })).toEqual({ id: ID });
		expect(readCustomerRef({ __rl: true, mode: 'id', value: ` ${ID} ` })).toEqual({ id: ID });
		expect(readCustomerRef({ __rl: true, mode: 'externalId', value: 'usr_1' })).toEqual({
			externalId: 'usr_1',
		});
		expect(readCustomerRef(ID)).toEqual({ id: ID });
		expect(() => readCustomerRef({ __rl: true, mode: 'id', value: 'usr_1' })).toThrow(InputError);
	});

	it('turns into the By ID or By External ID path, the external ID escaped', () => {
		expect(customerPath({ id: ID }, '/state')).toBe(`/v1/customers/${ID}/state`);
		expect(customerPath({ externalId: 'a b?#' })).toBe('/v1/customers/external/a%20b%3F%23');
		// A "/" would split it once Polar decodes the path: never built, even if a check was missed.
		expect(() => customerPath({ externalId: 'a/b' })).toThrow(/^Not sent/);
	});

	it('names the missing customer, for a 404 and for a session’s 422', () => {
		expect(
			refined(
				{ externalId: 'usr_1' },
				answer(404, { error: 'ResourceNotFound', detail: 'Not found' }),
			).message,
		).toBe('No Polar customer with external ID "usr_1"');
		const sessionAnswer = answer(422, {
			error: 'RequestValidationError',
			detail: [
				{ loc: ['body', 'customer_id'], msg: 'Customer does not exist.', type: 'value_error' },
			],
		});
		const failure = refined({ id: ID }, sessionAnswer);
		expect(failure.message).toBe(`No Polar customer with ID "${ID}"`);
		expect(failure.description).toMatch(/environment/);
	});

	it('explains an external ID that several organizations share (409)', () => {
		const failure = refined(
			{ externalId: 'usr_1' },
			answer(409, { error: 'AmbiguousExternalCustomerID', detail: 'Several customers match.' }),
		);
		expect(failure.message).toMatch(/several organizations/);
		expect(failure.description).toMatch(/Organization ID/);
	});

	it('leaves other failures as the transport described them', () => {
		const response = answer(404, { detail: 'Not Found' });
		expect(refined({ id: ID }, response)).toEqual(describeFailedResponse(response));
	});
});
