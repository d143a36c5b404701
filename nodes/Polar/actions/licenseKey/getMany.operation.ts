import type { IDataObject } from 'n8n-workflow';

import { LICENSE_KEY_STATUSES } from '../../helpers/licenseKey';
import { requireUuid } from '../../helpers/validation';
import { getManyOperation } from '../common.getMany';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'licenseKey',
	path: '/v1/license-keys/',
	filters: [
		{
			displayName: 'Benefit ID',
			name: 'benefitId',
			type: 'string',
			default: '',
			description: 'Only keys granted by this license key benefit',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: LICENSE_KEY_STATUSES,
			default: 'granted',
			description: 'Only keys with this status',
		},
	],
	toQuery(filters: IDataObject) {
		const qs: IDataObject = {};
		if (filters.benefitId) qs.benefit_id = requireUuid(filters.benefitId, 'Filters → Benefit ID');
		if (filters.status) qs.status = filters.status;
		return qs;
	},
});
