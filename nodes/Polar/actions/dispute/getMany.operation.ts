import type { IDataObject } from 'n8n-workflow';

import { asText, requireUuid } from '../../helpers/validation';
import { getManyOperation } from '../common.getMany';

/** Polar's DisputeStatus. */
const STATUSES = [
	{ name: 'Early Warning', value: 'early_warning' },
	{ name: 'Lost', value: 'lost' },
	{ name: 'Needs Response', value: 'needs_response' },
	{ name: 'Prevented', value: 'prevented' },
	{ name: 'Under Review', value: 'under_review' },
	{ name: 'Won', value: 'won' },
];

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'dispute',
	path: '/v1/disputes/',
	filters: [
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a01',
			description: 'Only disputes of this order (Polar’s order ID, a UUID)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: STATUSES,
			default: [],
			description: 'Only disputes in one of these states',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		const field = 'Filters → Order ID';
		const orderId = asText(filters.orderId, field);
		if (orderId) qs.order_id = requireUuid(orderId, field, 'Copy the order’s ID from Polar.');
		const status = filters.status as string[] | undefined;
		if (status && status.length > 0) qs.status = status;
		return qs;
	},
});
