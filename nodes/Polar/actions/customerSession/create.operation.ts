import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import {
	asText,
	InputError,
	requireHttpUrl,
	requireText,
	requireUuid,
	UUID4_PATTERN,
} from '../../helpers/validation';
import type { PolarClient } from '../../transport/PolarClient';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer',
		name: 'customer',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The customer whose portal to open. From list and By ID take Polar’s customer ID (a UUID); Ext. ID takes the customer’s external ID, the ID your own system gave it in Polar: usually the simplest for an AI agent or an expression.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a customer...',
				typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
				hint: 'Polar’s customer ID, a UUID',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar customer ID (a UUID)' },
					},
				],
			},
			{
				displayName: 'Ext. ID',
				name: 'externalId',
				type: 'string',
				placeholder: 'e.g. usr_1337',
				hint: 'The ID your own system gave the customer in Polar',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a simplified version of the response instead of the raw data: the portal URL, token, expiry, IDs, and the customer’s email and name',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'External Member ID',
				name: 'externalMemberId',
				type: 'string',
				default: '',
				placeholder: 'e.g. member_42',
				description:
					'For organizations with members: your own system’s ID of the member to sign in. Use this or Member ID, not both.',
			},
			{
				displayName: 'Member ID',
				name: 'memberId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b3c9c6e-2f4a-4d8e-9a1b-7c6d5e4f3a2b',
				description:
					'For organizations with members: Polar’s ID of the member to sign in. Team customers need a member; without one, individual customers sign in as their owner member.',
			},
			{
				displayName: 'Return URL',
				name: 'returnUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/account',
				description:
					'Where the portal’s back button leads, an absolute http(s) URL of at most 2083 characters. Without it the portal shows no back button.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customerSession'], operation: ['create'] } },
	properties,
);

/** The body of POST /v1/customer-sessions/, in one of the two shapes Polar accepts. */
export type CreateSessionBody = (
	| { customer_id: string; external_customer_id?: never }
	| { external_customer_id: string; customer_id?: never }
) & { return_url?: string; member_id?: string; external_member_id?: string };

export interface CreateSessionInput {
	body: CreateSessionBody;
	simplify: boolean;
}

function readCustomer(locator: INodeParameterResourceLocator | string): CreateSessionBody {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return { customer_id: requireUuid(locator, 'Customer') };
	}
	if (locator.mode === 'externalId') {
		return { external_customer_id: requireText(locator.value, 'Customer (Ext. ID)') };
	}
	const label = locator.mode === 'list' ? 'Customer (From list)' : 'Customer (By ID)';
	return { customer_id: requireUuid(locator.value, label) };
}

/** Reads and checks one item's parameters; throws an InputError naming the field. */
export function prepare(this: IExecuteFunctions, itemIndex: number): CreateSessionInput {
	const locator = this.getNodeParameter('customer', itemIndex) as
		| INodeParameterResourceLocator
		| string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = readCustomer(locator);

	const memberId = asText(fields.memberId, 'Member ID');
	const externalMemberId = asText(fields.externalMemberId, 'External Member ID');
	if (memberId && externalMemberId) {
		throw new InputError('Member ID', 'and External Member ID are both set; Polar takes only one');
	}
	if (memberId) body.member_id = requireUuid(memberId, 'Member ID');
	if (externalMemberId) body.external_member_id = externalMemberId;
	const returnUrl = asText(fields.returnUrl, 'Return URL');
	if (returnUrl) body.return_url = requireHttpUrl(returnUrl, 'Return URL');

	return { body, simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
}

/** The fields most workflows use: the link to send, and what identifies and bounds it. */
export function simplifySession(session: IDataObject): IDataObject {
	const customer = (session.customer ?? {}) as IDataObject;
	return {
		customer_portal_url: session.customer_portal_url,
		expires_at: session.expires_at,
		token: session.token,
		id: session.id,
		customer_id: session.customer_id,
		customer_external_id: customer.external_id ?? null,
		customer_email: customer.email ?? null,
		customer_name: customer.name ?? null,
		return_url: session.return_url ?? null,
	};
}

export async function send(
	client: PolarClient,
	input: CreateSessionInput,
	itemIndex: number,
): Promise<IDataObject> {
	const session = await client.request<IDataObject>(
		{ method: 'POST', path: '/v1/customer-sessions/', body: input.body },
		itemIndex,
	);
	return input.simplify ? simplifySession(session) : session;
}
