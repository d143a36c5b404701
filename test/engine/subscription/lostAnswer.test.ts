import type { IDataObject } from 'n8n-workflow';

import { DISCOUNT_IDS } from '../../../dev/polar-double';
import { byId, runSubscription, SUBSCRIPTION_IDS, useSubscriptionDouble } from './fixtures';

const polar = useSubscriptionDouble();
const options = { maxRetries: 2, maxRetryWait: 1 };
const patches = () => polar().requests.filter((r) => r.method === 'PATCH');

/**
 * Polar applies the update, then the connection is reset before its answer arrives; the node
 * sends it again, and Polar refuses the repeat as it refuses any update of a subscription
 * already in that state (subscription/service.py).
 */
async function afterLostAnswer(operation: string, parameters: IDataObject) {
	polar().failNext('commit-then-reset');
	return await runSubscription(polar(), operation, { parameters: { ...parameters, options } });
}

describe('Subscription state changes whose answer was lost: the item says the earlier attempt did it', () => {
	it.each([
		// [operation, subscription, extra parameters, Polar's refusal of the repeat, the state then]
		['cancelAtPeriodEnd', SUBSCRIPTION_IDS.adaPro, {}, 403, { cancel_at_period_end: true }],
		['uncancel', SUBSCRIPTION_IDS.graceCanceling, {}, 400, { cancel_at_period_end: false }],
		[
			'applyDiscount',
			SUBSCRIPTION_IDS.adaPro,
			{ discountId: byId(DISCOUNT_IDS.summer) },
			422,
			{ discount_id: DISCOUNT_IDS.summer },
		],
		['pauseAtPeriodEnd', SUBSCRIPTION_IDS.adaPro, {}, 409, { pause_at_period_end: true }],
		['clearPendingUpdate', SUBSCRIPTION_IDS.gracePending, {}, 422, { pending_update: null }],
	])(
		'%s: sent twice, refused the second time, and reported done',
		async (operation, id, extra, refusal, state) => {
			const result = await afterLostAnswer(operation, { subscription: byId(id), ...extra });
			expect(result.executionError).toBeUndefined();
			// The first answer was lost (no status): Polar had applied it.
			expect(patches().map((r) => r.status)).toEqual([undefined, refusal]);
			expect(result.success).toHaveLength(1);
			expect(result.success[0].json).toMatchObject({
				id,
				...state,
				alreadyDone: 'by the earlier attempt, whose answer was lost',
			});
			expect(JSON.stringify(result.success[0].json)).not.toMatch(/did not/);
		},
	);

	it('cancelPause: sent twice, refused the second time (409), and reported done', async () => {
		const paused = await runSubscription(polar(), 'pauseAtPeriodEnd', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro) },
		});
		expect(paused.success[0].json).toMatchObject({ pause_at_period_end: true });
		const result = await afterLostAnswer('cancelPause', {
			subscription: byId(SUBSCRIPTION_IDS.adaPro),
		});
		expect(result.executionError).toBeUndefined();
		expect(patches().map((r) => r.status)).toEqual([200, undefined, 409]);
		expect(result.success[0].json).toMatchObject({
			pause_at_period_end: false,
			alreadyDone: 'by the earlier attempt, whose answer was lost',
		});
	});

	it('a refusal the earlier attempt cannot explain stays an error: an ended subscription is not canceled', async () => {
		const result = await afterLostAnswer('cancelAtPeriodEnd', {
			subscription: byId(SUBSCRIPTION_IDS.alanEnded),
		});
		expect(patches().map((r) => r.status)).toEqual([undefined, 403]);
		expect(result.executionError?.message).toBe(
			'Polar did not cancel the subscription: the subscription is already canceled or will be at the end of the period (403)',
		);
	});

	it('without a lost answer, the same refusal is an error', async () => {
		const result = await runSubscription(polar(), 'uncancel', {
			parameters: { subscription: byId(SUBSCRIPTION_IDS.adaPro), options },
		});
		expect(patches().map((r) => r.status)).toEqual([400]);
		expect(result.executionError?.message).toBe(
			'Polar did not uncancel the subscription: it is not set to cancel (400)',
		);
	});
});
