import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	nameCustomer,
	getCustomerRef,
	refineCustomerFailure,
	type CustomerRef,
} from '../../helpers/customer';
import { asText, InputError, requireHttpUrl, requireUuid } from '../../helpers/validation';
import type { RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { customerLocator } from '../common.descriptions';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/customer-sessions/' }];

const properties: INodeProperties[] = [
	customerLocator(
		'The customer whose portal to open: From list and By ID take Polar’s customer ID (a UUID); Ext. ID takes the external ID your own system gave the customer in Polar. With an AI agent, set it from the signed-in user with an expression, never from the model: the link signs its holder in as this customer.',
	),
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
	customer: CustomerRef;
	body: CreateSessionBody;
	simplify: boolean;
}

/** Reads and checks one item's parameters; throws an InputError naming the field. */
export function prepare(this: IExecuteFunctions, itemIndex: number): CreateSessionInput {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const customer = getCustomerRef(this, itemIndex, 'body');
	const body: CreateSessionBody =
		'id' in customer ? { customer_id: customer.id } : { external_customer_id: customer.externalId };

	const memberId = asText(fields.memberId, 'Member ID');
	const externalMemberId = asText(fields.externalMemberId, 'External Member ID');
	if (memberId && externalMemberId) {
		throw new InputError('Member ID', 'and External Member ID are both set; Polar takes only one');
	}
	if (memberId) body.member_id = requireUuid(memberId, 'Member ID');
	if (externalMemberId) body.external_member_id = externalMemberId;
	const returnUrl = asText(fields.returnUrl, 'Return URL');
	if (returnUrl) body.return_url = requireHttpUrl(returnUrl, 'Return URL');

	return {
		customer,
		body,
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

export function describeDone(input: CreateSessionInput): string {
	return `session for customer ${nameCustomer(input.customer)}`;
}

/** A missing customer or member, in the words of this operation's fields. */
function refine(input: CreateSessionInput): RefineFailure {
	const forCustomer = refineCustomerFailure(input.customer);
	return (failure, response) => {
		const refined = forCustomer(failure, response);
		if (refined !== failure || response.status !== 422) return refined;
		return {
			...failure,
			description:
				'Polar refused the request’s fields. Check the node’s Customer and Additional Fields.',
		};
	};
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
		{
			...endpoints[0],
			body: input.body,
			// A repeat would create a second link; the first, never reported, would stay valid for
			// an hour. So a create that Polar may have carried out is not sent again.
			repeatable: false,
			effect: 'created the session (its link expires within an hour unused)',
			refine: refine(input),
		},
		itemIndex,
	);
	return input.simplify ? simplifySession(session) : session;
}
