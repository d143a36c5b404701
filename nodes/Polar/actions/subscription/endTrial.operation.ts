import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'endTrial',
	locatorDescription:
		'The trialing subscription whose trial to end now. Polar starts the paid period at once and charges the customer.',
	readBody: () => ({ trial_end: 'now' }),
	doing: 'end the trial',
	done: 'out of its trial',
	effect: 'ended the trial (and charged the customer)',
	// Not repeated: ending the trial charges the customer.
	repeatable: false,
});
