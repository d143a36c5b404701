import { PRODUCT_IDS, type PolarDouble } from '../../../dev/polar-double';

export {
	FOREIGN_PRODUCT,
	jsonOf,
	NO_SUCH_ID,
	onlyBody,
	productsById,
	runCheckout,
	TOKENS,
	useCheckoutDouble,
} from '../checkout/fixtures';

/** A checkout link made at the double, as an earlier run would have made it; its ID. */
export function linkAtPolar(double: PolarDouble, body: Record<string, unknown> = {}): string {
	const answer = double.checkoutLinks.create({
		payment_processor: 'stripe',
		products: [PRODUCT_IDS.proMonthly],
		...body,
	});
	return (JSON.parse(answer.body) as { id: string }).id;
}
