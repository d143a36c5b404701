import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { requireUuid, UUID4_PATTERN } from '../../helpers/validation';

/**
 * The order a refund is for, By ID only: a stand-in with the shape of the shared Order locator
 * (helpers/order.ts, with From list), which replaces it by changing the import in create.operation.ts.
 */
export function orderLocator(description: string, name = 'order'): INodeProperties {
	return {
		displayName: 'Order',
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a01',
				hint: 'Polar’s order ID, a UUID (e.g. from the Order Paid event)',
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

const NOT_UUID_HINT = 'Copy the order’s ID from Polar’s dashboard or from the Order Paid event.';

/** Reads the Order locator's value: Polar's order ID, checked before anything is sent. */
export function readOrderId(
	locator: INodeParameterResourceLocator | string,
	field = 'Order',
): string {
	if (typeof locator !== 'object' || locator === null) {
		return requireUuid(locator, field, NOT_UUID_HINT);
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return requireUuid(locator.value, label, NOT_UUID_HINT);
}
