import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

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
import { formatMinorUnits, toMinorUnits } from '../../helpers/currency';
import { readCustomerRef, type CustomerRef } from '../../helpers/customer';
import {
	MAX_METADATA_KEY,
	MAX_METADATA_PAIRS,
	MAX_METADATA_VALUE,
	metadataField,
	readMetadata,
} from '../../helpers/metadata';
import { asText, InputError, requireUuid } from '../../helpers/validation';
import { customerLocator } from '../common.descriptions';
import { customerFields, LOCALE, readBillingAddress, requireEmail } from '../customer/fields';

/**
 * The optional fields of Checkout → Create, as Polar's CheckoutProductsCreate names them, with
 * Polar's limits checked before sending.
 */

const MAX_NAME = 256;
const INT32_MAX = 2147483647;

/** Polar's PresentmentCurrency: the currencies a checkout can be presented in. */
const CURRENCIES =
	'aed all amd aoa ars aud awg azn bam bbd bdt bif bmd bnd bob brl bsd bwp bzd cad cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jpy kes kgs khr kmf krw kyd kzt lak lkr lrd lsl mad mdl mga mkd mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd pab pen pgk php pkr pln pyg qar ron rsd rwf sar sbd scr sek sgd shp sos srd szl thb tjs top try ttd twd tzs uah ugx usd uyu uzs vnd vuv wst xaf xcd xcg xof xpf yer zar zmw'.split(
		' ',
	);

const IPV4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** An IPv4 or IPv6 address, as Polar's IPvAnyAddress takes it. */
function readIpAddress(value: unknown): string {
	const text = asText(value, 'Customer IP Address');
	let ipv6 = false;
	if (text.includes(':')) {
		try {
			ipv6 = new URL(`http://[${text}]/`).hostname.length > 2;
		} catch {
			ipv6 = false;
		}
	}
	if (!IPV4.test(text) && !ipv6) {
		throw new InputError('Customer IP Address', `"${text}" is not an IPv4 or IPv6 address`);
	}
	return text;
}

const seatsField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_SEATS, numberPrecision: 0 },
	default: 1,
	description: `${description} (products priced per seat only), 1 to ${MAX_SEATS}`,
});

/** Additional Fields of Create, alphabetical. */
export const checkoutCreateFields: INodeProperties[] = [
	allowDiscountCodesField,
	{
		displayName: 'Allow Trial',
		name: 'allowTrial',
		type: 'boolean',
		default: true,
		description:
			'Whether the product’s trial period applies. Off: no trial, even if the product has one.',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			'For pay-what-you-want prices only: the amount in the currency’s smallest unit (1500 for 15.00 USD, 1500 for 1500 JPY), before discounts and taxes. Fixed and free prices ignore it.',
		// Node version 1 only: saved workflows keep their amounts in the smallest unit.
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Amount',
		name: 'amountInCurrency',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'For pay-what-you-want prices only: the amount in the Currency (which it needs), before discounts and taxes, e.g. 15.00 USD or 1500 JPY. Fixed and free prices ignore it.',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	{
		...customerFields.billingAddress,
		description:
			'The buyer’s billing address, pre-filled in the checkout form. A street address makes Polar ask for the full address.',
	},
	{
		displayName: 'Billing Name',
		name: 'customerBillingName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Inc.',
		description: 'The name on the invoice, pre-filled in the checkout form',
	},
	{
		displayName: 'Business Customer',
		name: 'isBusinessCustomer',
		type: 'boolean',
		default: false,
		description:
			'Whether the buyer is a business, who must then give a billing name and full billing address',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		options: CURRENCIES.map((code) => ({ name: code.toUpperCase(), value: code })),
		default: 'usd',
		description:
			'The checkout’s currency, which the products must have prices in. Without it, Polar picks it from the buyer’s location, or the organization’s default.',
	},
	{
		...customerLocator(
			'The buyer, if Polar knows them: From list and By ID take Polar’s customer ID, which must exist. Ext. ID takes your own system’s ID for them: when no customer has it yet, Polar creates the customer, with this external ID, once the checkout is paid.',
		),
		required: false,
	},
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. nathan@example.com',
		description: 'The buyer’s email, pre-filled in the checkout form',
	},
	{
		displayName: 'Customer IP Address',
		name: 'customerIpAddress',
		type: 'string',
		default: '',
		placeholder: 'e.g. 203.0.113.7',
		description: 'The buyer’s IP address, which Polar uses to find where taxes are due',
	},
	{
		...metadataField(
			`Data of your own that Polar copies to the customer the checkout creates: up to ${MAX_METADATA_PAIRS} keys of at most ${MAX_METADATA_KEY} characters, each value text of at most ${MAX_METADATA_VALUE} characters, a number or true/false, as its Type says.`,
		),
		displayName: 'Customer Metadata',
		name: 'customerMetadata',
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Nathan Smith',
		description: `The buyer’s name, pre-filled in the checkout form, at most ${MAX_NAME} characters`,
	},
	discountIdField,
	{
		displayName: 'Embed Origin',
		name: 'embedOrigin',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com',
		description:
			'For a checkout embedded in your page: the origin of that page, which may then talk to Polar’s checkout frame',
	},
	{
		displayName: 'Locale',
		name: 'locale',
		type: 'string',
		default: '',
		placeholder: 'e.g. en-US',
		description:
			'The checkout page’s language, an IETF BCP 47 tag such as en, en-US or fr-CA (used when checkout localization is on in Polar)',
	},
	seatsField('maxSeats', 'Max Seats', 'The most seats the buyer may choose'),
	metadataField(
		`Data of your own that Polar copies to the order or subscription: up to ${MAX_METADATA_PAIRS} keys of at most ${MAX_METADATA_KEY} characters, each value text of at most ${MAX_METADATA_VALUE} characters, a number or true/false, as its Type says.`,
	),
	seatsField('minSeats', 'Min Seats', 'The fewest seats the buyer may choose'),
	requireBillingAddressField,
	returnUrlField,
	seatsField('seats', 'Seats', 'The number of seats, preset'),
	{
		displayName: 'Subscription ID',
		name: 'subscriptionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
		description:
			'To upgrade a subscription on a free price: its Polar ID (a UUID). The checkout’s metadata is then copied to it.',
	},
	successUrlField,
	{
		displayName: 'Tax ID',
		name: 'customerTaxId',
		type: 'string',
		default: '',
		placeholder: 'e.g. FR40303265045',
		description: 'The buyer’s tax ID, e.g. a VAT number; needs Billing Address for its country',
	},
	trialField,
];

const set = (value: unknown) => value !== undefined && value !== '';

/** Reads the customer reference and the prefill fields. */
function readBuyer(fields: IDataObject, body: IDataObject): CustomerRef | undefined {
	let customer: CustomerRef | undefined;
	if (fields.customer !== undefined) {
		customer = readCustomerRef(fields.customer as INodeParameterResourceLocator | string);
		if ('id' in customer) body.customer_id = customer.id;
		else body.external_customer_id = customer.externalId;
	}
	if (set(fields.customerEmail))
		body.customer_email = requireEmail(fields.customerEmail, 'Customer Email');
	const name = asText(fields.customerName, 'Customer Name');
	if (name.length > MAX_NAME) {
		throw new InputError(
			'Customer Name',
			`is ${name.length} characters long; Polar accepts at most ${MAX_NAME}`,
		);
	}
	if (name) body.customer_name = name;
	const billingName = asText(fields.customerBillingName, 'Billing Name');
	if (billingName) body.customer_billing_name = billingName;
	if ((fields.billingAddress as IDataObject | undefined)?.address)
		body.customer_billing_address = readBillingAddress(fields.billingAddress);
	const taxId = asText(fields.customerTaxId, 'Tax ID');
	if (taxId) body.customer_tax_id = taxId;
	if (set(fields.customerIpAddress))
		body.customer_ip_address = readIpAddress(fields.customerIpAddress);
	if (fields.isBusinessCustomer !== undefined)
		body.is_business_customer = fields.isBusinessCustomer === true;
	if (fields.customerMetadata !== undefined)
		body.customer_metadata = readMetadata(fields.customerMetadata, 'Customer Metadata');
	return customer;
}

/** Polar's body fields for the Additional Fields that are set. */
export function readCheckoutFields(fields: IDataObject): {
	body: IDataObject;
	customer?: CustomerRef;
} {
	const body: IDataObject = {};
	const customer = readBuyer(fields, body);
	if (fields.allowDiscountCodes !== undefined)
		body.allow_discount_codes = fields.allowDiscountCodes === true;
	if (fields.allowTrial !== undefined) body.allow_trial = fields.allowTrial === true;
	if (fields.requireBillingAddress !== undefined)
		body.require_billing_address = fields.requireBillingAddress === true;
	for (const [name, polar, label] of [
		['seats', 'seats', 'Seats'],
		['minSeats', 'min_seats', 'Min Seats'],
		['maxSeats', 'max_seats', 'Max Seats'],
	] as const) {
		if (set(fields[name])) body[polar] = readWholeNumber(fields[name], label, 1, MAX_SEATS);
	}
	const { seats, min_seats: min, max_seats: max } = body as Record<string, number | undefined>;
	if (min !== undefined && max !== undefined && min > max)
		throw new InputError('Min Seats', `(${min}) is above Max Seats (${max})`);
	if (
		seats !== undefined &&
		((min !== undefined && seats < min) || (max !== undefined && seats > max))
	)
		throw new InputError('Seats', `(${seats}) is outside Min Seats and Max Seats`);
	if (set(fields.currency)) {
		const currency = String(fields.currency).toLowerCase();
		if (!CURRENCIES.includes(currency))
			throw new InputError(
				'Currency',
				`"${String(fields.currency)}" is not a currency Polar presents`,
			);
		body.currency = currency;
	}
	const discountId = readOptionalDiscountId(fields.discountId);
	if (discountId) body.discount_id = discountId;
	if (set(fields.subscriptionId)) {
		body.subscription_id = requireUuid(
			fields.subscriptionId,
			'Subscription ID',
			'Copy the subscription’s ID from Polar.',
		);
	}
	const embedOrigin = asText(fields.embedOrigin, 'Embed Origin');
	if (embedOrigin) body.embed_origin = embedOrigin;
	const locale = asText(fields.locale, 'Locale');
	if (locale && !LOCALE.test(locale))
		throw new InputError('Locale', `"${locale}" is not a language tag such as en, en-US or fr-CA`);
	if (locale) body.locale = locale;
	if (fields.metadata !== undefined) body.metadata = readMetadata(fields.metadata);
	Object.assign(body, readUrls(fields), readTrial(fields.trial));
	return { body, customer };
}

/**
 * Polar's `amount`, an integer in the checkout currency's smallest unit (CheckoutCreateBase.amount,
 * Ge(0): 0 for a free pay-what-you-want price). Node version 1 takes it so (saved workflows); later
 * versions take the amount in the Currency, as Refund and Discount do (12.50 USD is 1250, 1500 JPY
 * is 1500: server/polar/kit/currency.py get_currency_decimal_factor).
 */
export function readCheckoutAmount(fields: IDataObject, nodeVersion: number): number | undefined {
	if (nodeVersion < 1.1) {
		return set(fields.amount) ? readWholeNumber(fields.amount, 'Amount', 0, INT32_MAX) : undefined;
	}
	if (set(fields.amount)) {
		throw new InputError(
			'Amount',
			'is set in the smallest unit (the field of node version 1); this version takes the amount in the Currency',
			'Set Amount again, e.g. 15.00 for 15.00 USD.',
		);
	}
	if (!set(fields.amountInCurrency)) return undefined;
	if (!set(fields.currency)) {
		throw new InputError(
			'Amount',
			'needs Currency: Polar takes it in that currency, and without Currency picks one from the buyer’s location',
			'Add Currency, e.g. USD.',
		);
	}
	const currency = String(fields.currency).toLowerCase();
	const amount = toMinorUnits(fields.amountInCurrency, currency, 'Amount', { allowZero: true });
	if (amount > INT32_MAX) {
		throw new InputError('Amount', `is too large: ${formatMinorUnits(amount, currency)}`);
	}
	return amount;
}

/** For fields.ts: the customer name as the node reads it. */
export const readCustomerName = (name: string) =>
	readCheckoutFields({ customerName: name }).body.customer_name;
