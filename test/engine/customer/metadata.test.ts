// Metadata as Polar types it: numbers and booleans as JSON numbers and booleans, strings as
// strings, any key (even "constructor" or "__proto__") reaching Polar, lengths in characters.

import type { IDataObject } from 'n8n-workflow';

import { FIXTURE_IDS } from '../../../dev/polar-double';
import { byId, runCustomer, useCustomerDouble } from './fixtures';

const polar = useCustomerDouble();

type Entry = { key: string; type?: string; value: unknown };
const metadata = (...entries: Entry[]) => ({ entries });

let created = 0;

/** Creates a customer with this metadata; returns the run and the body Polar received. */
async function createWith(...entries: Entry[]) {
	const email = `meta${++created}@example.com`;
	const result = await runCustomer(polar(), 'create', {
		parameters: { email, additionalFields: { metadata: metadata(...entries) } },
	});
	const sent = polar().requests[0]?.body as IDataObject | undefined;
	return {
		result,
		sent: sent?.metadata as IDataObject | undefined,
		raw: polar().requests[0]?.rawBody,
	};
}

describe('Metadata, typed as Polar types it', () => {
	it('sends Number values as JSON numbers, Boolean values as booleans and String values as text', async () => {
		const { result, sent, raw } = await createWith(
			{ key: 'seats', type: 'number', value: '3' },
			{ key: 'mrr', type: 'number', value: ' 9.99 ' },
			{ key: 'big', type: 'number', value: '1e6' },
			{ key: 'beta', type: 'boolean', value: 'TRUE' },
			{ key: 'churned', type: 'boolean', value: 'false' },
			{ key: 'plan', type: 'string', value: 'pro' },
			{ key: 'zip', type: 'string', value: '02139' },
			{ key: 'legacy', value: '42' },
		);
		expect(result.executionError).toBeUndefined();
		expect(sent).toEqual({
			seats: 3,
			mrr: 9.99,
			big: 1_000_000,
			beta: true,
			churned: false,
			plan: 'pro',
			zip: '02139',
			legacy: '42',
		});
		expect(raw).toContain('"seats":3');
		expect(raw).toContain('"beta":true');
		// What Polar stored and answered: the types kept.
		expect(result.success[0].json.metadata).toMatchObject({ seats: 3, beta: true, zip: '02139' });
	});

	it('takes the value an expression gives, in the chosen type', async () => {
		const result = await runCustomer(polar(), 'create', {
			parameters: {
				email: 'expr@example.com',
				additionalFields: {
					metadata: metadata(
						{ key: 'seats', type: 'number', value: '={{ $json.seats }}' },
						{ key: 'trial', type: 'boolean', value: '={{ $json.trial }}' },
						{ key: 'seatsText', type: 'string', value: '={{ $json.seats }}' },
					),
				},
			},
			items: [{ seats: 12, trial: true }],
		});
		expect(result.executionError).toBeUndefined();
		expect((polar().requests[0].body as IDataObject).metadata).toEqual({
			seats: 12,
			trial: true,
			seatsText: '12',
		});
	});

	it('sends keys such as constructor and __proto__ to Polar as keys', async () => {
		const { result, sent, raw } = await createWith(
			{ key: 'constructor', value: 'a' },
			{ key: '__proto__', type: 'number', value: '1' },
			{ key: 'toString', value: 'b' },
		);
		expect(result.executionError).toBeUndefined();
		expect(raw).toContain('"__proto__":1');
		expect(Object.keys(sent!).sort()).toEqual(['__proto__', 'constructor', 'toString']);
		expect(sent!.constructor).toBe('a');
		// And nothing leaked onto every object of the process.
		expect(({} as IDataObject).toString).toBe(Object.prototype.toString);
	});

	it('counts characters as Polar does: an emoji is one', async () => {
		const key = '🔑'.repeat(40);
		const value = '😀'.repeat(500);
		const { result, sent } = await createWith({ key, value });
		expect(result.executionError).toBeUndefined();
		expect(sent).toEqual({ [key]: value });
	});

	it('updates metadata with typed values', async () => {
		const result = await runCustomer(polar(), 'update', {
			parameters: {
				customer: byId(FIXTURE_IDS.ada),
				updateFields: {
					metadata: metadata(
						{ key: 'seats', type: 'number', value: '5' },
						{ key: 'vip', type: 'boolean', value: 'true' },
					),
				},
			},
		});
		expect(result.success[0].json.metadata).toEqual({ seats: 5, vip: true });
	});
});

describe('metadata values that do not fit their type are refused before sending', () => {
	const cases: Array<[string, Entry, string]> = [
		[
			'text as a Number',
			{ key: 'seats', type: 'number', value: 'three' },
			'Metadata value of "seats" "three" is not a number (Type is Number), e.g. 42 or 9.99 [item 0]',
		],
		[
			'hexadecimal as a Number',
			{ key: 'seats', type: 'number', value: '0x10' },
			'Metadata value of "seats" "0x10" is not a number (Type is Number), e.g. 42 or 9.99 [item 0]',
		],
		[
			'yes as a Boolean',
			{ key: 'vip', type: 'boolean', value: 'yes' },
			'Metadata value of "vip" "yes" is not true or false (Type is Boolean) [item 0]',
		],
		[
			'41 emoji as a key',
			{ key: '🔑'.repeat(41), value: 'v' },
			`Metadata key "${'🔑'.repeat(41)}" is 41 characters long; Polar accepts at most 40 [item 0]`,
		],
	];
	it.each(cases)('%s', async (_, entry, message) => {
		const { result } = await createWith(entry);
		expect(result.executionError?.message).toBe(message);
		expect(polar().requests).toHaveLength(0);
	});
});
