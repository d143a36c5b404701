import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	allowDiscountCodesField,
	discountIdField,
	MAX_SEATS,
	readOptionalDiscountId,
	readTrial,
	readUrls,
	readWholeNumber,
	requireBillingAddressField,
	returnUrlField,
	successUrlField,
	trialField,
} from '../../helpers/checkout';
import {
	MAX_METADATA_KEY,
	MAX_METADATA_PAIRS,
	MAX_METADATA_VALUE,
	metadataField,
	readMetadata,
} from '../../helpers/metadata';
import { asText, requireUuid } from '../../helpers/validation';
import { isPolarNotFound, type RefineFailure } from '../../transport/errors';

/** The fields a checkout link's Create and Update share, as Polar's CheckoutLinkCreateProducts names them. */

export const checkoutLinkIdField = (description: string): INodeProperties => ({
	displayName: 'Checkout Link ID',
	name: 'checkoutLinkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
	description: `${description}: Polar’s checkout link ID (a UUID), not its URL or client secret`,
});

export const readCheckoutLinkId = (value: unknown): string =>
	requireUuid(
		value,
		'Checkout Link ID',
		'Use the link’s id (a UUID), e.g. {{ $json.id }} after Create, not its URL.',
	);

/** Optional fields of Create and Update, alphabetical. */
export const checkoutLinkFields: INodeProperties[] = [
	allowDiscountCodesField,
	discountIdField,
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		placeholder: 'e.g. Newsletter, spring offer',
		description: 'A name for the link, seen only in Polar’s dashboard, to tell links apart',
	},
	metadataField(
		`Data of your own that Polar copies to each checkout made from the link, then to the order or subscription: up to ${MAX_METADATA_PAIRS} keys of at most ${MAX_METADATA_KEY} characters, each value text of at most ${MAX_METADATA_VALUE} characters, a number or true/false, as its Type says.`,
	),
	requireBillingAddressField,
	returnUrlField,
	{
		displayName: 'Seats',
		name: 'seats',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SEATS, numberPrecision: 0 },
		default: 1,
		description: `A fixed number of seats for every checkout of the link (all products priced per seat), 1 to ${MAX_SEATS}`,
	},
	successUrlField,
	trialField,
];

/** Polar's body fields for the fields that are set. */
export function readCheckoutLinkFields(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.allowDiscountCodes !== undefined)
		body.allow_discount_codes = fields.allowDiscountCodes === true;
	if (fields.requireBillingAddress !== undefined)
		body.require_billing_address = fields.requireBillingAddress === true;
	const discountId = readOptionalDiscountId(fields.discountId);
	if (discountId) body.discount_id = discountId;
	const label = asText(fields.label, 'Label');
	if (label) body.label = label;
	if (fields.metadata !== undefined) body.metadata = readMetadata(fields.metadata);
	if (fields.seats !== undefined && fields.seats !== '')
		body.seats = readWholeNumber(fields.seats, 'Seats', 1, MAX_SEATS);
	Object.assign(body, readUrls(fields), readTrial(fields.trial));
	return body;
}

export function refineMissingCheckoutLink(id: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar checkout link with ID "${id}"`,
					description:
						'Check the link’s ID, and that the credential points at the environment (sandbox or production) and organization it belongs to. A deleted link is not found either.',
				}
			: failure;
}
