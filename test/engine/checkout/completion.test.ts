// A workflow's round trip: Checkout → Create through the node, the buyer completes it at the
// double (as on Polar's checkout page), and Order → Get Many finds the order it made.

import { DEFAULT_TOKEN, FIXTURE_IDS, PRODUCT_IDS } from '../../../dev/polar-double';
import { runOperation } from '../fixtures';
import { byId, jsonOf, productsById, runCheckout, useCheckoutDouble } from './fixtures';

const polar = useCheckoutDouble({
	tokens: { [DEFAULT_TOKEN]: ['checkouts:write', 'orders:read'] },
});

describe('a checkout made by the node, completed by the buyer, in n8n’s engine', () => {
	it('Order → Get Many filtered by the checkout’s ID finds the one order it made', async () => {
		const created = await runCheckout(polar(), 'checkout', 'create', {
			parameters: {
				products: productsById(PRODUCT_IDS.proMonthly),
				additionalFields: { customer: byId(FIXTURE_IDS.grace) },
			},
		});
		expect(created.executionError).toBeUndefined();
		const [checkout] = jsonOf(created.success);
		const completed = await polar().completeCheckout(String(checkout.id));
		expect(completed.status).toBe(200);
		const { order, subscription } = completed.body as Record<string, Record<string, unknown>>;

		const found = await runOperation(polar(), 'order', 'getAll', {
			parameters: { returnAll: true, filters: { checkoutId: checkout.id } },
		});
		expect(found.executionError).toBeUndefined();
		expect(jsonOf(found.success)).toEqual([
			expect.objectContaining({
				id: order.id,
				checkout_id: checkout.id,
				customer_id: FIXTURE_IDS.grace,
				subscription_id: subscription.id,
				status: 'paid',
			}),
		]);
		polar().subscriptions.restore();
	});
});
