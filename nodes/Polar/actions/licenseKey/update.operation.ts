import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';
import { InputError, requireUuid } from '../../helpers/validation';
import { LICENSE_KEY_STATUSES, refineMissingLicenseKey } from '../../helpers/licenseKey';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'PATCH', path: '/v1/license-keys/{id}' }];

const INT32_MAX = 2147483647;

const properties: INodeProperties[] = [
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
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Activation Limit',
				name: 'limitActivations',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'How many activations the key allows; 0 removes the limit',
			},
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When the key stops being valid; leave empty with Never Expires to remove it',
			},
			{
				displayName: 'Never Expires',
				name: 'neverExpires',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the key’s expiry date',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: LICENSE_KEY_STATUSES,
				default: 'granted',
				description: 'Revoked and disabled keys no longer validate or activate',
			},
			{
				displayName: 'Usage',
				name: 'usage',
				type: 'number',
				typeOptions: { numberPrecision: 0 },
				default: 0,
				description: 'The key’s usage count, e.g. 0 to reset it',
			},
			{
				displayName: 'Usage Limit',
				name: 'limitUsage',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'How many uses the key allows; 0 removes the limit',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['licenseKey'], operation: ['update'] } },
	properties,
);

export interface UpdateInput {
	id: string;
	body: IDataObject;
}

function readCount(value: unknown, field: string, min: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > INT32_MAX) {
		throw new InputError(
			field,
			`"${String(value)}" is not a whole number from ${min} to ${INT32_MAX}`,
		);
	}
	return number;
}

/** A limit: 0 (or empty) removes it, which Polar takes as null. */
const readLimit = (value: unknown, field: string): number | null =>
	value === '' || value === null ? null : readCount(value, field, 0) || null;

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateInput {
	const id = requireUuid(this.getNodeParameter('licenseKeyId', itemIndex), 'License Key ID');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	// Polar applies only the fields sent (exclude_unset); a null status would erase it, so never.
	if (fields.status) body.status = fields.status;
	if (fields.usage !== undefined) body.usage = readCount(fields.usage, 'Usage', -INT32_MAX - 1);
	if (fields.limitActivations !== undefined)
		body.limit_activations = readLimit(fields.limitActivations, 'Activation Limit');
	if (fields.limitUsage !== undefined)
		body.limit_usage = readLimit(fields.limitUsage, 'Usage Limit');
	if (fields.neverExpires === true && fields.expiresAt) {
		throw new InputError('Never Expires', 'and Expires At are both set; choose one');
	}
	if (fields.neverExpires === true) body.expires_at = null;
	else if (fields.expiresAt) {
		body.expires_at = readDateTime(fields.expiresAt, 'Expires At', this.getTimezone());
	}
	if (Object.keys(body).length === 0) {
		throw new InputError('Update Fields', 'are empty: add the fields to change');
	}
	return { id, body };
}

export function describeDone(input: UpdateInput): string {
	return `license key ${input.id} updated`;
}

export async function send(client: PolarClient, input: UpdateInput, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'PATCH',
			path: apiPath`/v1/license-keys/${input.id}`,
			body: input.body,
			// Setting the same values twice leaves the key as once.
			repeatable: true,
			refine: refineMissingLicenseKey(input.id),
		},
		itemIndex,
	);
}
