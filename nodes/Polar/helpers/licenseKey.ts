import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodePropertyOptions,
	type INodeProperties,
} from 'n8n-workflow';

import { isPolarNotFound, keepMessage, type RefineFailure } from '../transport/errors';
import { readCredential } from '../transport/credential';
import { CREDENTIAL_NAME } from '../transport/PolarClient';

/** Reads the organization a license key request names; called when the item is sent. */
export type OrganizationSource = (itemIndex: number) => Promise<string>;

/**
 * Polar's validate, activate and deactivate bodies require `organization_id`, even with an
 * organization token (LicenseKeyValidate in server/polar/license_key/schemas.py: a UUID4 with no
 * default), and its server reads no Polar-Organization header. The node takes it from the
 * credential's Organization ID, read when sending since n8n gives credentials asynchronously.
 */
export function credentialOrganization(context: IExecuteFunctions): OrganizationSource {
	return async (itemIndex) => {
		const credential = readCredential(await context.getCredentials(CREDENTIAL_NAME));
		// A credential with a problem fails on its own when the client is made.
		const organizationId = 'problem' in credential ? '' : credential.organizationId;
		if (organizationId) return organizationId;
		const message = `The Polar credential has no Organization ID, which Polar requires to find a license key [item ${itemIndex}]`;
		const error = new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description:
				'Polar requires the organization in every license key validation, activation and deactivation, even with an organization token. Copy the organization ID from Polar’s dashboard (Settings → General) into the Polar credential’s Organization ID.',
		});
		throw keepMessage(error, message);
	};
}

/** The license key as a customer entered it (Validate, Activate, Deactivate): kept hidden like a secret. */
export function licenseKeyField(description: string, placeholder?: string): INodeProperties {
	return {
		displayName: 'Key',
		name: 'key',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		...(placeholder ? { placeholder } : {}),
		description,
	};
}

/** A missing license key, named by Polar's ID for it (Get, Update). */
export function refineMissingLicenseKey(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar license key with ID "${id}"`,
					description:
						'Check the ID (Polar’s license key ID, not the key), and that the credential points at the environment and organization the key belongs to.',
				}
			: failure;
}

/** Polar's LicenseKeyStatus, for the Status filter and update. */
export const LICENSE_KEY_STATUSES: INodePropertyOptions[] = [
	{ name: 'Granted', value: 'granted' },
	{ name: 'Revoked', value: 'revoked' },
	{ name: 'Disabled', value: 'disabled' },
];
