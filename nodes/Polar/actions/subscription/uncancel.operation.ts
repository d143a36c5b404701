import { refusedWith } from '../../helpers/subscription';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'uncancel',
	locatorDescription: 'The subscription set to cancel at the end of its period, to keep renewing',
	readBody: () => ({ cancel_at_period_end: false }),
	doing: 'uncancel the subscription',
	done: 'uncanceled',
	effect: 'uncanceled the subscription',
	repeatable: true,
	// service.py uncancel: 400 BadRequest once no longer set to cancel (can_uncancel).
	alreadySet: {
		refusal: refusedWith(400, 'BadRequest'),
		holds: (subscription) => subscription.cancel_at_period_end === false && !subscription.ended_at,
	},
	// Polar's uncancel (service.py): 410 once the subscription has ended, 400 when it is not
	// set to cancel.
	refine: () => (failure, response) => {
		if (response.status === 410) {
			return {
				...failure,
				message: 'Polar did not uncancel the subscription: it has already ended (410)',
				description:
					'An ended subscription cannot be uncanceled. The customer can subscribe again through a checkout.',
			};
		}
		if (response.status === 400) {
			return {
				...failure,
				message: 'Polar did not uncancel the subscription: it is not set to cancel (400)',
				description:
					'Only a subscription set to cancel at the end of its period (cancel_at_period_end) can be uncanceled; a revoked one has ended.',
			};
		}
		return failure;
	},
});
