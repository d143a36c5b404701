import { DISCOUNT_IDS, PRODUCT_IDS } from '../../../dev/polar-double';
import {
	linkAtPolar,
	NO_SUCH_ID,
	onlyBody,
	productsById,
	runCheckout,
	useCheckoutDouble,
} from './fixtures';

const polar = useCheckoutDouble();

const update = (checkoutLinkId: string, updateFields: Record<string, unknown>, options = {}) =>
	runCheckout(polar(), 'checkoutLink', 'update', {
		parameters: { checkoutLinkId, updateFields, options } as never,
	});

describe('Checkout Link → Update, in n8n’s engine against the Polar double', () => {
	it('sends only the fields given, as typed', async () => {
		const id = linkAtPolar(polar(), { label: 'old', discount_id: DISCOUNT_IDS.launch });
		const result = await update(id, {
			label: 'Renamed',
			products: productsById(PRODUCT_IDS.ebook, PRODUCT_IDS.teamYearly),
			removeDiscount: true,
			successUrl: 'https://example.com/done?checkout={CHECKOUT_ID}',
			allowDiscountCodes: false,
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyBody(polar())).toEqual({
			label: 'Renamed',
			products: [PRODUCT_IDS.ebook, PRODUCT_IDS.teamYearly],
			discount_id: null,
			success_url: 'https://example.com/done?checkout={CHECKOUT_ID}',
			allow_discount_codes: false,
		});
		expect(result.success[0].json).toMatchObject({
			label: 'Renamed',
			discount: null,
			allow_discount_codes: false,
		});
	});

	it('refuses an empty update, and Remove Discount with a Discount, before sending', async () => {
		const id = linkAtPolar(polar());
		expect((await update(id, {})).executionError?.message).toBe(
			'Update Fields are empty: add the fields to change [item 0]',
		);
		const both = await update(id, {
			removeDiscount: true,
			discountId: { __rl: true, mode: 'list', value: DISCOUNT_IDS.launch },
		});
		expect(both.executionError?.message).toBe(
			'Remove Discount and Discount are both set; choose one [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a missing link: the message names its ID; an archived product by its place', async () => {
		const missing = await update(NO_SUCH_ID, { label: 'x' });
		expect(missing.executionError?.message).toBe(`No Polar checkout link with ID "${NO_SUCH_ID}"`);
		const id = linkAtPolar(polar());
		const archived = await update(id, { products: productsById(PRODUCT_IDS.legacyStarter) });
		expect(archived.executionError?.message).toBe(
			`Products → Product 1 ("${PRODUCT_IDS.legacyStarter}"): Product is archived.`,
		);
	});

	it('is sent again when the answer is lost: the same values twice leave the link as once', async () => {
		const id = linkAtPolar(polar());
		polar().loseAnswer('PATCH /v1/checkout-links/{id}');
		const result = await update(id, { label: 'Twice' }, { maxRetries: 3, maxRetryWait: 1 });
		expect(result.executionError).toBeUndefined();
		expect(polar().requests.map((r) => r.status)).toEqual([502, 200]);
		expect(result.success[0].json).toMatchObject({ id, label: 'Twice' });
	});
});
