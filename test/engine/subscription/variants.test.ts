import type { IDataObject } from 'n8n-workflow';

import {
	byId,
	PRODUCT_IDS,
	runSubscription,
	SUBSCRIPTION_IDS,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();

const DISCOUNT = '8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d';
const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
const inAYear = new Date(Date.now() + 400 * 86_400_000).toISOString();

/**
 * Polar's update body is one of several variants, each with additionalProperties: false: every
 * operation sends exactly its own variant's keys (and the spec check of every request, in
 * usePolarDouble, holds each to the union).
 */
const CASES: Array<[string, string, IDataObject, string, IDataObject]> = [
	[
		'cancelAtPeriodEnd',
		SUBSCRIPTION_IDS.adaPro,
		{ additionalFields: { reason: 'too_expensive', comment: 'Too pricey for us' } },
		'PATCH',
		{
			cancel_at_period_end: true,
			customer_cancellation_reason: 'too_expensive',
			customer_cancellation_comment: 'Too pricey for us',
		},
	],
	['cancelAtPeriodEnd', SUBSCRIPTION_IDS.adaPro, {}, 'PATCH', { cancel_at_period_end: true }],
	['uncancel', SUBSCRIPTION_IDS.graceCanceling, {}, 'PATCH', { cancel_at_period_end: false }],
	['revoke', SUBSCRIPTION_IDS.adaPro, {}, 'DELETE', {}],
	[
		'revoke',
		SUBSCRIPTION_IDS.adaPro,
		{ additionalFields: { reason: 'unused' } },
		'PATCH',
		{ revoke: true, customer_cancellation_reason: 'unused' },
	],
	[
		'changeProduct',
		SUBSCRIPTION_IDS.adaPro,
		{
			product: byId(PRODUCT_IDS.teamYearly),
			additionalFields: { prorationBehavior: 'next_period' },
		},
		'PATCH',
		{ product_id: PRODUCT_IDS.teamYearly, proration_behavior: 'next_period' },
	],
	[
		'changeProduct',
		SUBSCRIPTION_IDS.adaPro,
		{ product: byId(PRODUCT_IDS.teamYearly) },
		'PATCH',
		{ product_id: PRODUCT_IDS.teamYearly },
	],
	[
		'updateSeats',
		SUBSCRIPTION_IDS.adaPro,
		{ seats: 5, additionalFields: { prorationBehavior: 'invoice' } },
		'PATCH',
		{ seats: 5, proration_behavior: 'invoice' },
	],
	[
		'applyDiscount',
		SUBSCRIPTION_IDS.adaPro,
		{ discountId: DISCOUNT },
		'PATCH',
		{ discount_id: DISCOUNT },
	],
	['removeDiscount', SUBSCRIPTION_IDS.adaPro, {}, 'PATCH', { discount_id: null }],
	[
		'setTrialEnd',
		SUBSCRIPTION_IDS.acmeTrial,
		{ trialEnd: inAMonth },
		'PATCH',
		{ trial_end: inAMonth },
	],
	['endTrial', SUBSCRIPTION_IDS.acmeTrial, {}, 'PATCH', { trial_end: 'now' }],
	[
		'updateMetadata',
		SUBSCRIPTION_IDS.adaPro,
		{ metadata: { entries: [{ key: 'crm', type: 'string', value: 'hs_42' }] } },
		'PATCH',
		{ metadata: { crm: 'hs_42' } },
	],
	[
		'pauseAtPeriodEnd',
		SUBSCRIPTION_IDS.adaPro,
		{ additionalFields: { resumesAt: inAYear } },
		'PATCH',
		{ pause_at_period_end: true, resumes_at: inAYear },
	],
	['cancelPause', SUBSCRIPTION_IDS.adaPro, {}, 'PATCH', { pause_at_period_end: false }],
	['resume', SUBSCRIPTION_IDS.adaPaused, {}, 'PATCH', { resume: true }],
	[
		'updateBillingPeriod',
		SUBSCRIPTION_IDS.adaPro,
		{ currentPeriodEnd: inAMonth },
		'PATCH',
		{ current_billing_period_end: inAMonth },
	],
	['clearPendingUpdate', SUBSCRIPTION_IDS.gracePending, {}, 'PATCH', { pending_update: null }],
];

describe('Subscription updates, in n8n’s engine against the Polar double', () => {
	it.each(CASES)(
		'%s sends only its own variant of Polar’s update',
		async (operation, id, parameters, method, body) => {
			await runSubscription(polar(), operation, {
				parameters: { subscription: byId(id), ...parameters },
			});
			expect(polar().requests).toHaveLength(1);
			const [request] = polar().requests;
			expect([request.method, request.path]).toEqual([method, `/v1/subscriptions/${id}`]);
			expect(request.body ?? {}).toEqual(body);
		},
	);
});
