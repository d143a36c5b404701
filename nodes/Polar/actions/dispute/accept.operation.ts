import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import type { RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import { getOperation } from '../common.get';
import type { Endpoint } from '../router';
import { disputeLocator, readDisputeId, refineDisputeNotFound } from './dispute';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/disputes/{id}/accept' }];

// The same locator and per-item check as Get, shown under Accept.
export const { description, prepare } = getOperation({
	resource: 'dispute',
	operation: 'accept',
	path: '/v1/disputes/{id}',
	locator: disputeLocator(
		'The dispute to concede. This is final: the dispute is settled as lost and the customer keeps the money.',
	),
	readId: readDisputeId,
});

/** Polar refuses a dispute that is not awaiting a response (409 DisputeNotOpenError). */
function refineAccept(id: string): RefineFailure {
	const notFound = refineDisputeNotFound(id);
	return (failure, response) => {
		const body = (response.body ?? {}) as { error?: unknown };
		if (response.status === 409 && body.error === 'DisputeNotOpenError') {
			return {
				...failure,
				message: `Dispute ${id} cannot be accepted: it is not awaiting a response`,
				description:
					'Polar accepts only a dispute in Needs Response. This one is already closed (won, lost or prevented) or under the bank’s review; Dispute → Get shows its status.',
			};
		}
		return notFound(failure, response);
	};
}

export function describeDone(id: string): string {
	return `accepted dispute ${id}`;
}

export async function send(client: PolarClient, id: string, itemIndex: number) {
	return await client.request<IDataObject>(
		{
			method: 'POST',
			path: `/v1/disputes/${apiPath`${id}`}/accept`,
			// Final, and a repeat after a success is refused (409): the node sends it once.
			repeatable: false,
			effect: `accepted dispute ${id} (Dispute → Get shows whether its status is now lost)`,
			refine: refineAccept(id),
		},
		itemIndex,
	);
}
