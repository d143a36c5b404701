import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { requireUuid } from '../../helpers/validation';
import { isPolarNotFound, type RefineFailure } from '../../transport/errors';

/** The Checkout ID field: Polar's ID of a checkout session (not its client secret). */
export function checkoutIdField(description: string): INodeProperties {
	return {
		displayName: 'Checkout ID',
		name: 'checkoutId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b',
		description: `${description}: Polar’s checkout ID (a UUID), the ID in Create’s output`,
	};
}

export const readCheckoutId = (value: INodeParameterResourceLocator | string): string =>
	requireUuid(
		typeof value === 'object' && value !== null ? value.value : value,
		'Checkout ID',
		'Use the checkout’s id (a UUID), not its client secret or URL.',
	);

export function refineMissingCheckout(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar checkout with ID "${id}"`,
					description:
						'Check the checkout ID, and that the credential points at the environment (sandbox or production) and organization that created it.',
				}
			: failure;
}
