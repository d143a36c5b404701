import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/** An object picked By ID only (Polar has no name to list it by), e.g. a dispute or a payment. */
export interface IdObject {
	/** As the field says it, e.g. "Dispute". */
	label: string;
	/** In running text, e.g. "dispute". */
	noun: string;
	placeholder: string;
	/** Where a user finds the ID. */
	hint: string;
}

export function idLocator(object: IdObject, description: string, name: string): INodeProperties {
	return {
		displayName: object.label,
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
				placeholder: object.placeholder,
				hint: object.hint,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: UUID4_PATTERN,
							errorMessage: `Not a Polar ${object.noun} ID (a UUID)`,
						},
					},
				],
			},
		],
	};
}

/** The locator's value as Polar's ID, checked before anything is sent. */
export function readObjectId(
	object: IdObject,
	locator: INodeParameterResourceLocator | string,
): string {
	const value = typeof locator === 'object' && locator !== null ? locator.value : locator;
	const field = typeof locator === 'object' ? `${object.label} (By ID)` : object.label;
	return requireUuid(value, field, object.hint);
}

/** A missing object (Polar's 404 ResourceNotFound), named by its ID. */
export function refineNotFound(object: IdObject): (id: string) => RefineFailure {
	return (id) => (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar ${object.noun} with ID "${id}"`,
					description: `Check the ${object.noun} ID, and that the credential points at the environment (sandbox or production) and organization it belongs to.`,
				}
			: failure;
}
