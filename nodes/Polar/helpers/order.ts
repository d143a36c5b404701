import { uuidLocator } from './locator';

const order = uuidLocator({
	displayName: 'Order',
	noun: 'order',
	article: 'an',
	searchListMethod: 'searchOrders',
	example: '4c1f2a3b-5d6e-4f70-8a91-b2c3d4e5f601',
});

/** Every operation that takes an order: From List (the newest, filtered as the user types) or By ID. */
export const orderLocator = order.field;
export const readOrderId = order.readId;
export const refineOrderFailure = order.refineNotFound;
