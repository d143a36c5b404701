import { CHECKOUT_TTL_SECONDS, PRODUCT_IDS } from '../../../dev/polar-double';
import { jsonOf, NO_SUCH_ID, runCheckout, TOKENS, useCheckoutDouble } from './fixtures';

const polar = useCheckoutDouble();

/** A checkout made at the double, as Polar would have made it for another run. */
function checkoutAtPolar(body: Record<string, unknown> = {}): string {
	const answer = polar().checkouts.create({ products: [PRODUCT_IDS.ebook], ...body });
	return (JSON.parse(answer.body) as { id: string }).id;
}

const get = (
	checkoutId: string,
	options: { items?: Array<{ id: string }>; onError?: 'continueErrorOutput' } = {},
) =>
	runCheckout(polar(), 'checkout', 'get', {
		parameters: { checkoutId },
		token: TOKENS.read,
		...options,
	});

describe('Checkout → Get, in n8n’s engine against the Polar double', () => {
	it('gets a checkout, the buyer’s url and expiry first', async () => {
		const id = checkoutAtPolar({ success_url: 'https://example.com/ok?c={CHECKOUT_ID}' });
		const result = await get(id);
		expect(result.executionError).toBeUndefined();
		const [checkout] = jsonOf(result.success);
		expect(Object.keys(checkout).slice(0, 2)).toEqual(['url', 'expires_at']);
		expect(checkout).toMatchObject({
			id,
			status: 'open',
			success_url: `https://example.com/ok?c=${id}`,
		});
		expect(polar().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v1/checkouts/${id}`,
		]);
	});

	it('reports a checkout past its expiry as expired', async () => {
		const id = checkoutAtPolar();
		polar().clock.advance(CHECKOUT_TTL_SECONDS * 1000 + 1000);
		const result = await get(id);
		expect(result.success[0].json.status).toBe('expired');
	});

	it('a missing checkout: the message names its ID; with Continue it is the item’s error', async () => {
		const id = checkoutAtPolar();
		const result = await get('={{ $json.id }}', {
			items: [{ id: NO_SUCH_ID }, { id }],
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
			[`No Polar checkout with ID "${NO_SUCH_ID}"`, { item: 0 }],
		]);
		expect(result.success.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[id, { item: 1 }],
		]);
	});

	it('refuses a client secret in place of the ID before sending', async () => {
		const result = await get('={{ "polar_c_abc" }}');
		expect(result.executionError?.message).toBe(
			'Checkout ID "polar_c_abc" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 0]',
		);
		expect(result.executionError?.description).toMatch(/not its client secret/);
		expect(polar().requests).toHaveLength(0);
	});
});
