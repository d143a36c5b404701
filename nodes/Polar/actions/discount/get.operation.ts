import { discountLocator, readDiscountId, refineDiscountFailure } from '../../helpers/discount';
import { getOperation } from '../common.get';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'discount',
	path: '/v1/discounts/{id}',
	locator: discountLocator('The discount to get'),
	readId: (locator) => readDiscountId(locator),
	refine: refineDiscountFailure,
});
