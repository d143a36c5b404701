import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../../transport/errors';
import { requireUuid } from '../../helpers/validation';
import { getOperation } from '../common.get';

/** A missing customer meter (Polar's 404), named by its ID. */
const refineCustomerMeterFailure =
	(id: string): RefineFailure =>
	(failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar customer meter with ID "${id}"`,
					description:
						'A customer meter’s ID is its own, not the customer’s or the meter’s: Get Many, filtered by customer and meter, finds it.',
				}
			: failure;

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'customerMeter',
	path: '/v1/customer-meters/{id}',
	locator: {
		displayName: 'Customer Meter ID',
		name: 'customerMeterId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5f3c2b9e-8d4a-4c1e-9b7a-1d2e3f4a5b61',
		description:
			'Polar’s ID of one customer’s meter (the ID of a Customer Meter → Get Many result)',
	},
	readId: (value: INodeParameterResourceLocator | string) =>
		requireUuid(
			value,
			'Customer Meter ID',
			'Use the id of a Customer Meter → Get Many result, not the customer’s or the meter’s ID.',
		),
	refine: refineCustomerMeterFailure,
});
