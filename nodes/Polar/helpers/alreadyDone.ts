import type { IDataObject } from 'n8n-workflow';

import type { FailedResponse } from '../transport/errors';
import type { PolarClient, PolarRequest } from '../transport/PolarClient';

/**
 * The field an item's output gains when what it asked for was done, but not by the request that
 * answered: its value says by what. Absent when the answering request did it.
 */
export const ALREADY_DONE = 'alreadyDone';
export const BY_EARLIER_ATTEMPT = 'by the earlier attempt, whose answer was lost';

export interface StateChange {
	/** Polar's refusals of the request that mean "already in that state", e.g. 409 CannotPauseSubscription. */
	refusedAsSet(response: FailedResponse): boolean;
	/** What the item outputs when the state is set, read from Polar; undefined when it is not. */
	current(): Promise<IDataObject | undefined>;
}

/**
 * Sends a request that sets a state and is safe to repeat. When an attempt's answer was lost and
 * Polar refuses the repeat as already in that state, the lost attempt did it: the item succeeds
 * with the object as it is now, marked as done by that attempt, instead of "Polar did not …".
 * The state is read back first, so a refusal for another reason (e.g. an ended subscription)
 * stays the error it is.
 */
export async function sendStateChange(
	client: PolarClient,
	request: PolarRequest,
	change: StateChange,
	itemIndex: number,
): Promise<IDataObject> {
	const retried = { afterLostAnswer: false };
	let refusal: FailedResponse | undefined;
	const { refine } = request;
	const sent = client.request<IDataObject>(
		{
			...request,
			retried,
			refine: (failure, response) => {
				refusal = response;
				return refine ? refine(failure, response) : failure;
			},
		},
		itemIndex,
	);
	return await sent.catch(async (error: unknown) => {
		const set = retried.afterLostAnswer && refusal !== undefined && change.refusedAsSet(refusal);
		const now = set ? await change.current() : undefined;
		return now ? { ...now, [ALREADY_DONE]: BY_EARLIER_ATTEMPT } : await Promise.reject(error);
	});
}
