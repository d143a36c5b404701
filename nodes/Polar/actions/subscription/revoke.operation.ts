import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	cancellationFields,
	readCancellation,
	refineSubscriptionFailure,
	subscriptionLocator,
} from '../../helpers/subscription';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { readSubscription, UPDATE_ENDPOINT } from './update';

/**
 * DELETE /v1/subscriptions/{id} revokes at once; it takes no body, so a revocation with the
 * customer's reason or comment is PATCH's SubscriptionRevoke variant ({ revoke: true, … }),
 * which Polar's server carries out the same way (_perform_cancellation, immediately).
 */
export const endpoints: Endpoint[] = [
	{ method: 'DELETE', path: '/v1/subscriptions/{id}' },
	UPDATE_ENDPOINT,
];

const properties: INodeProperties[] = [
	subscriptionLocator(
		'The subscription to end now. This cannot be undone: the customer loses its benefits at once, and nothing is refunded.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: cancellationFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['revoke'] } },
	properties,
);

export interface RevokeInput {
	id: string;
	/** The customer's reason and comment, if any: then sent as PATCH { revoke: true, … }. */
	cancellation: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): RevokeInput {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { id: readSubscription(this, itemIndex), cancellation: readCancellation(fields) };
}

export function describeDone(input: RevokeInput): string {
	return `subscription ${input.id} revoked`;
}

export async function send(client: PolarClient, input: RevokeInput, itemIndex: number) {
	const withReason = Object.keys(input.cancellation).length > 0;
	return await client.request<IDataObject>(
		{
			method: withReason ? 'PATCH' : 'DELETE',
			path: apiPath`/v1/subscriptions/${input.id}`,
			...(withReason ? { body: { revoke: true, ...input.cancellation } } : {}),
			// Not repeated: if the first went through, a repeat answers 403 (already canceled),
			// which would report a revocation that worked as a failure.
			repeatable: false,
			effect: 'revoked the subscription',
			refine: refineSubscriptionFailure(input.id, 'revoke the subscription'),
		},
		itemIndex,
	);
}
