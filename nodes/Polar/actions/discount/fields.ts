import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { PRESENTMENT_CURRENCIES, toMinorUnits } from '../../helpers/currency';
import { readDateTime } from '../../helpers/dates';
import { characterCount, metadataField, readMetadata } from '../../helpers/metadata';
import { productLocator, readProductId } from '../../helpers/product';
import { asText, InputError } from '../../helpers/validation';

/** Polar's discount fields (server/polar/discount/schemas.py), shared by Create and Update. */

const INT32_MAX = 2147483647;

export const DURATIONS = [
	{ name: 'Once', value: 'once', description: 'On the first invoice (or a one-time purchase)' },
	{ name: 'Forever', value: 'forever', description: 'On every invoice of the subscription' },
	{
		name: 'Repeating',
		value: 'repeating',
		description: 'On every invoice for a number of months',
	},
];

export const discountFields = {
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Summer sale',
		description: 'Shown to the customer when the discount applies',
	},
	percentage: {
		displayName: 'Percentage',
		name: 'percentage',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 100, numberPrecision: 2 },
		default: 10,
		placeholder: 'e.g. 25',
		description: 'The percent taken off, from 0.01 to 100: 25 for 25 %, 12.5 for 12.5 %',
	},
	amounts: {
		displayName: 'Amounts',
		name: 'amounts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Amount',
		default: { amount: [{ currency: 'usd', value: 10 }] },
		description:
			'The amount taken off in each currency the discount works in; it applies only to purchases in these currencies',
		options: [
			{
				name: 'amount',
				displayName: 'Amount',
				values: [
					{
						displayName: 'Currency',
						name: 'currency',
						type: 'options',
						options: PRESENTMENT_CURRENCIES.map((code) => ({
							name: code.toUpperCase(),
							value: code,
						})),
						default: 'usd',
					},
					{
						displayName: 'Amount',
						name: 'value',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 10,
						placeholder: 'e.g. 12.50',
						description: 'As you would write it: 12.50 for 12.50 USD, 3000 for 3000 JPY',
					},
				],
			},
		],
	},
	durationInMonths: {
		displayName: 'Duration in Months',
		name: 'durationInMonths',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 999 },
		default: 3,
		description:
			'How many months of invoices the discount applies to, from 1 to 999; for yearly billing, multiply the years by 12',
	},
	code: {
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		placeholder: 'e.g. SUMMER25',
		description:
			'What customers type at checkout: 3 to 256 letters and digits. Without one, the discount applies only through the API or a checkout link.',
	},
	endsAt: {
		displayName: 'Ends At',
		name: 'endsAt',
		type: 'dateTime',
		default: '',
		description: 'When the discount can no longer be redeemed',
	},
	maxRedemptions: {
		displayName: 'Max Redemptions',
		name: 'maxRedemptions',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'How many times the discount can be redeemed in all',
	},
	maxRedemptionsPerCustomer: {
		displayName: 'Max Redemptions per Customer',
		name: 'maxRedemptionsPerCustomer',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many times one customer can redeem the discount',
	},
	metadata: metadataField('Your own data on the discount'),
	products: {
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Product',
		default: {},
		description: 'The products the discount applies to; without any, it applies to all',
		options: [
			{
				name: 'product',
				displayName: 'Product',
				values: [productLocator('A product the discount applies to')],
			},
		],
	},
	startsAt: {
		displayName: 'Starts At',
		name: 'startsAt',
		type: 'dateTime',
		default: '',
		description: 'When the discount can first be redeemed',
	},
} satisfies Record<string, INodeProperties>;

/** A percent as Polar's basis points: 25 → 2500, 12.5 → 1250 (1 to 10000). */
export function toBasisPoints(value: unknown, field = 'Percentage'): number {
	const percent = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
		throw new InputError(
			field,
			`must be a percent above 0 and at most 100, not "${String(value)}"`,
		);
	}
	const basisPoints = Math.round(percent * 100);
	if (Math.abs(percent * 100 - basisPoints) > 1e-6) {
		throw new InputError(
			field,
			`is ${percent}: Polar takes percents to the hundredth (e.g. 12.55)`,
		);
	}
	return basisPoints;
}

/** The Amounts field as Polar's map of currency to amount in its smallest unit. */
export function readAmounts(value: unknown): Record<string, number> {
	const rows = ((value as IDataObject | undefined)?.amount ?? []) as IDataObject[];
	if (rows.length === 0)
		throw new InputError('Amounts', 'are empty: add an amount and its currency');
	const amounts: Record<string, number> = {};
	for (const row of rows) {
		const currency = asText(row.currency, 'Amounts → Currency').toLowerCase();
		if (!(PRESENTMENT_CURRENCIES as readonly string[]).includes(currency)) {
			throw new InputError('Amounts → Currency', `"${currency}" is not a currency Polar takes`);
		}
		if (currency in amounts) {
			throw new InputError(
				'Amounts',
				`name ${currency.toUpperCase()} twice; give each currency once`,
			);
		}
		amounts[currency] = toMinorUnits(row.value, currency, `Amounts → ${currency.toUpperCase()}`);
	}
	return amounts;
}

function readCount(value: unknown, field: string, min: number, max = INT32_MAX): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InputError(field, `"${String(value)}" is not a whole number from ${min} to ${max}`);
	}
	return number;
}

export const readMonths = (value: unknown) => readCount(value, 'Duration in Months', 1, 999);

/** Python's str.isalnum, as Polar checks codes: letters and digits of any script. */
export function readCode(value: unknown, field = 'Code'): string {
	const code = asText(value, field);
	if (!/^[\p{L}\p{N}]+$/u.test(code)) {
		throw new InputError(field, `"${code}" may hold only letters and digits (no spaces or dashes)`);
	}
	const length = characterCount(code);
	if (length < 3 || length > 256) {
		throw new InputError(field, `"${code}" is ${length} characters long; Polar takes 3 to 256`);
	}
	return code;
}

/**
 * The optional fields Create and Update share, as Polar's body; only those given. `zone`: the
 * workflow's time zone, for Starts At and Ends At given without one.
 */
export function readDiscountFields(fields: IDataObject, zone: string): IDataObject {
	const body: IDataObject = {};
	if (fields.name !== undefined) {
		const name = asText(fields.name, 'Name');
		if (!name) throw new InputError('Name', 'is empty');
		body.name = name;
	}
	if (fields.code !== undefined && fields.code !== '') body.code = readCode(fields.code);
	if (fields.startsAt) body.starts_at = readDateTime(fields.startsAt, 'Starts At', zone);
	if (fields.endsAt) body.ends_at = readDateTime(fields.endsAt, 'Ends At', zone);
	if (
		typeof body.starts_at === 'string' &&
		typeof body.ends_at === 'string' &&
		Date.parse(body.starts_at) >= Date.parse(body.ends_at)
	) {
		throw new InputError('Ends At', 'must be after Starts At');
	}
	if (fields.maxRedemptions !== undefined)
		body.max_redemptions = readCount(fields.maxRedemptions, 'Max Redemptions', 1);
	if (fields.maxRedemptionsPerCustomer !== undefined) {
		body.max_redemptions_per_customer = readCount(
			fields.maxRedemptionsPerCustomer,
			'Max Redemptions per Customer',
			1,
		);
	}
	if (fields.metadata !== undefined) body.metadata = readMetadata(fields.metadata);
	if (fields.products !== undefined) {
		const rows = ((fields.products as IDataObject).product ?? []) as IDataObject[];
		body.products = rows.map((row, index) =>
			readProductId(
				row.product as INodeParameterResourceLocator | string,
				`Products → Product ${index + 1}`,
			),
		);
	}
	return body;
}
