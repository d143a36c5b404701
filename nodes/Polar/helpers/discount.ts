import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/**
 * The Discount locator every operation that takes a discount shares (Get, Update, Delete, and
 * checkouts and subscriptions): From List, searching discounts by name or code, or By ID.
 */
export function discountLocator(description: string, name = 'discount'): INodeProperties {
	return {
		displayName: 'Discount',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a discount...',
				typeOptions: { searchListMethod: 'searchDiscounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e21',
				hint: 'Polar’s discount ID, a UUID (not the code customers type)',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar discount ID (a UUID)' },
					},
				],
			},
		],
	};
}

const NOT_UUID_HINT =
	'Copy the discount’s ID from Polar’s dashboard, or choose it From list (which also finds it by its code).';

/** Reads the Discount locator's value: Polar's discount ID, checked before anything is sent. */
export function readDiscountId(
	locator: INodeParameterResourceLocator | string,
	field = 'Discount',
): string {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return requireUuid(locator, field, NOT_UUID_HINT);
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return requireUuid(locator.value, label, NOT_UUID_HINT);
}

/** A missing or deleted discount (Polar's 404 ResourceNotFound), named by its ID. */
export function refineDiscountFailure(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar discount with ID "${id}"`,
					description:
						'It may have been deleted. Check the discount ID, and that the credential points at the environment (sandbox or production) and organization the discount belongs to.',
				}
			: failure;
}

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
