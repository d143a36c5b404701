import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requireUuid } from '../../helpers/validation';
import { isPolarNotFound, type RefineFailure } from '../../transport/errors';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [
	{ method: 'GET', path: '/v1/license-keys/{id}/activations/{activation_id}' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['licenseKey'], operation: ['getActivation'] } },
	[
		{
			displayName: 'License Key ID',
			name: 'licenseKeyId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
			description: 'Polar’s ID of the license key (not the key itself)',
		},
		{
			displayName: 'Activation ID',
			name: 'activationId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5b3c9c6e-2f4a-4d8e-9a1b-7c6d5e4f3a2b',
			description: 'Polar’s ID of the activation, as Activate returned it',
		},
	],
);

export interface GetActivationInput {
	id: string;
	activationId: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetActivationInput {
	return {
		id: requireUuid(this.getNodeParameter('licenseKeyId', itemIndex), 'License Key ID'),
		activationId: requireUuid(this.getNodeParameter('activationId', itemIndex), 'Activation ID'),
	};
}

function refine(input: GetActivationInput): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No activation "${input.activationId}" of Polar license key "${input.id}"`,
					description:
						'Check both IDs (a deactivated activation is gone), and that the credential points at the environment and organization of the key.',
				}
			: failure;
}

export async function send(client: PolarClient, input: GetActivationInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'GET',
			path: apiPath`/v1/license-keys/${input.id}/activations/${input.activationId}`,
			repeatable: true,
			refine: refine(input),
		},
		itemIndex,
	);
}
