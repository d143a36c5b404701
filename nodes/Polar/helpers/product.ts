import { uuidLocator } from './locator';

const product = uuidLocator({
	displayName: 'Product',
	noun: 'product',
	searchListMethod: 'searchProducts',
	example: '5f3c2b9e-8d4a-4c1e-9b7a-1d2e3f4a5b61',
});

/** Every operation that takes a product: From List (searching by name) or By ID. */
export const productLocator = product.field;
export const readProductId = product.readId;
export const refineProductFailure = product.refineNotFound;
