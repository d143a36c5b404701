import {
	readSubscriptionId,
	refineSubscriptionFailure,
	subscriptionLocator,
} from '../../helpers/subscription';
import { getOperation } from '../common.get';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'subscription',
	path: '/v1/subscriptions/{id}',
	locator: subscriptionLocator('The subscription to get'),
	readId: (locator) => readSubscriptionId(locator),
	refine: (id) => refineSubscriptionFailure(id, 'return the subscription'),
});
