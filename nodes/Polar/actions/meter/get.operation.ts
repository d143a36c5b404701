import { meterLocator, readMeterId, refineMeterFailure } from '../../helpers/meter';
import { getOperation } from '../common.get';

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'meter',
	path: '/v1/meters/{id}',
	locator: meterLocator('The meter to get'),
	readId: (locator) => readMeterId(locator),
	refine: refineMeterFailure,
});
