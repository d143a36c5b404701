import {
	NodeApiError,
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
import { InputError, requireText, requireUuid } from '../../helpers/validation';
import type { RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/license-keys/validate' }];

const properties: INodeProperties[] = [
	licenseKeyField('The license key the customer entered', 'e.g. 4F2A1C3D-…'),
	{
		displayName: 'Return Invalid Keys as Items',
		name: 'invalidAsItem',
		type: 'boolean',
		default: false,
		description:
			'Whether a key Polar does not accept gives an item { valid: false, reason } on the success output instead of an error, so a Webhook → Validate → Respond flow needs no error branch',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Activation ID',
				name: 'activationId',
				type: 'string',
				default: '',
				description: 'Only valid for this activation of the key (its ID, from Activate)',
			},
			{
				displayName: 'Benefit ID',
				name: 'benefitId',
				type: 'string',
				default: '',
				description: 'Only valid if the key comes from this license key benefit',
			},
			conditionsField(
				'With Activation ID: the conditions the activation was made with (Activate’s Conditions). Polar accepts the key only if they are the same keys and values, of the same types.',
			),
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Only valid if the key belongs to this customer (Polar’s customer ID)',
			},
			{
				displayName: 'Increment Usage',
				name: 'incrementUsage',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'Adds this many uses to the key’s usage; Polar refuses it when the key’s usage limit has fewer left',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['licenseKey'], operation: ['validate'] } },
	properties,
);

export interface ValidateInput {
	body: IDataObject;
	invalidAsItem: boolean;
	organization: OrganizationSource;
}

function readIncrement(value: unknown): number | undefined {
	if (value === undefined || value === '' || value === 0) return undefined;
	const number = Number(value);
	if (!Number.isSafeInteger(number) || number < 0) {
		throw new InputError(
			'Increment Usage',
			`"${String(value)}" is not a whole number of 0 or more`,
		);
	}
	return number;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ValidateInput {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { key: requireText(this.getNodeParameter('key', itemIndex), 'Key') };
	if (fields.activationId) body.activation_id = requireUuid(fields.activationId, 'Activation ID');
	if (fields.benefitId) body.benefit_id = requireUuid(fields.benefitId, 'Benefit ID');
	if (fields.customerId) body.customer_id = requireUuid(fields.customerId, 'Customer ID');
	if (fields.conditions !== undefined) body.conditions = readConditions(fields.conditions);
	const increment = readIncrement(fields.incrementUsage);
	if (increment !== undefined) body.increment_usage = increment;
	return {
		body,
		invalidAsItem: this.getNodeParameter('invalidAsItem', itemIndex, false) as boolean,
		organization: licenseKeyOrganization(this),
	};
}

/** Polar's reason for a key it does not accept, or undefined for any other failure. */
function invalidReason(status: number, body: unknown): string | undefined {
	const { error, detail } = (body ?? {}) as { error?: unknown; detail?: unknown };
	if (typeof detail !== 'string') return undefined;
	// Every invalid case is a 404 ResourceNotFound; a key without enough usages left a 400.
	if (status === 404 && error === 'ResourceNotFound') return detail;
	if (status === 400 && /more usages\.$/.test(detail)) return detail;
	return undefined;
}

/**
 * Polar's bare "Not found" is its answer both for an unknown key and for an activation the key
 * does not have (get_activation_or_raise), so with an Activation ID it names both.
 */
const notFoundReason = (withActivation: boolean) =>
	withActivation ? 'License key or its activation not found.' : 'License key not found.';

/** A key Polar does not accept, in its own words; remembers the reason for the invalid item. */
function refine(found: { reason?: string }, withActivation: boolean): RefineFailure {
	return (failure, response) => {
		const reason = invalidReason(response.status, response.body);
		if (reason === undefined) return failure;
		found.reason = reason === 'Not found' ? notFoundReason(withActivation) : reason;
		return {
			...failure,
			message: `The license key is not valid: ${found.reason}`,
			description:
				'Polar does not accept this key for the organization in the credential. To get an item { valid: false, reason } instead of this error, turn on Return Invalid Keys as Items.',
		};
	};
}

export async function send(
	client: PolarClient,
	input: ValidateInput,
	itemIndex: number,
): Promise<IDataObject> {
	const organizationId = await input.organization(client, itemIndex);
	const body: IDataObject = { ...input.body, organization_id: organizationId };
	const found: { reason?: string } = {};
	const answer = client.request<IDataObject>(
		{
			...endpoints[0],
			body,
			// A repeat only counts one more validation; with Increment Usage it would also use
			// the key up twice, so that one is not sent again once Polar may have acted.
			repeatable: body.increment_usage === undefined,
			effect: 'validated the key and added its usage',
			refine: refine(found, body.activation_id !== undefined),
		},
		itemIndex,
	);
	// Not found for a wrong Organization ID is that field's error, never { valid: false }.
	const validated = input.organization.checked(client, organizationId, itemIndex, answer);
	// The client's error stays as it is, but for a key Polar refused, with the option.
	return await validated.then(
		(key): IDataObject => ({ valid: true, ...key }),
		async (error: unknown) =>
			input.invalidAsItem && found.reason !== undefined && error instanceof NodeApiError
				? { valid: false, reason: found.reason }
				: await Promise.reject(error),
	);
}
