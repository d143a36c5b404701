import { invalidWith } from '../../helpers/subscription';
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
	// service.py clear_pending_update: 422 on pending_update "This subscription has no pending
	// update to clear." once cleared.
	alreadySet: {
		refusal: invalidWith('pending_update', /no pending update/),
		holds: (subscription) => subscription.pending_update === null,
	},
});
