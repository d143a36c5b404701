import { DISCOUNT_IDS, PRODUCT_IDS } from '../../../dev/polar-double';
import { byId, NO_DISCOUNT, onlyRequest, runDiscount, useDiscountDouble } from './fixtures';

const polar = useDiscountDouble();

const update = (id: string, updateFields: Record<string, unknown>) =>
	runDiscount(polar(), 'update', { parameters: { discount: byId(id), updateFields } });

describe('Discount → Update, in n8n’s engine against the Polar double', () => {
	it('sends only the fields added, amounts in the smallest unit, and returns the discount', async () => {
		const result = await update(DISCOUNT_IDS.welcome, {
			name: 'Welcome back',
			amounts: { amount: [{ currency: 'eur', value: 7.5 }] },
			products: { product: [{ product: byId(PRODUCT_IDS.ebook) }] },
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyRequest(polar())).toEqual({
			method: 'PATCH',
			path: `/v1/discounts/${DISCOUNT_IDS.welcome}`,
			body: { name: 'Welcome back', amounts: { eur: 750 }, products: [PRODUCT_IDS.ebook] },
		});
		expect(result.success[0].json).toMatchObject({
			name: 'Welcome back',
			amounts: { eur: 750 },
			products: [{ id: PRODUCT_IDS.ebook }],
		});
	});

	it('a percentage as a percent; once redeemed, Polar keeps it, and says so', async () => {
		const result = await update(DISCOUNT_IDS.summer, { percentage: 30 });
		expect(onlyRequest(polar()).body).toEqual({ basis_points: 3000 });
		expect(result.executionError).toMatchObject({
			message:
				'Polar refused the discount: Percentage: This field cannot be changed because the discount has already been redeemed.',
			httpCode: '422',
		});
	});

	it('a code another discount has: Polar’s refusal in words', async () => {
		const result = await update(DISCOUNT_IDS.welcome, { code: 'Summer25' });
		expect(result.executionError?.message).toBe(
			'Polar refused the discount: Another discount already has the code "Summer25"',
		);
	});

	it('no fields, or a missing discount', async () => {
		const empty = await update(DISCOUNT_IDS.welcome, {});
		expect(empty.executionError?.message).toBe(
			'Update Fields are empty: add the fields to change [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
		const missing = await update(NO_DISCOUNT, { name: 'x' });
		expect(missing.executionError?.message).toBe(`No Polar discount with ID "${NO_DISCOUNT}"`);
	});
});
