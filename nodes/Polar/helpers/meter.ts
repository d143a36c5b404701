import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/**
 * The Meter locator every operation that takes a meter shares (Get, Get Quantities, and the
 * customer meter filter): From List, searching meters by name, or By ID.
 */
export function meterLocator(description: string, name = 'meter'): INodeProperties {
	return {
		displayName: 'Meter',
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
				placeholder: 'Select a meter...',
				typeOptions: { searchListMethod: 'searchMeters', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
				hint: 'Polar’s meter ID, a UUID',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar meter ID (a UUID)' },
					},
				],
			},
		],
	};
}

const NOT_UUID_HINT = 'Copy the meter’s ID from Polar’s dashboard, or choose it From list.';

/** Reads the Meter locator's value: Polar's meter ID, checked before anything is sent. */
export function readMeterId(
	locator: INodeParameterResourceLocator | string,
	field = 'Meter',
): string {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return requireUuid(locator, field, NOT_UUID_HINT);
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return requireUuid(locator.value, label, NOT_UUID_HINT);
}

/** A missing meter (Polar's 404 ResourceNotFound), named by its ID. */
export function refineMeterFailure(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar meter with ID "${id}"`,
					description:
						'Check the meter ID, and that the credential points at the environment (sandbox or production) and organization the meter belongs to.',
				}
			: failure;
}
