import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'removeDiscount',
	locatorDescription:
		'The subscription whose discount to remove; full price applies from the next billing cycle',
	readBody: () => ({ discount_id: null }),
	doing: 'remove the discount',
	done: 'without its discount',
	effect: 'removed the discount',
	repeatable: true,
});
