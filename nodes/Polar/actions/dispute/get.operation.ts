import { getOperation } from '../common.get';
import { disputeLocator, readDisputeId, refineDisputeNotFound } from './dispute';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'dispute',
	path: '/v1/disputes/{id}',
	locator: disputeLocator('The dispute to get'),
	readId: readDisputeId,
	refine: refineDisputeNotFound,
});
