import { DISCOUNT_IDS } from '../../../dev/polar-double';
import { byId, onlyRequest, runDiscount, useDiscountDouble } from './fixtures';

const polar = useDiscountDouble();

describe('Discount → Delete, in n8n’s engine against the Polar double', () => {
	it('deletes: { deleted, id }; the discount is then gone for Get and for a second Delete', async () => {
		const discount = byId(DISCOUNT_IDS.welcome);
		const result = await runDiscount(polar(), 'delete', { parameters: { discount } });
		expect(result.executionError).toBeUndefined();
		expect(result.success[0].json).toEqual({ deleted: true, id: DISCOUNT_IDS.welcome });
		expect(onlyRequest(polar())).toMatchObject({
			method: 'DELETE',
			path: `/v1/discounts/${DISCOUNT_IDS.welcome}`,
		});

		const get = await runDiscount(polar(), 'get', { parameters: { discount } });
		expect(get.executionError?.message).toBe(`No Polar discount with ID "${DISCOUNT_IDS.welcome}"`);
		const again = await runDiscount(polar(), 'delete', { parameters: { discount } });
		expect(again.executionError).toMatchObject({
			message: `No Polar discount with ID "${DISCOUNT_IDS.welcome}"`,
			httpCode: '404',
		});
	});
});
