import { DISCOUNT_IDS } from '../../../dev/polar-double';
import { byId, NO_DISCOUNT, onlyRequest, runDiscount, TOKENS, useDiscountDouble } from './fixtures';

const polar = useDiscountDouble();

describe('Discount → Get, in n8n’s engine against the Polar double', () => {
	it('gets a discount By ID with a discounts:read token: its percentage, months and products', async () => {
		const result = await runDiscount(polar(), 'get', {
			token: TOKENS.read,
			parameters: { discount: byId(DISCOUNT_IDS.summer) },
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyRequest(polar())).toEqual({
			method: 'GET',
			path: `/v1/discounts/${DISCOUNT_IDS.summer}`,
			body: undefined,
		});
		expect(result.success[0].json).toMatchObject({
			id: DISCOUNT_IDS.summer,
			code: 'SUMMER25',
			basis_points: 2500,
			duration: 'repeating',
			duration_in_months: 3,
			products: [{ name: 'Pro Monthly' }],
		});
	});

	it('takes the discount picked From List; a fixed one has its amounts per currency', async () => {
		const result = await runDiscount(polar(), 'get', {
			parameters: { discount: { __rl: true, mode: 'list', value: DISCOUNT_IDS.welcome } },
		});
		expect(result.success[0].json).toMatchObject({
			type: 'fixed',
			amounts: { usd: 1000, eur: 900 },
		});
	});

	it('a missing discount: the message names its ID', async () => {
		const result = await runDiscount(polar(), 'get', {
			parameters: { discount: byId(NO_DISCOUNT) },
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar discount with ID "${NO_DISCOUNT}"`,
			httpCode: '404',
		});
	});
});
