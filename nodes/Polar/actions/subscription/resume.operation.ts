import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'resume',
	locatorDescription:
		'The paused subscription to resume now. Polar starts a new billing period at once and charges the customer.',
	readBody: () => ({ resume: true }),
	doing: 'resume the subscription',
	done: 'resumed',
	effect: 'resumed the subscription (and charged the customer)',
	// Not repeated: resuming charges the customer.
	repeatable: false,
});
