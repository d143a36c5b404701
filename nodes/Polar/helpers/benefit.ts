import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/**
 * The Benefit locator every operation that takes a benefit shares (Get, the grants of one
 * benefit, and Product → Get Many's filter): From List, searching benefits by description, or By ID.
 */
export function benefitLocator(description: string, name = 'benefit'): INodeProperties {
	return {
		displayName: 'Benefit',
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
				placeholder: 'Select a benefit...',
				typeOptions: { searchListMethod: 'searchBenefits', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. e5f40716-8f92-43a4-8eb5-d6f708192a35',
				hint: 'Polar’s benefit ID, a UUID',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID4_PATTERN, errorMessage: 'Not a Polar benefit ID (a UUID)' },
					},
				],
			},
		],
	};
}

const NOT_UUID_HINT = 'Copy the benefit’s ID from Polar’s dashboard, or choose it From list.';

/** Reads the Benefit locator's value: Polar's benefit ID, checked before anything is sent. */
export function readBenefitId(
	locator: INodeParameterResourceLocator | string,
	field = 'Benefit',
): string {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return requireUuid(locator, field, NOT_UUID_HINT);
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return requireUuid(locator.value, label, NOT_UUID_HINT);
}

/** A missing benefit (Polar's 404 ResourceNotFound), named by its ID. */
export function refineBenefitFailure(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar benefit with ID "${id}"`,
					description:
						'Check the benefit ID, and that the credential points at the environment (sandbox or production) and organization the benefit belongs to.',
				}
			: failure;
}
