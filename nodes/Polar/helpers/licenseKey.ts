import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { keepMessage } from '../transport/errors';
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
