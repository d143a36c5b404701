import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/**
 * The Order locator every operation that takes an order shares (Get, Update Billing Details,
 * Get Invoice, Get Receipt, and later refunds): From List, the newest orders, or By ID.
 */
export function orderLocator(description: string, name = 'order'): INodeProperties {
	return {
		displayName: 'Order',
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
				placeholder: 'Select an order...',
				typeOptions: { searchListMethod: 'searchOrders', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 4c1f2a3b-5d6e-4f70-8a91-b2c3d4e5f601',
				hint: 'Polar’s order ID, a UUID',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar order ID (a UUID)' },
					},
				],
			},
		],
	};
}

const NOT_UUID_HINT = 'Copy the order’s ID from Polar’s dashboard, or choose it From list.';

/** Reads the Order locator's value: Polar's order ID, checked before anything is sent. */
export function readOrderId(
	locator: INodeParameterResourceLocator | string,
	field = 'Order',
): string {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return requireUuid(locator, field, NOT_UUID_HINT);
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return requireUuid(locator.value, label, NOT_UUID_HINT);
}

/** A missing order (Polar's 404 ResourceNotFound), named by its ID. */
export function refineOrderFailure(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar order with ID "${id}"`,
					description:
						'Check the order ID, and that the credential points at the environment (sandbox or orderion) and organization the order belongs to.',
				}
			: failure;
}
