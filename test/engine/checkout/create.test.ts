import type { IDataObject } from 'n8n-workflow';

import {
	CHECKOUT_TTL_SECONDS,
	DISCOUNT_IDS,
	FIXTURE_IDS,
	PRODUCT_IDS,
} from '../../../dev/polar-double';
import {
	byExternalId,
	byId,
	FOREIGN_PRODUCT,
	jsonOf,
	NO_SUCH_ID,
	onlyBody,
	productsById,
	runCheckout,
	useCheckoutDouble,
} from './fixtures';
import type { RunOptions } from '../fixtures';

const polar = useCheckoutDouble();

const create = (parameters: IDataObject, options: Omit<RunOptions, 'parameters'> = {}) =>
	runCheckout(polar(), 'checkout', 'create', { parameters, ...options });

describe('Checkout → Create, in n8n’s engine against the Polar double', () => {
	it('opens a checkout for the products given, the buyer’s url and expiry first', async () => {
		const result = await create({
			products: {
				product: [
					{ product: byId(PRODUCT_IDS.proMonthly) },
					{ product: { __rl: true, mode: 'list', value: PRODUCT_IDS.ebook } },
				],
			},
			additionalFields: { customer: byId(FIXTURE_IDS.ada) },
		});
		expect(result.executionError).toBeUndefined();
		const [checkout] = jsonOf(result.success);
		expect(Object.keys(checkout).slice(0, 2)).toEqual(['url', 'expires_at']);
		expect(checkout).toMatchObject({
			status: 'open',
			customer_id: FIXTURE_IDS.ada,
			product_id: PRODUCT_IDS.proMonthly,
			url: `https://polar.sh/checkout/${String(checkout.client_secret)}`,
		});
		expect(Date.parse(String(checkout.expires_at)) - Date.parse(String(checkout.created_at))).toBe(
			CHECKOUT_TTL_SECONDS * 1000,
		);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expect(onlyBody(polar())).toEqual({
			products: [PRODUCT_IDS.proMonthly, PRODUCT_IDS.ebook],
			customer_id: FIXTURE_IDS.ada,
		});
	});

	it('sends every field as typed', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.teamYearly),
			additionalFields: {
				allowDiscountCodes: false,
				allowTrial: false,
				amountInCurrency: 15,
				billingAddress: { address: { country: 'fr', line1: '1 Rue de Rivoli', city: 'Paris' } },
				customerBillingName: 'Acme SAS',
				isBusinessCustomer: true,
				currency: 'eur',
				customer: byExternalId('usr_new_buyer'),
				customerEmail: 'buyer@example.com',
				customerIpAddress: '203.0.113.7',
				customerMetadata: {
					entries: [
						{ key: 'source', type: 'string', value: 'webinar' },
						{ key: 'score', type: 'number', value: '42' },
					],
				},
				customerName: 'Nathan Smith',
				discountId: { __rl: true, mode: 'list', value: DISCOUNT_IDS.launch },
				embedOrigin: 'https://example.com',
				locale: 'fr-CA',
				metadata: {
					entries: [
						{ key: 'deal', type: 'string', value: '0042' },
						{ key: 'vip', type: 'boolean', value: 'true' },
					],
				},
				requireBillingAddress: true,
				returnUrl: 'https://example.com/pricing',
				customerTaxId: 'FR40303265045',
				trial: { period: { interval: 'month', count: 2 } },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyBody(polar())).toEqual({
			products: [PRODUCT_IDS.teamYearly],
			allow_discount_codes: false,
			allow_trial: false,
			amount: 1500,
			customer_billing_address: { country: 'FR', line1: '1 Rue de Rivoli', city: 'Paris' },
			customer_billing_name: 'Acme SAS',
			is_business_customer: true,
			currency: 'eur',
			external_customer_id: 'usr_new_buyer',
			customer_email: 'buyer@example.com',
			customer_ip_address: '203.0.113.7',
			customer_metadata: { source: 'webinar', score: 42 },
			customer_name: 'Nathan Smith',
			discount_id: DISCOUNT_IDS.launch,
			embed_origin: 'https://example.com',
			locale: 'fr-CA',
			metadata: { deal: '0042', vip: true },
			require_billing_address: true,
			return_url: 'https://example.com/pricing',
			customer_tax_id: 'FR40303265045',
			trial_interval: 'month',
			trial_interval_count: 2,
		});
		// A new external ID is fine: Polar creates the customer once the checkout is paid.
		expect(result.success[0].json).toMatchObject({
			customer_id: null,
			external_customer_id: 'usr_new_buyer',
			discount_id: DISCOUNT_IDS.launch,
		});
	});

	it('takes Amount in the Currency, as Refund and Discount do, and refuses what the currency cannot hold', async () => {
		const result = await create(
			{
				products: productsById(PRODUCT_IDS.proMonthly),
				additionalFields: {
					amountInCurrency: '={{ $json.amount }}',
					currency: '={{ $json.currency }}',
				},
			},
			{
				items: [
					{ amount: '15.00', currency: 'usd' },
					{ amount: 1500, currency: 'jpy' },
					{ amount: 0, currency: 'eur' },
					{ amount: 12.5, currency: 'jpy' },
					{ amount: 15 },
				],
				onError: 'continueErrorOutput',
			},
		);
		const sent = polar().requests.map((r) => r.body as IDataObject);
		expect(sent.map((body) => [body.currency, body.amount]).sort()).toEqual([
			['eur', 0],
			['jpy', 1500],
			['usd', 1500],
		]);
		expect(result.error.map((item) => item.json.message)).toEqual([
			'Amount is 12.5 JPY, but JPY has no smaller unit: give whole JPY [item 3]',
			'Amount needs Currency: Polar takes it in that currency, and without Currency picks one from the buyer’s location [item 4]',
		]);
	});

	it('a workflow saved on node version 1 keeps Amount in the currency’s smallest unit', async () => {
		const result = await create(
			{
				products: productsById(PRODUCT_IDS.proMonthly),
				additionalFields: { amount: 1500, currency: 'usd' },
			},
			{ typeVersion: 1 },
		);
		expect(result.executionError).toBeUndefined();
		expect(onlyBody(polar())).toMatchObject({ amount: 1500, currency: 'usd' });
	});

	it('sends {CHECKOUT_ID} literally, and Polar answers the URL with the checkout’s ID in it', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			additionalFields: {
				successUrl: 'https://example.com/thanks/{CHECKOUT_ID}?checkout_id={CHECKOUT_ID}',
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(polar().requests[0].rawBody).toContain(
			'"success_url":"https://example.com/thanks/{CHECKOUT_ID}?checkout_id={CHECKOUT_ID}"',
		);
		const [checkout] = jsonOf(result.success);
		expect(checkout.success_url).toBe(
			`https://example.com/thanks/${String(checkout.id)}?checkout_id=${String(checkout.id)}`,
		);
	});

	it('sends seats as typed; Polar refuses them for products without seat pricing', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			additionalFields: { seats: 5, minSeats: 2, maxSeats: 10 },
		});
		expect(onlyBody(polar())).toMatchObject({ seats: 5, min_seats: 2, max_seats: 10 });
		expect(result.executionError).toMatchObject({
			message: 'Seats: Seats can only be set for seat-based pricing.',
			description: 'Remove Seats, or choose products priced per seat.',
			httpCode: '422',
		});
	});

	it.each([
		[
			'a product that is not a UUID',
			{ products: productsById(PRODUCT_IDS.ebook, '={{ "pro-monthly" }}') },
			'Products → Product 2 (By ID) "pro-monthly" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 0]',
		],
		[
			'a product listed twice',
			{ products: productsById(PRODUCT_IDS.ebook, PRODUCT_IDS.ebook.toUpperCase()) },
			`Products → Product 2 "${PRODUCT_IDS.ebook}" is listed twice; Polar takes each product once [item 0]`,
		],
		['no product', { products: {} }, 'Products is empty: add at least one product [item 0]'],
		[
			'a trial count above Polar’s limit',
			{
				products: productsById(PRODUCT_IDS.ebook),
				additionalFields: { trial: { period: { interval: 'day', count: 1001 } } },
			},
			'Trial interval count is 1001; give a whole number from 1 to 1000 [item 0]',
		],
		[
			'a success URL that is not a URL',
			{ products: productsById(PRODUCT_IDS.ebook), additionalFields: { successUrl: '/thanks' } },
			'Success URL "/thanks" is not an absolute http(s) URL, e.g. https://example.com/account [item 0]',
		],
		[
			'an email that is not one',
			{
				products: productsById(PRODUCT_IDS.ebook),
				additionalFields: { customerEmail: 'buyer.example.com' },
			},
			'Customer Email "buyer.example.com" is not an email address [item 0]',
		],
		[
			'min seats above max seats',
			{
				products: productsById(PRODUCT_IDS.ebook),
				additionalFields: { minSeats: 5, maxSeats: 2 },
			},
			'Min Seats (5) is above Max Seats (2) [item 0]',
		],
		[
			'an IP address that is not one',
			{
				products: productsById(PRODUCT_IDS.ebook),
				additionalFields: { customerIpAddress: '300.1.1.1' },
			},
			'Customer IP Address "300.1.1.1" is not an IPv4 or IPv6 address [item 0]',
		],
	])('refuses %s before sending, naming the field and item', async (_case, parameters, message) => {
		const result = await create(parameters);
		expect(result.executionError?.message).toBe(message);
		expect(polar().requests).toHaveLength(0);
	});

	it('names the item whose input is bad, and sends none', async () => {
		const result = await create(
			{ products: productsById('={{ $json.product }}') },
			{ items: [{ product: PRODUCT_IDS.ebook }, { product: 'ebook' }] },
		);
		expect(result.executionError?.message).toMatch(
			/^Products → Product 1 \(By ID\) "ebook" .* \[item 1\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it.each([
		[
			'archived',
			PRODUCT_IDS.legacyStarter,
			'Product is archived.',
			/no longer on sale: choose another product, or unarchive it/,
		],
		['unknown', NO_SUCH_ID, 'Product does not exist.', /environment \(sandbox or production\)/],
		[
			'of another organization',
			FOREIGN_PRODUCT,
			'Product does not exist.',
			/organization the product belongs to/,
		],
	])(
		'a product Polar refuses (%s): the message names its place and ID',
		async (_c, id, msg, help) => {
			const result = await create({ products: productsById(PRODUCT_IDS.ebook, id) });
			expect(result.executionError).toMatchObject({
				message: `Products → Product 2 ("${id}"): ${msg}`,
				description: expect.stringMatching(help),
				httpCode: '422',
			});
			expect(polar().checkouts.checkouts).toHaveLength(0);
		},
	);

	it('a customer ID Polar does not hold: says so, and how to sell to someone new', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			additionalFields: { customer: byId(NO_SUCH_ID) },
		});
		expect(result.executionError?.message).toBe(`No Polar customer with ID "${NO_SUCH_ID}"`);
		expect(result.executionError?.description).toMatch(/choose the customer by Ext\. ID/);
	});

	it('a discount Polar does not hold: names the field', async () => {
		const result = await create({
			products: productsById(PRODUCT_IDS.ebook),
			additionalFields: { discountId: byId(NO_SUCH_ID) },
		});
		expect(result.executionError?.message).toBe(
			`Discount "${NO_SUCH_ID}": Discount does not exist.`,
		);
	});

	it('with Continue (using error output), each item ends on its branch, paired to its input', async () => {
		const result = await create(
			{ products: productsById('={{ $json.product }}') },
			{
				items: [
					{ product: PRODUCT_IDS.ebook },
					{ product: PRODUCT_IDS.legacyStarter },
					{ product: PRODUCT_IDS.proMonthly },
				],
				onError: 'continueErrorOutput',
			},
		);
		expect(result.success.map((item) => [item.json.product_id, item.pairedItem])).toEqual([
			[PRODUCT_IDS.ebook, { item: 0 }],
			[PRODUCT_IDS.proMonthly, { item: 2 }],
		]);
		expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
			[`Products → Product 1 ("${PRODUCT_IDS.legacyStarter}"): Product is archived.`, { item: 1 }],
		]);
	});

	it('is not sent again when the answer is lost after Polar created the checkout', async () => {
		polar().loseAnswer('POST /v1/checkouts/');
		const result = await create(
			{ products: productsById(PRODUCT_IDS.ebook), options: { maxRetries: 3, maxRetryWait: 1 } },
			{},
		);
		expect(polar().requests).toHaveLength(1);
		expect(polar().checkouts.checkouts).toHaveLength(1);
		expect(result.executionError?.description).toMatch(
			/Polar may have created the checkout \(unused, it expires within 24 hours\) before the answer was lost\. The node did not send it again/,
		);
	});
});
