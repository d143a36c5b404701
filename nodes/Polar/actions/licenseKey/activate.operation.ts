import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	conditionsField,
	licenseKeyOrganization,
	licenseKeyField,
	readConditions,
	type OrganizationSource,
} from '../../helpers/licenseKey';
import { metadataField, readMetadata } from '../../helpers/metadata';
import { requireText } from '../../helpers/validation';
import type { RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/license-keys/activate' }];

const properties: INodeProperties[] = [
	licenseKeyField('The license key to activate, as the customer entered it'),
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MacBook Pro of Ada',
		description: 'What this activation is, e.g. the device or installation it is for',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			conditionsField(
				'Values the activation requires of each validation of it, e.g. a machine ID: a Validate with this activation’s ID must send the same Conditions',
			),
			metadataField('Data to keep with the activation (Polar’s meta)'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['licenseKey'], operation: ['activate'] } },
	properties,
);

export interface ActivateInput {
	body: IDataObject;
	organization: OrganizationSource;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ActivateInput {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		key: requireText(this.getNodeParameter('key', itemIndex), 'Key'),
		label: requireText(this.getNodeParameter('label', itemIndex), 'Label'),
	};
	if (fields.conditions !== undefined) body.conditions = readConditions(fields.conditions);
	if (fields.metadata !== undefined) body.meta = readMetadata(fields.metadata, 'Metadata');
	return { body, organization: licenseKeyOrganization(this) };
}

export function describeDone(input: ActivateInput): string {
	return `activation "${String(input.body.label)}"`;
}

/** Polar's 403 NotPermitted is about the key, not the token: say so in its words. */
const refine: RefineFailure = (failure, response) => {
	const { error, detail } = (response.body ?? {}) as { error?: unknown; detail?: unknown };
	if (response.status === 403 && error === 'NotPermitted' && typeof detail === 'string') {
		return {
			...failure,
			message: `Polar did not activate the license key: ${detail}`,
			description: /limit already reached/.test(detail)
				? 'Every activation the key allows is in use: deactivate one (License Key → Deactivate) or raise the key’s activation limit in Polar.'
				: 'The key cannot be activated as it is; check its status, expiry and activation limit in Polar.',
		};
	}
	if (response.status === 404 && error === 'ResourceNotFound') {
		return {
			...failure,
			message: 'No Polar license key with this key in the credential’s organization',
			description:
				'Check the key, and that the credential’s Organization ID and environment are those of the key.',
		};
	}
	return failure;
};

export async function send(
	client: PolarClient,
	input: ActivateInput,
	itemIndex: number,
): Promise<IDataObject> {
	const organizationId = await input.organization(client, itemIndex);
	const activated = client.request<IDataObject>(
		{
			...endpoints[0],
			body: { ...input.body, organization_id: organizationId },
			// Not repeated once Polar may have acted: a repeat after a lost answer would take a
			// second activation slot of the key, and could then fail on the limit the first used.
			repeatable: false,
			effect: 'activated the key (the activation uses one of its slots)',
			refine,
		},
		itemIndex,
	);
	return await input.organization.checked(client, organizationId, itemIndex, activated);
}
