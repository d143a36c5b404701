import { productLocator, readProductId, refineProductFailure } from '../../helpers/product';
import { getOperation } from '../common.get';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'product',
	path: '/v1/products/{id}',
	locator: productLocator('The product to get'),
	readId: (locator) => readProductId(locator),
	refine: refineProductFailure,
});
