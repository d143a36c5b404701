import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { requireDateTime } from '../../helpers/dates';
import {
	readSubscriptionId,
	refineSubscriptionFailure,
	subscriptionLocator,
} from '../../helpers/subscription';
import { sendStateChange } from '../../helpers/alreadyDone';
import { InputError } from '../../helpers/validation';
import type { FailedResponse, RefineFailure } from '../../transport/errors';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

/**
 * Polar's PATCH /v1/subscriptions/{id} takes one of several mutually exclusive bodies
 * (SubscriptionUpdate, an anyOf of variants with additionalProperties: false). Each variant, or
 * each meaning of one, is its own operation, built here: it reads its own fields into its
 * variant's body and sends nothing else.
 */
export interface UpdateSpec {
	operation: string;
	/** What the locator's description says, e.g. "The subscription to cancel". */
	locatorDescription: string;
	/** The operation's own fields, after the Subscription locator. */
	properties?: INodeProperties[];
	/** The variant's body from the item's fields; throws an InputError naming a bad field. */
	readBody(this: IExecuteFunctions, itemIndex: number): IDataObject;
	/** Completes "Polar did not …" and "subscription … <done>", e.g. "cancel the subscription". */
	doing: string;
	done: string;
	/** What Polar may have done when the answer was lost, e.g. "changed the product". */
	effect: string;
	/** Whether sending it again after a lost answer is harmless (it sets a state, charges nothing). */
	repeatable: boolean;
	/** For the operation's own answers beyond the shared ones (e.g. Uncancel's 400 and 410). */
	refine?(id: string): RefineFailure;
	/**
	 * For a repeatable state change: Polar's refusal of it once the state is set, and whether a
	 * subscription shows the state the body sets. After a lost answer, that refusal of the repeat
	 * means the lost attempt set it (helpers/alreadyDone.ts).
	 */
	alreadySet?: {
		refusal(response: FailedResponse): boolean;
		holds(subscription: IDataObject, body: IDataObject): boolean;
	};
}

export interface UpdateInput {
	id: string;
	body: IDataObject;
}

export const UPDATE_ENDPOINT: Endpoint = { method: 'PATCH', path: '/v1/subscriptions/{id}' };

/** The Subscription locator's value of one item. */
export function readSubscription(context: IExecuteFunctions, itemIndex: number): string {
	return readSubscriptionId(
		context.getNodeParameter('subscription', itemIndex) as INodeParameterResourceLocator | string,
	);
}

/**
 * A date-time field that must be in the future, as Polar's schema has it (pydantic's
 * FutureDatetime); without a zone, read in the workflow's time zone.
 */
export function readFutureDateTime(value: unknown, field: string, zone: string): string {
	const iso = requireDateTime(value, field, zone);
	if (Date.parse(iso) <= Date.now()) {
		throw new InputError(field, `${iso} has passed; Polar takes only a future time`);
	}
	return iso;
}

export function subscriptionUpdate(spec: UpdateSpec) {
	const endpoints: Endpoint[] = [UPDATE_ENDPOINT];
	return {
		endpoints,
		description: updateDisplayOptions(
			{ show: { resource: ['subscription'], operation: [spec.operation] } },
			[subscriptionLocator(spec.locatorDescription), ...(spec.properties ?? [])],
		),
		prepare(this: IExecuteFunctions, itemIndex: number): UpdateInput {
			return { id: readSubscription(this, itemIndex), body: spec.readBody.call(this, itemIndex) };
		},
		describeDone(input: UpdateInput): string {
			return `subscription ${input.id} ${spec.done}`;
		},
		async send(client: PolarClient, input: UpdateInput, itemIndex: number) {
			const shared = refineSubscriptionFailure(input.id, spec.doing);
			const own = spec.refine?.(input.id);
			const request = {
				method: 'PATCH' as const,
				path: apiPath`/v1/subscriptions/${input.id}`,
				body: input.body,
				repeatable: spec.repeatable,
				effect: spec.effect,
				refine: ((failure, response) =>
					shared(own ? own(failure, response) : failure, response)) as RefineFailure,
			};
			const { alreadySet } = spec;
			if (!alreadySet) return await client.request<IDataObject>(request, itemIndex);
			return await sendStateChange(
				client,
				request,
				{
					refusedAsSet: alreadySet.refusal,
					current: async () => {
						const subscription = await client.request<IDataObject>(
							{ method: 'GET', path: request.path, repeatable: true },
							itemIndex,
						);
						return alreadySet.holds(subscription, input.body) ? subscription : undefined;
					},
				},
				itemIndex,
			);
		},
	};
}
