import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	MAX_METADATA_KEY,
	MAX_METADATA_PAIRS,
	MAX_METADATA_VALUE,
	metadataField,
	readMetadata,
} from '../../helpers/metadata';
import { asText, InputError, requireText } from '../../helpers/validation';

/**
 * The customer fields that Create and Update share, as Polar's CustomerIndividualCreate,
 * CustomerTeamCreate, CustomerUpdate and CustomerUpdateExternalID name them, with Polar's
 * limits checked before sending.
 */

const MAX_NAME = 256;
/** ISO 3166-1 alpha-2, as Polar's CountryAlpha2Input lists them. */
const COUNTRIES = new Set(
	'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IS IT JE JM JO JP KE KG KH KI KM KN KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
		' ',
	),
);
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An IETF BCP 47 language tag, e.g. en, en-US, fr-CA. */
export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'e.g. nathan@example.com',
	default: '',
	description: 'The customer’s email address, unique within the organization',
};

export const customerMetadataField = metadataField(
	`Data of your own to store with the customer: up to ${MAX_METADATA_PAIRS} keys of at most ${MAX_METADATA_KEY} characters, each value text of at most ${MAX_METADATA_VALUE} characters, a number or true/false, as its Type says.`,
);

export const billingAddressField: INodeProperties = {
	displayName: 'Billing Address',
	name: 'billingAddress',
	type: 'fixedCollection',
	placeholder: 'Add Billing Address',
	default: {},
	options: [
		{
			name: 'address',
			displayName: 'Address',
			values: [
				{ displayName: 'City', name: 'city', type: 'string', default: '' },
				{
					displayName: 'Country',
					name: 'country',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. US',
					description: 'Two-letter ISO 3166-1 country code',
				},
				{ displayName: 'Line 1', name: 'line1', type: 'string', default: '' },
				{ displayName: 'Line 2', name: 'line2', type: 'string', default: '' },
				{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
				{
					displayName: 'State',
					name: 'state',
					type: 'string',
					default: '',
					description: 'State or province, e.g. CA',
				},
			],
		},
	],
};

/** Optional fields, alphabetical; each operation picks those Polar accepts for it. */
export const customerFields = {
	billingAddress: billingAddressField,
	email: emailField,
	externalId: {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: 'e.g. usr_1337',
		description:
			'The customer’s ID in your own system, unique within the organization. Once set, it cannot be changed.',
	} as INodeProperties,
	locale: {
		displayName: 'Locale',
		name: 'locale',
		type: 'string',
		default: '',
		placeholder: 'e.g. en-US',
		description: 'The customer’s language, an IETF BCP 47 tag such as en, en-US or fr-CA',
	} as INodeProperties,
	metadata: customerMetadataField,
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Nathan Smith',
		description: `The customer’s name, at most ${MAX_NAME} characters`,
	} as INodeProperties,
	taxId: {
		displayName: 'Tax ID',
		name: 'taxId',
		type: 'string',
		default: '',
		placeholder: 'e.g. FR40303265045',
		description: 'The customer’s tax ID, e.g. a VAT number',
	} as INodeProperties,
};

export function requireEmail(value: unknown, field: string): string {
	const email = requireText(value, field);
	if (!EMAIL.test(email)) throw new InputError(field, `"${email}" is not an email address`);
	return email;
}

export function readBillingAddress(value: unknown): IDataObject {
	const address = ((value as IDataObject | undefined)?.address ?? {}) as IDataObject;
	const country = requireText(address.country, 'Billing Address country').toUpperCase();
	if (!COUNTRIES.has(country)) {
		throw new InputError(
			'Billing Address country',
			`"${country}" is not a two-letter ISO 3166-1 country code, e.g. US`,
		);
	}
	const body: IDataObject = { country };
	const parts = {
		line1: 'line1',
		line2: 'line2',
		postal_code: 'postalCode',
		city: 'city',
		state: 'state',
	};
	for (const [polar, ours] of Object.entries(parts)) {
		const text = asText(address[ours], `Billing Address ${ours}`);
		if (text) body[polar] = text;
	}
	return body;
}

/**
 * Polar's body fields for the node fields that are set: unset fields are left out, so an
 * update changes only what the user gave.
 */
export function readCustomerFields(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.email !== undefined && fields.email !== '')
		body.email = requireEmail(fields.email, 'Email');
	const name = asText(fields.name, 'Name');
	if (name.length > MAX_NAME)
		throw new InputError(
			'Name',
			`is ${name.length} characters long; Polar accepts at most ${MAX_NAME}`,
		);
	if (name) body.name = name;
	const externalId = asText(fields.externalId, 'External ID');
	if (externalId) body.external_id = externalId;
	const locale = asText(fields.locale, 'Locale');
	if (locale && !LOCALE.test(locale))
		throw new InputError('Locale', `"${locale}" is not a language tag such as en, en-US or fr-CA`);
	if (locale) body.locale = locale;
	const taxId = asText(fields.taxId, 'Tax ID');
	if (taxId) body.tax_id = taxId;
	if (fields.metadata !== undefined) body.metadata = readMetadata(fields.metadata);
	if (fields.billingAddress !== undefined && (fields.billingAddress as IDataObject).address) {
		body.billing_address = readBillingAddress(fields.billingAddress);
	}
	return body;
}
