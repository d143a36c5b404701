import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import {
	isPolarNotFound,
	validationEntries,
	type FailedResponse,
	type PolarFailure,
	type RefineFailure,
} from '../transport/errors';
import { apiPath } from '../transport/path';
import { requirePathSegment, requireText, requireUuid } from './validation';

/** A customer as the user chose it: Polar's ID, or the ID their own system gave the customer. */
export type CustomerRef = { id: string } | { externalId: string };

/** Reads the Customer locator (From List, By ID, By External ID) of one item. */
export function readCustomerRef(
	locator: INodeParameterResourceLocator | string,
	field = 'Customer',
): CustomerRef {
	// A plain string is what an expression on the whole field gives: treat it as an ID.
	if (typeof locator !== 'object' || locator === null) {
		return { id: requireUuid(locator, field) };
	}
	if (locator.mode === 'externalId') {
		return { externalId: requireText(locator.value, `${field} (Ext. ID)`) };
	}
	const label = locator.mode === 'list' ? `${field} (From list)` : `${field} (By ID)`;
	return { id: requireUuid(locator.value, label) };
}

/**
 * The Customer parameter (the shared locator) of one item, as a reference. For an operation
 * that puts it in the path, an external ID must be one path segment (see apiPath).
 */
export function getCustomerRef(
	context: IExecuteFunctions,
	itemIndex: number,
	usedIn: 'path' | 'body' = 'path',
): CustomerRef {
	const ref = readCustomerRef(
		context.getNodeParameter('customer', itemIndex) as INodeParameterResourceLocator | string,
	);
	if (usedIn === 'path' && 'externalId' in ref) {
		requirePathSegment(
			ref.externalId,
			'Customer (Ext. ID)',
			'Choose the customer By ID or From list instead.',
		);
	}
	return ref;
}

/** The customer's API path: Polar offers most customer endpoints By ID and By External ID. */
export type CustomerSubpath = '' | '/state';

export function customerPath(ref: CustomerRef, suffix: CustomerSubpath = ''): string {
	const path =
		'id' in ref
			? apiPath`/v1/customers/${ref.id}`
			: apiPath`/v1/customers/external/${ref.externalId}`;
	return `${path}${suffix}`;
}

/** e.g. `ID "992f…"` or `external ID "usr_1337"`. */
export function nameCustomer(ref: CustomerRef): string {
	return 'id' in ref ? `ID "${ref.id}"` : `external ID "${ref.externalId}"`;
}

const NOT_FOUND_HELP =
	'Check the customer ID, and that the credential points at the environment (sandbox or production) and organization the customer belongs to.';

function errorName(response: FailedResponse): string | undefined {
	const body = response.body as { error?: unknown } | undefined;
	return typeof body?.error === 'string' ? body.error : undefined;
}

/**
 * What a customer operation's failures mean for the customer it named: a missing one (404, or
 * the 422 "Customer does not exist." of a session) and an external ID that several
 * organizations share (409).
 */
export function refineCustomerFailure(ref: CustomerRef): RefineFailure {
	return (failure: PolarFailure, response: FailedResponse): PolarFailure => {
		const missing =
			isPolarNotFound(response.status, response.body) ||
			(response.status === 422 &&
				validationEntries(response.body).some((entry) => entry.msg === 'Customer does not exist.'));
		if (missing) {
			return {
				...failure,
				message: `No Polar customer with ${nameCustomer(ref)}`,
				description: NOT_FOUND_HELP,
			};
		}
		if (response.status === 409 && errorName(response) === 'AmbiguousExternalCustomerID') {
			return {
				...failure,
				message: 'This external customer ID matches customers in several organizations (409)',
				description:
					'Set the Organization ID in the Polar credential, use an organization access token, or choose the customer By ID.',
			};
		}
		return failure;
	};
}
