import { orderLocator, readOrderId, refineOrderFailure } from '../../helpers/order';
import { getOperation } from '../common.get';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'order',
	path: '/v1/orders/{id}',
	locator: orderLocator('The order to get'),
	readId: (locator) => readOrderId(locator),
	refine: refineOrderFailure,
});
