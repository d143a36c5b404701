import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { ALREADY_DONE, sendStateChange } from '../../helpers/alreadyDone';
import {
	licenseKeyOrganization,
	licenseKeyField,
	type OrganizationSource,
} from '../../helpers/licenseKey';
import { requireText, requireUuid } from '../../helpers/validation';
import { isPolarNotFound, type RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/license-keys/deactivate' }];

const properties: INodeProperties[] = [
	licenseKeyField('The license key whose activation to remove'),
	{
		displayName: 'Activation ID',
		name: 'activationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
		description: 'Polar’s ID of the activation, as Activate returned it',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['licenseKey'], operation: ['deactivate'] } },
	properties,
);

export interface DeactivateInput {
	body: IDataObject;
	organization: OrganizationSource;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): DeactivateInput {
	return {
		body: {
			key: requireText(this.getNodeParameter('key', itemIndex), 'Key'),
			activation_id: requireUuid(this.getNodeParameter('activationId', itemIndex), 'Activation ID'),
		},
		organization: licenseKeyOrganization(this),
	};
}

export function describeDone(input: DeactivateInput): string {
	return `activation ${String(input.body.activation_id)} removed`;
}

const refine: RefineFailure = (failure, response) =>
	isPolarNotFound(response.status, response.body)
		? {
				...failure,
				message: 'No such activation of this license key in the credential’s organization',
				description:
					'Check the key and the Activation ID (a removed activation is gone), and the credential’s Organization ID.',
			}
		: failure;

export async function send(
	client: PolarClient,
	input: DeactivateInput,
	itemIndex: number,
): Promise<IDataObject> {
	const organizationId = await input.organization(client, itemIndex);
	const done = { deactivated: true, activation_id: input.body.activation_id };
	const deactivated = sendStateChange(
		client,
		{
			...endpoints[0],
			body: { ...input.body, organization_id: organizationId },
			// Removing an activation twice leaves the same result (the repeat answers 404 at worst).
			repeatable: true,
			noContent: true,
			refine,
		},
		{
			// license_key/service.py deactivate → get_activation_or_raise: ResourceNotFound (404)
			// once the activation is deleted. (Polar's 404 for an unknown key reads the same.)
			refusedAsSet: (response) => isPolarNotFound(response.status, response.body),
			current: async () => done,
		},
		itemIndex,
	);
	const answer = await input.organization.checked(client, organizationId, itemIndex, deactivated);
	return ALREADY_DONE in answer ? answer : done;
}
