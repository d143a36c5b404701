// Paths cannot be steered: a value that becomes a path segment (an external ID) and would make
// a server step elsewhere is refused before anything is sent, naming the field and the item.

import { FIXTURE_EXTERNAL_IDS } from '../../dev/polar-double';
import { createSessions } from './fixtures';
import { byExternalId, runCustomer, useCustomerDouble } from './customer/fixtures';

const polar = useCustomerDouble();

const operations = [
	['get', {}],
	['getState', {}],
	['delete', {}],
	['update', { updateFields: { name: 'Mallory' } }],
] as const;

/** Made only of dots, as typed, percent-encoded (once, twice, mixed case) and in full width. */
const dotsOnly = ['..', '.', '...', '%2e%2e', '%2E.', '.%2e', '%252e%252e', '．．'];

describe('IDs that would step elsewhere in the path', () => {
	it.each(operations.flatMap(([op, params]) => dotsOnly.map((id) => [op, id, params] as const)))(
		'%s refuses the external ID %j, sending nothing',
		async (operation, externalId, parameters) => {
			const result = await runCustomer(polar(), operation, {
				parameters: { customer: byExternalId(externalId), ...parameters },
				items: [{}, {}],
				onError: 'continueRegularOutput',
			});
			expect(polar().requests).toHaveLength(0);
			expect(result.success.map((item) => item.json.message)).toEqual([
				`Customer (Ext. ID) "${externalId}" is made only of dots, which a server reads as a step in the path, not as an ID [item 0]`,
				`Customer (Ext. ID) "${externalId}" is made only of dots, which a server reads as a step in the path, not as an ID [item 1]`,
			]);
		},
	);

	it('still finds a customer whose external ID has dots among other characters', async () => {
		const created = await runCustomer(polar(), 'create', {
			parameters: { email: 'dots@example.com', additionalFields: { externalId: '..a.' } },
		});
		expect(created.executionError).toBeUndefined();
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId('..a.') },
		});
		expect(result.success[0].json).toMatchObject({
			email: 'dots@example.com',
			external_id: '..a.',
		});
	});
});

describe('a lone surrogate (half an emoji) is refused before sending, naming the field', () => {
	const half = 'usr_\uD83D';

	it('in an external ID that goes into the path', async () => {
		const result = await runCustomer(polar(), 'get', {
			parameters: { customer: byExternalId(half) },
		});
		expect(result.executionError?.message).toBe(
			'Customer (Ext. ID) contains a lone surrogate (half of a character such as an emoji, e.g. from text cut short), which cannot be sent [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('in an external ID that goes into the body', async () => {
		const result = await createSessions(polar(), {
			customer: byExternalId(`${FIXTURE_EXTERNAL_IDS.ada}\uDE00`),
		});
		expect(result.executionError?.message).toMatch(
			/^Customer \(Ext\. ID\) contains a lone surrogate/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('in any other text field, e.g. a customer’s name', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: 'half@example.com', additionalFields: { name: `Ada ${'\uD83D'}` } },
		});
		expect(result.executionError?.message).toMatch(/^Name contains a lone surrogate.*\[item 0\]$/);
		expect(polar().requests).toHaveLength(0);
	});

	it('while a whole emoji is sent as it is', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: { email: 'emoji@example.com', additionalFields: { name: 'Ada 😀' } },
		});
		expect(result.success[0].json).toMatchObject({ name: 'Ada 😀' });
	});
});
