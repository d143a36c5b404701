import { DISCOUNT_IDS, PRODUCT_IDS } from '../../../dev/polar-double';
import { byId } from '../fixtures';
import {
	FOREIGN_PRODUCT,
	jsonOf,
	NO_SUCH_ID,
	onlyBody,
	productsById,
	runCheckout,
	useCheckoutDouble,
} from './fixtures';

const polar = useCheckoutDouble();

const create = (parameters: Record<string, unknown>) =>
	runCheckout(polar(), 'checkoutLink', 'create', { parameters: parameters as never });

describe('Checkout Link → Create, in n8n’s engine against the Polar double', () => {
	it('creates a lasting link; the node always sends Stripe as the payment processor', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.proMonthly, PRODUCT_IDS.ebook),
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyBody(polar())).toEqual({
			payment_processor: 'stripe',
			products: [PRODUCT_IDS.proMonthly, PRODUCT_IDS.ebook],
		});
		const [link] = jsonOf(result.success);
		expect(link.url).toBe(`https://buy.polar.sh/${String(link.client_secret)}`);
		expect(link.client_secret).toMatch(/^polar_cl_/);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends every field as typed, {CHECKOUT_ID} literally', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.proMonthly),
			additionalFields: {
				allowDiscountCodes: false,
				// A plain ID, as the former Discount ID field stored it, still reads.
				discountId: DISCOUNT_IDS.launch,
				label: 'Spring newsletter',
				metadata: { entries: [{ key: 'campaign', type: 'number', value: '7' }] },
				requireBillingAddress: true,
				returnUrl: 'https://example.com/pricing',
				successUrl: 'https://example.com/welcome/{CHECKOUT_ID}',
				trial: { period: { interval: 'day', count: 14 } },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyBody(polar())).toEqual({
			payment_processor: 'stripe',
			products: [PRODUCT_IDS.proMonthly],
			allow_discount_codes: false,
			discount_id: DISCOUNT_IDS.launch,
			label: 'Spring newsletter',
			metadata: { campaign: 7 },
			require_billing_address: true,
			return_url: 'https://example.com/pricing',
			success_url: 'https://example.com/welcome/{CHECKOUT_ID}',
			trial_interval: 'day',
			trial_interval_count: 14,
		});
		expect(polar().requests[0].rawBody).toContain('/welcome/{CHECKOUT_ID}"');
		expect(result.success[0].json).toMatchObject({
			label: 'Spring newsletter',
			success_url: 'https://example.com/welcome/{CHECKOUT_ID}',
		});
	});

	it('sends Seats; Polar refuses them for products not priced per seat', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.proMonthly),
			additionalFields: { seats: 3 },
		});
		expect(onlyBody(polar())).toMatchObject({ seats: 3 });
		expect(result.executionError?.message).toBe(
			'Seats: Seats can only be preconfigured when all products use seat-based pricing.',
		);
	});

	it.each([
		['archived', PRODUCT_IDS.legacyStarter, 'Product is archived.'],
		['of another organization', FOREIGN_PRODUCT, 'Product does not exist.'],
	])('a product Polar refuses (%s): named by its place in Products', async (_case, id, msg) => {
		const result = await create({ products: productsById(PRODUCT_IDS.ebook, id) });
		expect(result.executionError).toMatchObject({
			message: `Products → Product 2 ("${id}"): ${msg}`,
			httpCode: '422',
		});
		expect(polar().checkoutLinks.links).toHaveLength(0);
	});

	it('a discount Polar does not hold: names the field', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			additionalFields: { discountId: byId(NO_SUCH_ID) },
		});
		expect(result.executionError?.message).toBe(
			`Discount "${NO_SUCH_ID}": Discount does not exist or is not applicable to this product.`,
		);
	});

	it('refuses a bad discount ID before sending, naming the field and item', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			additionalFields: { discountId: byId('LAUNCH20') },
		});
		expect(result.executionError?.message).toMatch(
			/^Discount \(By ID\) "LAUNCH20" is not a Polar ID .* \[item 0\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('is not sent again when the answer is lost after Polar created the link', async () => {
		polar().loseAnswer('POST /v1/checkout-links/');
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			options: { maxRetries: 3, maxRetryWait: 1 },
		});
		expect(polar().requests).toHaveLength(1);
		expect(polar().checkoutLinks.links).toHaveLength(1);
		expect(result.executionError?.description).toMatch(
			/Polar may have created the checkout link \(look for a duplicate in Polar’s dashboard\) before the answer was lost/,
		);
	});
});
