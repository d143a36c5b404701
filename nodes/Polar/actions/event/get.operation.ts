import { requireUuid } from '../../helpers/validation';
import { isPolarNotFound, type RefineFailure } from '../../transport/errors';
import { getOperation } from '../common.get';

const refineMissingEvent =
	(id: string): RefineFailure =>
	(failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar event with ID "${id}"`,
					description:
						'Check the ID (Polar’s event ID, not your Deduplication ID), and that the credential points at the environment and organization of the event.',
				}
			: failure;

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'event',
	path: '/v1/events/{id}',
	locator: {
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
		description: 'Polar’s ID of the event, e.g. from Get Many',
	},
	readId: (value) =>
		requireUuid(
			value,
			'Event ID',
			'Polar’s event ID is a UUID; find events by other fields with Get Many.',
		),
	refine: refineMissingEvent,
});
