import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'cancelPause',
	locatorDescription: 'The subscription set to pause at the end of its period, to keep renewing',
	readBody: () => ({ pause_at_period_end: false }),
	doing: 'cancel the scheduled pause',
	done: 'no longer set to pause',
	effect: 'canceled the scheduled pause',
	repeatable: true,
});
