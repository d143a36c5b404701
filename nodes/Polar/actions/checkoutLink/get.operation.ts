import { getOperation } from '../common.get';
import { checkoutLinkIdField, readCheckoutLinkId, refineMissingCheckoutLink } from './fields';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'checkoutLink',
	path: '/v1/checkout-links/{id}',
	locator: checkoutLinkIdField('The checkout link to get'),
	readId: readCheckoutLinkId,
	refine: refineMissingCheckoutLink,
});
