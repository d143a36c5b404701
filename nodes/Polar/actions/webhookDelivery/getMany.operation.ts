import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';
import { asText, InputError } from '../../helpers/validation';
import { readWebhookEndpointId, webhookEndpointLocator } from '../../helpers/webhookEndpoint';
import { WEBHOOK_EVENTS } from '../../trigger/events';
import { getManyOperation } from '../common.getMany';

const CODE_CLASSES = ['2xx', '3xx', '4xx', '5xx'];

/** Polar's list query for the filters (service.py list_deliveries), checked before sending. */
function toQuery(filters: IDataObject, zone: string): IDataObject {
	const qs: IDataObject = {};
	if (filters.endpoint !== undefined) {
		qs.endpoint_id = readWebhookEndpointId(
			filters.endpoint as INodeParameterResourceLocator | string,
			'Filters → Endpoint',
		);
	}
	const after = readDateTime(filters.deliveredAfter, 'Filters → Delivered After', zone);
	if (after) qs.start_timestamp = after;
	const before = readDateTime(filters.deliveredBefore, 'Filters → Delivered Before', zone);
	if (before) qs.end_timestamp = before;
	if (after && before && Date.parse(after) >= Date.parse(before)) {
		throw new InputError('Filters → Delivered Before', 'is not after Delivered After');
	}
	const types = (filters.eventType as string[] | undefined) ?? [];
	if (types.length > 0) qs.event_type = types;
	if (filters.httpCodeClass !== undefined) {
		const codeClass = String(filters.httpCodeClass);
		if (!CODE_CLASSES.includes(codeClass)) {
			throw new InputError(
				'Filters → HTTP Code Class',
				`"${codeClass}" is not 2xx, 3xx, 4xx or 5xx`,
			);
		}
		qs.http_code_class = codeClass;
	}
	const query = asText(filters.query, 'Filters → Search');
	if (query) qs.query = query;
	if (filters.succeeded !== undefined) qs.succeeded = filters.succeeded === true;
	return qs;
}

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'webhookDelivery',
	path: '/v1/webhooks/deliveries',
	filters: [
		{
			displayName: 'Delivered After',
			name: 'deliveredAfter',
			type: 'dateTime',
			default: '',
			description: 'Only deliveries attempted after this time',
		},
		{
			displayName: 'Delivered Before',
			name: 'deliveredBefore',
			type: 'dateTime',
			default: '',
			description: 'Only deliveries attempted before this time',
		},
		{
			...webhookEndpointLocator(
				'Only deliveries to this endpoint, e.g. the one a Polar Trigger registered (From list finds it by the trigger’s URL)',
				'endpoint',
			),
			required: false,
		},
		{
			displayName: 'Event Type',
			name: 'eventType',
			type: 'multiOptions',
			options: [...WEBHOOK_EVENTS],
			default: [],
			description: 'Only deliveries of events of these types',
		},
		{
			displayName: 'HTTP Code Class',
			name: 'httpCodeClass',
			type: 'options',
			options: [
				{ name: '2xx (Success)', value: '2xx' },
				{ name: '3xx (Redirect)', value: '3xx' },
				{ name: '4xx (Client Error)', value: '4xx' },
				{ name: '5xx (Server Error)', value: '5xx' },
			],
			default: '5xx',
			description:
				'Only deliveries the endpoint answered with a code of this class (not those that could not reach it)',
		},
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
			description:
				'Only deliveries whose ID, event ID or HTTP code contains this text: an event’s ID lists every attempt at it',
		},
		{
			displayName: 'Succeeded',
			name: 'succeeded',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only successful deliveries (on) or only failed ones (off). Without this filter, all.',
		},
	],
	toQuery,
});
