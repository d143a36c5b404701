import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/**
 * The Product locator every operation that takes a product shares (Get, and later checkouts
 * and subscriptions): From List, searching products by name, or By ID.
 */
export function productLocator(description: string, name = 'product'): INodeProperties {
	return {
		displayName: 'Product',
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
				placeholder: 'Select a product...',
				typeOptions: { searchListMethod: 'searchProducts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5f3c2b9e-8d4a-4c1e-9b7a-1d2e3f4a5b61',
				hint: 'Polar’s product ID, a UUID',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar product ID (a UUID)' },
					},
				],
			},
		],
	};
}

const NOT_UUID_HINT = 'Copy the product’s ID from Polar’s dashboard, or choose it From list.';

/** Reads the Product locator's value: Polar's product ID, checked before anything is sent. */
export function readProductId(
	locator: INodeParameterResourceLocator | string,
	field = 'Product',
): string {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return requireUuid(locator, field, NOT_UUID_HINT);
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return requireUuid(locator.value, label, NOT_UUID_HINT);
}

/** A missing product (Polar's 404 ResourceNotFound), named by its ID. */
export function refineProductFailure(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar product with ID "${id}"`,
					description:
						'Check the product ID, and that the credential points at the environment (sandbox or production) and organization the product belongs to.',
				}
			: failure;
}
