import type { IDataObject } from 'n8n-workflow';

import { uuidLocator } from './locator';

const discount = uuidLocator({
	displayName: 'Discount',
	noun: 'discount',
	idNote: '(not the code customers type)',
	listNote: '(which also finds it by its code)',
	notFoundNote: 'It may have been deleted.',
	searchListMethod: 'searchDiscounts',
	example: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e21',
});

/** Every operation that takes a discount: From List (searching by name or code) or By ID. */
export const discountLocator = discount.field;
export const readDiscountId = discount.readId;
export const refineDiscountFailure = discount.refineNotFound;

/** How the From list shows a discount: its name, code and what it takes off. */
export function discountListName(discount: IDataObject): string {
	const name = typeof discount.name === 'string' ? discount.name : '';
	const code = typeof discount.code === 'string' ? ` · ${discount.code}` : '';
	const off =
		discount.type === 'percentage'
			? ` (${Number(discount.basis_points) / 100} %)`
			: discount.type === 'fixed'
				? ' (fixed)'
				: '';
	return name ? `${name}${code}${off}` : '';
}
