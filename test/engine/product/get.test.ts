import { PRODUCT_IDS } from '../../../dev/polar-double';
import { byId, jsonOf, NO_PRODUCT, runProduct, TOKENS, useProductDouble } from './fixtures';

const polar = useProductDouble();

const seeded = (id: string) => polar().products.find((product) => product.id === id);

describe('Product → Get, in n8n’s engine against the Polar double', () => {
	it('gets a product By ID: the whole product, prices and benefits included', async () => {
		const result = await runProduct(polar(), 'get', {
			parameters: { product: byId(PRODUCT_IDS.teamYearly) },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([seeded(PRODUCT_IDS.teamYearly)]);
		expect(result.success[0].json).toMatchObject({
			name: 'Team Yearly',
			prices: [{ price_amount: 19000 }],
			benefits: [{ description: 'Priority support' }, { description: 'Download' }],
		});
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		const [request] = polar().requests;
		expect([request.method, request.path, request.body]).toEqual([
			'GET',
			`/v1/products/${PRODUCT_IDS.teamYearly}`,
			undefined,
		]);
	});

	it('takes the product picked From List, one product per item', async () => {
		const result = await runProduct(polar(), 'get', {
			parameters: { product: { __rl: true, mode: 'list', value: '={{ $json.id }}' } },
			items: [{ id: PRODUCT_IDS.ebook }, { id: PRODUCT_IDS.legacyStarter }],
		});
		expect(jsonOf(result.success).map((p) => [p.name, p.is_archived])).toEqual([
			['Pricing Field Guide (e-book)', false],
			['Legacy Starter', true],
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a missing product: the message names its ID', async () => {
		const result = await runProduct(polar(), 'get', { parameters: { product: byId(NO_PRODUCT) } });
		expect(result.executionError).toMatchObject({
			message: `No Polar product with ID "${NO_PRODUCT}"`,
			description: expect.stringMatching(/environment \(sandbox or production\)/),
			httpCode: '404',
			itemIndex: 0,
		});
		expect(polar().requests).toHaveLength(1);
	});

	it('with On Error: Continue, a missing product is its item’s error output', async () => {
		const result = await runProduct(polar(), 'get', {
			parameters: { product: byId('={{ $json.id }}') },
			items: [{ id: NO_PRODUCT }, { id: PRODUCT_IDS.proMonthly }],
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
			[`No Polar product with ID "${NO_PRODUCT}"`, { item: 0 }],
		]);
		expect(jsonOf(result.success).map((p) => p.id)).toEqual([PRODUCT_IDS.proMonthly]);
	});

	it('refuses an ID that is not a UUID before sending, naming the field and the item', async () => {
		const result = await runProduct(polar(), 'get', {
			parameters: { product: byId('={{ $json.id }}') },
			items: [{ id: PRODUCT_IDS.proMonthly }, { id: 'pro-monthly' }],
		});
		expect(result.executionError?.message).toBe(
			'Product (By ID) "pro-monthly" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 1]',
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a token without products:read: Polar’s 403 names the scope', async () => {
		const result = await runProduct(polar(), 'get', {
			parameters: { product: byId(PRODUCT_IDS.proMonthly) },
			token: TOKENS.customersOnly,
		});
		expect(result.executionError?.message).toMatch(/products:read/);
	});
});
