import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { isPolarNotFound, type RefineFailure } from '../transport/errors';
import { requireUuid, UUID4_PATTERN } from './validation';

/** What tells one Polar object's locator from another's. */
export interface UuidLocatorSpec {
	/** The field's name in the UI, e.g. "Product". */
	displayName: string;
	/** The object in words, e.g. "product"; "an" for a vowel sound ("an order"). */
	noun: string;
	article?: 'a' | 'an';
	/**
	 * The node's list search method (methods/listSearch.ts), e.g. "searchProducts"; none for an
	 * object Polar gives no way to list by name (a dispute, a payment): By ID only.
	 */
	searchListMethod?: string;
	/** A UUID for the By ID placeholder. */
	example: string;
	/** Beside "Polar's product ID, a UUID", e.g. "(not the code customers type)". */
	idNote?: string;
	/** Where else a user finds the ID, beside the dashboard, e.g. "or a webhook". */
	alsoFrom?: string;
	/** How From list finds it, beside its name, e.g. "(which also finds it by its code)". */
	listNote?: string;
	/** Why Polar may not find it, before what to check, e.g. "It may have been deleted." */
	notFoundNote?: string;
}

/**
 * A locator for an object Polar names by a UUID: From List (the node's list search) or By ID,
 * the reader that checks its value before anything is sent, and Polar's 404 in words. Every
 * resource that is taken by other operations (products, meters, orders…) is one call.
 */
export function uuidLocator(spec: UuidLocatorSpec) {
	const { displayName, noun } = spec;
	const fromList = spec.searchListMethod
		? `, or choose it From list${spec.listNote ? ` ${spec.listNote}` : ''}`
		: '';
	const notUuidHint = `Copy the ${noun}’s ID from Polar’s dashboard${spec.alsoFrom ? ` ${spec.alsoFrom}` : ''}${fromList}.`;

	const field = (
		description: string,
		name = noun.replace(/ (\w)/g, (_, c: string) => c.toUpperCase()),
	): INodeProperties => {
		const property: INodeProperties = {
			displayName,
			name,
			type: 'resourceLocator',
			default: { mode: spec.searchListMethod ? 'list' : 'id', value: '' },
			required: true,
			description,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: `Select ${spec.article ?? 'a'} ${noun}...`,
					typeOptions: { searchListMethod: spec.searchListMethod ?? '', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: `e.g. ${spec.example}`,
					hint: `Polar’s ${noun} ID, a UUID${spec.idNote ? ` ${spec.idNote}` : ''}`,
					validation: [
						{
							type: 'regex',
							properties: { regex: UUID4_PATTERN, errorMessage: `Not a Polar ${noun} ID (a UUID)` },
						},
					],
				},
			],
		};
		// Without a list search (Polar cannot list it by name), By ID is the only way.
		if (!spec.searchListMethod) property.modes = property.modes?.filter((m) => m.name === 'id');
		return property;
	};

	/** The locator's value: Polar's ID, checked before anything is sent. */
	const readId = (locator: INodeParameterResourceLocator | string, label = displayName): string => {
		// A plain string is what an expression on the whole field gives: treat it as an ID.
		if (typeof locator !== 'object' || locator === null) {
			return requireUuid(locator, label, notUuidHint);
		}
		const mode = locator.mode === 'list' ? `${label} (From list)` : `${label} (By ID)`;
		return requireUuid(locator.value, mode, notUuidHint);
	};

	/** A missing object (Polar's 404 ResourceNotFound), named by its ID. */
	const refineNotFound =
		(id: string): RefineFailure =>
		(failure, response) =>
			isPolarNotFound(response.status, response.body)
				? {
						...failure,
						message: `No Polar ${noun} with ID "${id}"`,
						description: `${spec.notFoundNote ? `${spec.notFoundNote} ` : ''}Check the ${noun} ID, and that the credential points at the environment (sandbox or production) and organization the ${noun} belongs to.`,
					}
				: failure;

	return { field, readId, refineNotFound };
}
