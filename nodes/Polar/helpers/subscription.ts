import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	isPolarNotFound,
	validationEntries,
	validationField,
	type FailedResponse,
	type PolarFailure,
	type RefineFailure,
} from '../transport/errors';
import { uuidLocator } from './locator';
import { asText } from './validation';

const subscription = uuidLocator({
	displayName: 'Subscription',
	noun: 'subscription',
	searchListMethod: 'searchSubscriptions',
	example: '7c1e4a2b-9d3f-4e5a-8b6c-0d1e2f3a4b5c',
	alsoFrom: 'or a webhook',
});

/**
 * Every subscription operation: From List (the organization's subscriptions, filtered by customer
 * or product as the user types) or By ID.
 */
export const subscriptionLocator = (description: string) => subscription.field(description);
export const readSubscriptionId = subscription.readId;

/** Polar's CustomerCancellationReason, in the spec's order. */
export const CANCELLATION_REASONS: INodePropertyOptions[] = [
	{ name: 'Customer Service', value: 'customer_service' },
	{ name: 'Low Quality', value: 'low_quality' },
	{ name: 'Missing Features', value: 'missing_features' },
	{ name: 'Other', value: 'other' },
	{ name: 'Switched Service', value: 'switched_service' },
	{ name: 'Too Complex', value: 'too_complex' },
	{ name: 'Too Expensive', value: 'too_expensive' },
	{ name: 'Unused', value: 'unused' },
];

/** Polar's SubscriptionProrationBehavior: how a plan or seat change is billed. */
export const PRORATION_BEHAVIORS: INodePropertyOptions[] = [
	{
		name: 'Invoice Now',
		value: 'invoice',
		description:
			'Apply the change now and charge the difference at once; if the payment fails, nothing changes',
	},
	{
		name: 'Next Period',
		value: 'next_period',
		description:
			'Schedule the change for the next renewal (a pending update); nothing is charged now',
	},
	{
		name: 'Prorate',
		value: 'prorate',
		description: 'Apply the change now and bill the difference on the next invoice',
	},
	{
		name: 'Reset',
		value: 'reset',
		description:
			'Apply the change now, charge the full new price and restart the billing cycle (a preview Polar enables per organization)',
	},
];

/** The Proration option of Change Product and Update Seats (Polar's proration_behavior). */
export const prorationField: INodeProperties = {
	displayName: 'Proration',
	name: 'prorationBehavior',
	type: 'options',
	options: PRORATION_BEHAVIORS,
	default: 'prorate',
	description:
		'How Polar bills the change. Without this option, the organization’s default setting applies.',
};

/** The reason and comment Polar keeps with a cancellation (Cancel at Period End, Revoke Now). */
export const cancellationFields: INodeProperties[] = [
	{
		displayName: 'Customer Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Moving to a tool my team already uses',
		description:
			'The customer’s own words on why they cancel. The customer sees it in their Polar purchases, so never put internal notes here.',
	},
	{
		displayName: 'Customer Reason',
		name: 'reason',
		type: 'options',
		options: CANCELLATION_REASONS,
		default: 'other',
		description:
			'Why the customer cancels, as they told you (Polar’s churn reasons); only set what the customer said',
	},
];

/** The customer's reason and comment from Additional Fields, as Polar's cancellation bodies name them. */
export function readCancellation(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.reason) body.customer_cancellation_reason = fields.reason;
	const comment = asText(fields.comment, 'Customer Comment');
	if (comment) body.customer_cancellation_comment = comment;
	return body;
}

const errorOf = (body: unknown) => {
	const { error, detail } = (body ?? {}) as { error?: unknown; detail?: unknown };
	return {
		error: typeof error === 'string' ? error : '',
		detail: typeof detail === 'string' ? detail : '',
	};
};

/** Whether Polar refused with `status` and its exception `error` (e.g. 409 NoScheduledPause). */
export const refusedWith =
	(status: number, error: string) =>
	(response: FailedResponse): boolean =>
		response.status === status && errorOf(response.body).error === error;

/** Whether Polar's 422 names `field` with a message matching `msg`. */
export const invalidWith =
	(field: string, msg: RegExp) =>
	(response: FailedResponse): boolean =>
		response.status === 422 &&
		validationEntries(response.body).some(
			(entry) => validationField(entry) === field && msg.test(entry.msg ?? ''),
		);

/** What each of Polar's subscription refusals means, and what to do (server/polar/subscription/service.py). */
const REFUSALS: Record<string, (doing: string) => Pick<PolarFailure, 'message' | 'description'>> = {
	AlreadyCanceledSubscription: (doing) => ({
		message: `Polar did not ${doing}: the subscription is already canceled or will be at the end of the period (403)`,
		description:
			'If it is only set to cancel at the period end, uncancel it first (Subscription → Uncancel), then try again. A revoked (ended) subscription cannot be changed: create a new one through a checkout.',
	}),
	InactiveSubscription: (doing) => ({
		message: `Polar did not ${doing}: the subscription is not active (403)`,
		description:
			'Only active or trialing subscriptions can be changed this way. Check its status with Subscription → Get; a paused one can be resumed (Subscription → Resume).',
	}),
	SubscriptionLocked: (doing) => ({
		message: `Polar did not ${doing}: the subscription is pending an update (409)`,
		description:
			'Polar is still applying an earlier change. Try again in a moment, or drop a scheduled change with Subscription → Clear Pending Update.',
	}),
	CannotPauseSubscription: (doing) => ({
		message: `Polar did not ${doing}: this subscription cannot be paused (409)`,
		description:
			'Only an active subscription that is not already set to pause or to cancel can be paused. Check it with Subscription → Get.',
	}),
	NoScheduledPause: (doing) => ({
		message: `Polar did not ${doing}: the subscription is not scheduled to pause (409)`,
		description:
			'There is no pause to cancel. Check it with Subscription → Get (pause_at_period_end).',
	}),
	NotPausedSubscription: (doing) => ({
		message: `Polar did not ${doing}: the subscription is not paused (409)`,
		description:
			'Only a paused subscription can be resumed. One set to pause at the period end is still active: cancel that with Subscription → Cancel Scheduled Pause.',
	}),
	PaymentFailed: (doing) => ({
		message: `Polar did not ${doing}: charging the customer failed, so nothing was changed (402)`,
		description:
			'The customer needs a working payment method (they can add one in the customer portal: Customer Session → Create). Or choose Proration "Next Period" or "Prorate", which charge nothing now.',
	}),
};

/** Polar's 400 answers to a seat change, whose detail says what was wrong. */
const SEAT_REFUSALS = [
	'NotASeatBasedSubscription',
	'BelowMinimumSeats',
	'AboveMaximumSeats',
	'SeatsAlreadyAssigned',
];

/**
 * A subscription operation's wording for Polar's answers about the subscription it named: a
 * missing one (404) and the refusals of an update (402, 403, 409), each with what to do.
 * `doing` completes "Polar did not …", e.g. "cancel the subscription".
 */
export function refineSubscriptionFailure(id: string, doing: string): RefineFailure {
	return (failure, response) => {
		if (isPolarNotFound(response.status, response.body)) {
			return {
				...failure,
				message: `No Polar subscription with ID "${id}"`,
				description:
					'Check the subscription ID, and that the credential points at the environment (sandbox or production) and organization the subscription belongs to.',
			};
		}
		const { error, detail } = errorOf(response.body);
		if (response.status === 400 && SEAT_REFUSALS.includes(error) && detail) {
			return {
				...failure,
				message: `Polar did not ${doing}: ${detail} (400)`,
				description:
					'Seats can be changed only on a seat-based subscription, within its price’s minimum and maximum, and not below the seats already assigned.',
			};
		}
		const refusal = [402, 403, 409].includes(response.status) ? REFUSALS[error] : undefined;
		if (!refusal) return failure;
		const said = refusal(doing);
		return {
			...failure,
			...said,
			description: detail ? `${said.description} Polar said: ${detail}` : said.description,
		};
	};
}
