import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requireUuid } from '../../helpers/validation';
import { refineMissingLicenseKey } from '../../helpers/licenseKey';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'GET', path: '/v1/license-keys/{id}' }];

export const description = updateDisplayOptions(
	{ show: { resource: ['licenseKey'], operation: ['get'] } },
	[
		{
			displayName: 'License Key ID',
			name: 'licenseKeyId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
			description:
				'Polar’s ID of the license key (not the key itself), e.g. from Get Many or a benefit grant’s properties.license_key_id',
		},
	],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return requireUuid(this.getNodeParameter('licenseKeyId', itemIndex), 'License Key ID');
}

export async function send(client: PolarClient, id: string, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'GET',
			path: apiPath`/v1/license-keys/${id}`,
			repeatable: true,
			refine: refineMissingLicenseKey(id),
		},
		itemIndex,
	);
}
