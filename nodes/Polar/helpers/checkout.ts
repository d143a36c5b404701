import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import {
	validationEntries,
	validationField,
	type PolarFailure,
	type RefineFailure,
} from '../transport/errors';
import { discountLocator, readDiscountId } from './discount';
import { productLocator, readProductId } from './product';
import { asText, InputError, requireHttpUrl } from './validation';

/**
 * Fields that Checkout and Checkout Link share (Polar's CheckoutProductsCreate and
 * CheckoutLinkCreateProducts), read and checked before sending.
 */

/** Polar's placeholder in a success URL, replaced by the checkout's ID when the buyer returns. */
export const CHECKOUT_ID_PLACEHOLDER = '{CHECKOUT_ID}';
const MAX_URL_LENGTH = 2083;
const MAX_TRIAL_COUNT = 1000;
export const MAX_SEATS = 10000;

/** Products: several Product locators; the buyer chooses among them, the first preselected. */
export function productsField(description: string): INodeProperties {
	return {
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Product',
		default: { product: [{ product: { mode: 'list', value: '' } }] },
		required: true,
		description,
		options: [
			{
				name: 'product',
				displayName: 'Product',
				values: [productLocator('A product the buyer can choose')],
			},
		],
	};
}

/** Polar's product IDs, in the order given; each named by its position when it is refused. */
export function readProducts(value: unknown, field = 'Products'): string[] {
	const entries = ((value as IDataObject | undefined)?.product ?? []) as IDataObject[];
	if (entries.length === 0) throw new InputError(field, 'is empty: add at least one product');
	const ids = entries.map((entry, i) =>
		readProductId(
			entry.product as INodeParameterResourceLocator | string,
			`${field} → Product ${i + 1}`,
		).toLowerCase(),
	);
	ids.forEach((id, i) => {
		if (ids.indexOf(id) !== i) {
			throw new InputError(
				`${field} → Product ${i + 1}`,
				`"${id}" is listed twice; Polar takes each product once`,
			);
		}
	});
	return ids;
}

export const successUrlField: INodeProperties = {
	displayName: 'Success URL',
	name: 'successUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/thanks?checkout_id={CHECKOUT_ID}',
	description:
		'Where the buyer lands after paying, an absolute http(s) URL of at most 2083 characters. {CHECKOUT_ID} in it becomes the checkout’s ID.',
};

export const returnUrlField: INodeProperties = {
	displayName: 'Return URL',
	name: 'returnUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/pricing',
	description:
		'Where the checkout’s back button leads, an absolute http(s) URL of at most 2083 characters. Without it there is no back button.',
};

/**
 * A success URL as Polar takes it: {CHECKOUT_ID} stays literal (a URL parser would encode its
 * braces in the path, and Polar replaces only the literal placeholder), the rest normalised.
 */
export function readSuccessUrl(value: unknown, field = 'Success URL'): string {
	const uri = requireHttpUrl(value, field).replaceAll('%7BCHECKOUT_ID%7D', CHECKOUT_ID_PLACEHOLDER);
	if (uri.length > MAX_URL_LENGTH) {
		throw new InputError(
			field,
			`is ${uri.length} characters long once encoded; Polar accepts at most ${MAX_URL_LENGTH}`,
		);
	}
	return uri;
}

export const TRIAL_INTERVALS = [
	{ name: 'Day', value: 'day' },
	{ name: 'Week', value: 'week' },
	{ name: 'Month', value: 'month' },
	{ name: 'Year', value: 'year' },
];

/** Trial: both interval and count, as Polar requires them together. */
export const trialField: INodeProperties = {
	displayName: 'Trial',
	name: 'trial',
	type: 'fixedCollection',
	placeholder: 'Add Trial',
	default: {},
	description:
		'A trial period instead of the product’s own, for subscription products, e.g. 2 weeks',
	options: [
		{
			name: 'period',
			displayName: 'Trial',
			values: [
				{
					displayName: 'Interval Count',
					name: 'count',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_TRIAL_COUNT, numberPrecision: 0 },
					default: 1,
					description: `How many intervals the trial lasts, 1 to ${MAX_TRIAL_COUNT}`,
				},
				{
					displayName: 'Interval',
					name: 'interval',
					type: 'options',
					options: TRIAL_INTERVALS,
					default: 'week',
				},
			],
		},
	],
};

/** A whole number within Polar's bounds. */
export function readWholeNumber(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'number' ? value : Number(asText(value, field) || NaN);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw new InputError(
			field,
			`is ${JSON.stringify(value)}; give a whole number from ${min} to ${max}`,
		);
	}
	return number;
}

export function readTrial(value: unknown): IDataObject {
	const period = (value as IDataObject | undefined)?.period as IDataObject | undefined;
	if (!period) return {};
	const interval = String(period.interval ?? '');
	if (!TRIAL_INTERVALS.some((option) => option.value === interval)) {
		throw new InputError('Trial interval', `"${interval}" is not day, week, month or year`);
	}
	return {
		trial_interval: interval,
		trial_interval_count: readWholeNumber(period.count, 'Trial interval count', 1, MAX_TRIAL_COUNT),
	};
}

/**
 * The shared Discount locator (From list or By ID), optional here. Its name stays `discountId`,
 * so a workflow that set the former plain ID field still reads (a string is taken as an ID).
 */
export const discountIdField: INodeProperties = {
	...discountLocator('A discount to apply, e.g. one made with Discount → Create', 'discountId'),
	required: false,
};

export const allowDiscountCodesField: INodeProperties = {
	displayName: 'Allow Discount Codes',
	name: 'allowDiscountCodes',
	type: 'boolean',
	default: true,
	description:
		'Whether the buyer may enter a discount code. A discount set by Discount applies either way, and the buyer cannot change it.',
};

export const requireBillingAddressField: INodeProperties = {
	displayName: 'Require Billing Address',
	name: 'requireBillingAddress',
	type: 'boolean',
	default: false,
	description:
		'Whether the buyer must give a full billing address, not just the country (buyers in the US always do)',
};

/** The Discount field's ID, checked before sending; undefined when it is left empty. */
export function readOptionalDiscountId(value: unknown): string | undefined {
	const locator =
		typeof value === 'object' && value !== null
			? (value as INodeParameterResourceLocator)
			: undefined;
	const id = locator ? locator.value : value;
	if (id === undefined || id === null || id === '') return undefined;
	return readDiscountId(locator ?? (id as string));
}

/** The URL fields of a body, from the node's fields (unset ones left out). */
export function readUrls(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (asText(fields.successUrl, 'Success URL'))
		body.success_url = readSuccessUrl(fields.successUrl);
	if (asText(fields.returnUrl, 'Return URL'))
		body.return_url = requireHttpUrl(fields.returnUrl, 'Return URL');
	return body;
}

const PRODUCT_HELP: Record<string, string> = {
	'Product does not exist.':
		'Check the product ID, and that the credential points at the environment (sandbox or production) and organization the product belongs to.',
	'Product is archived.':
		'An archived product is no longer on sale: choose another product, or unarchive it in Polar’s dashboard.',
	'Product is a draft.': 'Publish the product in Polar’s dashboard first, or choose another.',
};

/**
 * Polar's 422s about a checkout's or link's products and discount, in the node's words: which
 * product of the Products field (by its position), and what to do about it.
 */
export function refineProductsAndDiscount(products: string[]): RefineFailure {
	return (failure: PolarFailure, response) => {
		if (response.status !== 422) return failure;
		const entries = validationEntries(response.body);
		const product = entries.find((entry) => validationField(entry).startsWith('products.'));
		if (product) {
			const index = Number(validationField(product).split('.')[1]);
			const msg = product.msg ?? 'Polar refused it';
			return {
				...failure,
				message: `Products → Product ${index + 1} ("${products[index] ?? String(product.input)}"): ${msg}`,
				description: PRODUCT_HELP[msg] ?? 'Polar refused this product. Check the Products field.',
			};
		}
		const discount = entries.find((entry) => validationField(entry) === 'discount_id');
		if (discount) {
			return {
				...failure,
				message: `Discount "${String(discount.input ?? response.requestBody?.discount_id)}": ${discount.msg ?? 'refused'}`,
				description:
					'Check the discount’s ID in Polar’s dashboard (Products → Discounts), that it applies to these products, and that it has not ended.',
			};
		}
		const seats = entries.find((entry) => validationField(entry) === 'seats');
		if (seats) {
			return {
				...failure,
				message: `Seats: ${seats.msg ?? 'refused'}`,
				description: 'Remove Seats, or choose products priced per seat.',
			};
		}
		return failure;
	};
}

/** A checkout with what to send the buyer first: its url and when it expires. */
export function buyerFirst(checkout: IDataObject): IDataObject {
	const { url, expires_at, ...rest } = checkout;
	return { url, expires_at, ...rest };
}
