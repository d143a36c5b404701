import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'clearPendingUpdate',
	locatorDescription:
		'The subscription whose scheduled change (e.g. a product change for the next period) to drop',
	readBody: () => ({ pending_update: null }),
	doing: 'clear the pending update',
	done: 'without its pending update',
	effect: 'cleared the pending update',
	repeatable: true,
});
