import { PRODUCT_IDS } from '../../../dev/polar-double';
import {
	jsonOf,
	linkAtPolar,
	NO_SUCH_ID,
	runCheckout,
	TOKENS,
	useCheckoutDouble,
} from './fixtures';

const polar = useCheckoutDouble();

describe('Checkout Link → Get and Get Many, in n8n’s engine against the Polar double', () => {
	it('gets a link by its ID', async () => {
		const id = linkAtPolar(polar(), { label: 'Pro' });
		const result = await runCheckout(polar(), 'checkoutLink', 'get', {
			parameters: { checkoutLinkId: id },
			token: TOKENS.read,
		});
		expect(jsonOf(result.success)).toEqual([polar().checkoutLinks.links[0]]);
		expect(result.success[0].json).toMatchObject({ id, label: 'Pro' });
	});

	it('a missing link: the message names its ID', async () => {
		const result = await runCheckout(polar(), 'checkoutLink', 'get', {
			parameters: { checkoutLinkId: NO_SUCH_ID },
			token: TOKENS.read,
		});
		expect(result.executionError).toMatchObject({
			message: `No Polar checkout link with ID "${NO_SUCH_ID}"`,
			httpCode: '404',
		});
	});

	it('lists links oldest first, or those offering a product', async () => {
		linkAtPolar(polar(), { label: 'first' });
		linkAtPolar(polar(), { label: 'second', products: [PRODUCT_IDS.ebook] });
		const all = await runCheckout(polar(), 'checkoutLink', 'getAll', {
			parameters: { returnAll: true },
			token: TOKENS.read,
		});
		expect(jsonOf(all.success).map((l) => l.label)).toEqual(['first', 'second']);
		const ebook = await runCheckout(polar(), 'checkoutLink', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { product: { __rl: true, mode: 'id', value: PRODUCT_IDS.ebook } },
			},
			token: TOKENS.read,
		});
		expect(jsonOf(ebook.success).map((l) => l.label)).toEqual(['second']);
		expect(polar().requests.at(-1)?.query).toMatchObject({ product_id: PRODUCT_IDS.ebook });
	});
});
