import { DISCOUNT_IDS } from '../../../dev/polar-double';
import { jsonOf, runDiscount, TOKENS, useDiscountDouble } from './fixtures';

const polar = useDiscountDouble();

const list = (filters: Record<string, unknown> = {}) =>
	runDiscount(polar(), 'getAll', { token: TOKENS.read, parameters: { returnAll: true, filters } });

describe('Discount → Get Many, in n8n’s engine against the Polar double', () => {
	it('lists the discounts, newest first, one item each', async () => {
		const result = await list();
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success).map((d) => d.id)).toEqual([
			DISCOUNT_IDS.summer,
			DISCOUNT_IDS.welcome,
			DISCOUNT_IDS.launch,
		]);
	});

	it('searches by code in any case, and by name as typed', async () => {
		const byCode = await list({ query: 'summer' });
		expect(jsonOf(byCode.success).map((d) => d.code)).toEqual(['SUMMER25']);
		const byName = await list({ query: 'Welcome' });
		expect(jsonOf(byName.success).map((d) => d.name)).toEqual(['Welcome']);
		expect(polar().requests.map((r) => r.query.query)).toEqual(['summer', 'Welcome']);
	});
});
