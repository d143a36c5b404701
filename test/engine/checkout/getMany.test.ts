import {
	CHECKOUT_TTL_SECONDS,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	PRODUCT_IDS,
} from '../../../dev/polar-double';
import { byExternalId, byId, jsonOf, runCheckout, TOKENS, useCheckoutDouble } from './fixtures';

const polar = useCheckoutDouble();

const list = (filters: Record<string, unknown>) =>
	runCheckout(polar(), 'checkout', 'getAll', {
		parameters: { returnAll: true, filters },
		token: TOKENS.read,
	});

describe('Checkout → Get Many, in n8n’s engine against the Polar double', () => {
	beforeEach(() => {
		polar().checkouts.create({ products: [PRODUCT_IDS.ebook], customer_id: FIXTURE_IDS.ada });
		polar().checkouts.create({
			products: [PRODUCT_IDS.proMonthly],
			customer_email: 'pat@example.org',
		});
	});

	it('lists every checkout, newest first, each with its url and expiry first', async () => {
		const result = await list({});
		const checkouts = jsonOf(result.success);
		expect(checkouts.map((c) => c.product_id)).toEqual([PRODUCT_IDS.proMonthly, PRODUCT_IDS.ebook]);
		expect(checkouts.map((c) => Object.keys(c).slice(0, 2))).toEqual([
			['url', 'expires_at'],
			['url', 'expires_at'],
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('filters by customer (By ID or Ext. ID), product, email and status, as Polar’s query', async () => {
		const byCustomer = await list({ customer: byExternalId(FIXTURE_EXTERNAL_IDS.ada) });
		expect(jsonOf(byCustomer.success).map((c) => c.customer_id)).toEqual([FIXTURE_IDS.ada]);
		expect(polar().requests.at(-1)?.query).toMatchObject({
			external_customer_id: FIXTURE_EXTERNAL_IDS.ada,
		});

		await list({ customer: byId(FIXTURE_IDS.ada) });
		expect(polar().requests.at(-1)?.query).toMatchObject({ customer_id: FIXTURE_IDS.ada });

		const byProduct = await list({ product: byId(PRODUCT_IDS.proMonthly) });
		expect(jsonOf(byProduct.success).map((c) => c.product_id)).toEqual([PRODUCT_IDS.proMonthly]);

		const byEmail = await list({ query: 'example.org' });
		expect(jsonOf(byEmail.success).map((c) => c.customer_email)).toEqual(['pat@example.org']);

		polar().clock.advance(CHECKOUT_TTL_SECONDS * 1000 + 1000);
		const expired = await list({ status: 'expired' });
		expect(jsonOf(expired.success)).toHaveLength(2);
		expect(polar().requests.at(-1)?.query).toMatchObject({ status: 'expired' });
		const open = await list({ status: 'open' });
		expect(open.success).toHaveLength(0);
	});
});
