import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodePropertyOptions,
	type INodeProperties,
} from 'n8n-workflow';

import { metadataField, readMetadata } from './metadata';
import { isPolarNotFound, keepMessage, type RefineFailure } from '../transport/errors';
import { apiPath } from '../transport/path';
import type { PolarClient } from '../transport/PolarClient';

/** The organization a license key request names; called when the item is sent. */
export interface OrganizationSource {
	(client: PolarClient, itemIndex: number): Promise<string>;
	/**
	 * The request's answer; Polar's "not found" first checked (once per run) against a wrong
	 * Organization ID in the credential, so that it never passes for an unknown key. An
	 * organization Polar itself gave needs no check.
	 */
	checked<T>(
		client: PolarClient,
		organizationId: string,
		itemIndex: number,
		answer: Promise<T>,
	): Promise<T>;
}

/** The token's organization, looked up once per run (one client per run), shared by its items. */
const lookups = new WeakMap<PolarClient, Promise<string>>();

/** Whether the credential's Organization ID is one the token reaches: checked once per run. */
const verdicts = new WeakMap<PolarClient, Promise<Verdict>>();

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
 * default), and its server reads no organization header. The node sends the credential's
 * Organization ID when it has one (a user's token must have one: client.organizationFor);
 * otherwise it asks Polar which organization the token belongs to (GET /v1/organizations/,
 * scope organizations:read), once per run.
 */
export function licenseKeyOrganization(context: IExecuteFunctions): OrganizationSource {
	const organization = async (client: PolarClient, itemIndex: number): Promise<string> => {
		const required = client.organizationFor(itemIndex);
		if (required) return required;
		if (client.organizationId) return client.organizationId;
		let lookup = lookups.get(client);
		if (!lookup) {
			lookup = lookUpOrganization(context, client, itemIndex);
			lookups.set(client, lookup);
		}
		return await lookup;
	};
	const checked = async <T>(
		client: PolarClient,
		organizationId: string,
		itemIndex: number,
		answer: Promise<T>,
	): Promise<T> =>
		await answer.catch(async (error: unknown) => {
			const notFound = error instanceof NodeApiError && error.httpCode === '404';
			if (notFound && organizationId === client.organizationId) {
				let verdict = verdicts.get(client);
				if (!verdict) {
					verdict = reachesOrganization(client, organizationId, itemIndex);
					verdicts.set(client, verdict);
				}
				const found = await verdict;
				if (found !== 'reached') throw organizationError(context, found, itemIndex);
			}
			return await Promise.reject(error);
		});
	return Object.assign(organization, { checked });
}

const FIX_ORGANIZATION = `Polar looks a license key up in the organization the request names, and answers “not found” for any other. ${ORGANIZATION_HELP} Correct it: ${SET_IT} (with an organization access token, that organization’s ID, or leave it empty).`;

type Verdict = 'reached' | 'not reached' | 'unknown';

/**
 * Polar answers "not found" alike for a key it does not have and for an organization the token
 * does not reach (license_key/endpoints.py validate: get_readable_by_key of the body's
 * organization_id among get_accessible_org_ids, else ResourceNotFound). So the credential's
 * Organization ID is checked: a license key of it that the token can list (GET
 * /v1/license-keys/, the scope validate has), or else the organization itself (GET
 * /v1/organizations/{id}: 404 for one the token does not reach, authz/dependencies.py
 * OrgPolicyGuard; 403 without organizations:read).
 */
async function reachesOrganization(
	client: PolarClient,
	organizationId: string,
	itemIndex: number,
): Promise<Verdict> {
	const keys = await client.request<{ items?: unknown[] }>(
		{
			method: 'GET',
			path: '/v1/license-keys/',
			qs: { organization_id: organizationId, limit: 1 },
			repeatable: true,
		},
		itemIndex,
	);
	if ((keys.items ?? []).length > 0) return 'reached';
	return await client
		.find(
			{ method: 'GET', path: apiPath`/v1/organizations/${organizationId}`, repeatable: true },
			itemIndex,
		)
		.then(
			(organization): Verdict => (organization === undefined ? 'not reached' : 'reached'),
			async (error: unknown): Promise<Verdict> =>
				error instanceof NodeApiError && error.httpCode === '403'
					? 'unknown'
					: await Promise.reject(error),
		);
}

/** The error of an item whose "not found" may be the credential's Organization ID. */
function organizationError(
	context: IExecuteFunctions,
	verdict: Exclude<Verdict, 'reached'>,
	itemIndex: number,
): NodeOperationError {
	const message =
		verdict === 'not reached'
			? 'The credential’s Organization ID is not an organization this access token reaches'
			: 'Polar has no license key in the credential’s Organization ID for this access token: the Organization ID may be wrong';
	const description =
		verdict === 'not reached'
			? FIX_ORGANIZATION
			: `${FIX_ORGANIZATION} To let the node tell a wrong Organization ID from an unknown key, add the organizations:read scope to the token.`;
	return keepMessage(
		new NodeOperationError(context.getNode(), message, { itemIndex, description }),
		message,
	);
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
