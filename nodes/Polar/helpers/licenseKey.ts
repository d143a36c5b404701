import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodePropertyOptions,
	type INodeProperties,
} from 'n8n-workflow';

import { metadataField, readMetadata } from './metadata';
import { isPolarNotFound, keepMessage, type RefineFailure } from '../transport/errors';
import type { PolarClient } from '../transport/PolarClient';

/** The organization a license key request names; called when the item is sent. */
export type OrganizationSource = (client: PolarClient, itemIndex: number) => Promise<string>;

/** The token's organization, looked up once per run (one client per run), shared by its items. */
const lookups = new WeakMap<PolarClient, Promise<string>>();

const ORGANIZATION_HELP =
	'Polar requires the organization in every license key validation, activation and deactivation, even with an organization token.';
const SET_IT =
	'copy the organization ID from Polar’s dashboard (Settings → General) into the Polar credential’s Organization ID';

/** A token without an organizations scope: name the one to add, and the other way. */
const refineLookup: RefineFailure = (failure, response) =>
	response.status === 403
		? {
				...failure,
				message:
					'To find the license key’s organization, the access token needs the organizations:read scope (403)',
				description: `${ORGANIZATION_HELP} The node asks Polar for the token’s organization, which needs organizations:read: add that scope to the token, or ${SET_IT}.`,
			}
		: failure;

async function lookUpOrganization(
	context: IExecuteFunctions,
	client: PolarClient,
	itemIndex: number,
): Promise<string> {
	// An organization token lists its own organization only (get_accessible_org_ids); two are
	// enough to tell a personal token that reaches several.
	const page = await client.request<{ items?: Array<{ id?: unknown }> }>(
		{
			method: 'GET',
			path: '/v1/organizations/',
			qs: { limit: 2 },
			repeatable: true,
			refine: refineLookup,
		},
		itemIndex,
	);
	const ids = (page.items ?? []).flatMap((org) => (typeof org.id === 'string' ? [org.id] : []));
	if (ids.length === 1) return ids[0];
	const message =
		ids.length === 0
			? 'Polar lists no organization for this access token, and the license key requests need one'
			: 'The access token reaches several organizations: the node cannot tell which one the license key belongs to';
	throw keepMessage(
		new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description: `${ORGANIZATION_HELP} To choose it, ${SET_IT}.`,
		}),
		message,
	);
}

/**
 * Polar's validate, activate and deactivate bodies require `organization_id`, even with an
 * organization token (LicenseKeyValidate in server/polar/license_key/schemas.py: a UUID4 with no
 * default), and its server reads no Polar-Organization header. The node sends the credential's
 * Organization ID when it has one; otherwise it asks Polar which organization the token belongs
 * to (GET /v1/organizations/, scope organizations:read), once per run.
 */
export function licenseKeyOrganization(context: IExecuteFunctions): OrganizationSource {
	return async (client, itemIndex) => {
		if (client.organizationId) return client.organizationId;
		let lookup = lookups.get(client);
		if (!lookup) {
			lookup = lookUpOrganization(context, client, itemIndex);
			lookups.set(client, lookup);
		}
		return await lookup;
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

/**
 * Conditions (Activate, Validate): typed key/value pairs like metadata. Polar stores an
 * activation's conditions and refuses a validation of that activation unless it sends the same
 * ones, of the same types (server/polar/license_key/service.py, validate).
 */
export function conditionsField(description: string): INodeProperties {
	return {
		...metadataField(description),
		displayName: 'Conditions',
		name: 'conditions',
		placeholder: 'Add Condition',
	};
}

export function readConditions(value: unknown): IDataObject {
	return readMetadata(value, 'Conditions');
}
