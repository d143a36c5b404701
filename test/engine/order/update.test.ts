import { ORDER_IDS } from '../../../dev/polar-double';
import { byId, runOrder, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

describe('Order → Update Billing Details, in n8n’s engine against the Polar double', () => {
	it('sets the billing name and address, after which Polar makes the invoice', async () => {
		const result = await runOrder(polar(), 'update', {
			parameters: {
				order: byId(ORDER_IDS.adaEbook),
				updateFields: {
					billingName: 'Analytical Engines Ltd',
					billingAddress: {
						address: { line1: '12 St James’s Square', city: 'London', country: 'gb' },
					},
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toMatchObject({
			id: ORDER_IDS.adaEbook,
			billing_name: 'Analytical Engines Ltd',
			billing_address: { line1: '12 St James’s Square', city: 'London', country: 'GB' },
		});
		expect(polar().requests[0].body).toEqual({
			billing_name: 'Analytical Engines Ltd',
			billing_address: { line1: '12 St James’s Square', city: 'London', country: 'GB' },
		});

		const invoice = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.adaEbook) },
		});
		expect(invoice.executionError).toBeUndefined();
	});

	it('Polar refuses to change the country of a billing address: its words, naming the field', async () => {
		const result = await runOrder(polar(), 'update', {
			parameters: {
				order: byId(ORDER_IDS.graceTeam),
				updateFields: { billingAddress: { address: { country: 'FR', state: 'US-VA' } } },
			},
		});
		expect(result.executionError?.httpCode).toBe('422');
		expect(`${result.executionError?.message} ${result.executionError?.description}`).toMatch(
			/Country cannot be changed/,
		);
	});

	it('refuses empty Update Fields before sending', async () => {
		const result = await runOrder(polar(), 'update', {
			parameters: { order: byId(ORDER_IDS.adaPro), updateFields: {} },
		});
		expect(result.executionError?.message).toBe(
			'Update Fields are empty: add the Billing Name or Billing Address [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
