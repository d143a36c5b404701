import { refusedWith } from '../../helpers/subscription';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'cancelPause',
	locatorDescription: 'The subscription set to pause at the end of its period, to keep renewing',
	readBody: () => ({ pause_at_period_end: false }),
	doing: 'cancel the scheduled pause',
	done: 'no longer set to pause',
	effect: 'canceled the scheduled pause',
	repeatable: true,
	// service.py cancel_scheduled_pause: 409 NoScheduledPause once no pause is scheduled
	// (Subscription.can_cancel_scheduled_pause: pause_at_period_end on an active subscription).
	alreadySet: {
		refusal: refusedWith(409, 'NoScheduledPause'),
		holds: (subscription) =>
			subscription.pause_at_period_end === false && subscription.status === 'active',
	},
});
