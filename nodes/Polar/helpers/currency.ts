import { InputError } from './validation';

/**
 * Amounts as users write them (12.50 USD) and as Polar takes them (1250, in the currency's
 * smallest unit). Polar's zero-decimal currencies, as Stripe defines them, count whole units:
 * 3000 JPY is 3000 (server/polar/kit/currency.py, _ZERO_DECIMAL_CURRENCIES).
 */
const ZERO_DECIMAL = new Set([
	'bif',
	'clp',
	'djf',
	'gnf',
	'jpy',
	'kmf',
	'krw',
	'mga',
	'pyg',
	'rwf',
	'vnd',
	'vuv',
	'xaf',
	'xof',
	'xpf',
]);

/** Polar's presentment currencies (the spec's PresentmentCurrency), lower-case ISO 4217 codes. */
export const PRESENTMENT_CURRENCIES = [
	'aed',
	'all',
	'amd',
	'aoa',
	'ars',
	'aud',
	'awg',
	'azn',
	'bam',
	'bbd',
	'bdt',
	'bif',
	'bmd',
	'bnd',
	'bob',
	'brl',
	'bsd',
	'bwp',
	'bzd',
	'cad',
	'cdf',
	'chf',
	'clp',
	'cny',
	'cop',
	'crc',
	'cve',
	'czk',
	'djf',
	'dkk',
	'dop',
	'dzd',
	'egp',
	'etb',
	'eur',
	'fjd',
	'fkp',
	'gbp',
	'gel',
	'gip',
	'gmd',
	'gnf',
	'gtq',
	'gyd',
	'hkd',
	'hnl',
	'htg',
	'huf',
	'idr',
	'ils',
	'inr',
	'isk',
	'jmd',
	'jpy',
	'kes',
	'kgs',
	'khr',
	'kmf',
	'krw',
	'kyd',
	'kzt',
	'lak',
	'lkr',
	'lrd',
	'lsl',
	'mad',
	'mdl',
	'mga',
	'mkd',
	'mnt',
	'mop',
	'mur',
	'mvr',
	'mwk',
	'mxn',
	'myr',
	'mzn',
	'nad',
	'ngn',
	'nio',
	'nok',
	'npr',
	'nzd',
	'pab',
	'pen',
	'pgk',
	'php',
	'pkr',
	'pln',
	'pyg',
	'qar',
	'ron',
	'rsd',
	'rwf',
	'sar',
	'sbd',
	'scr',
	'sek',
	'sgd',
	'shp',
	'sos',
	'srd',
	'szl',
	'thb',
	'tjs',
	'top',
	'try',
	'ttd',
	'twd',
	'tzs',
	'uah',
	'ugx',
	'usd',
	'uyu',
	'uzs',
	'vnd',
	'vuv',
	'wst',
	'xaf',
	'xcd',
	'xcg',
	'xof',
	'xpf',
	'yer',
	'zar',
	'zmw',
] as const;

/** How many of the smallest unit make one: 100 (cents), or 1 for a zero-decimal currency. */
export function minorUnitFactor(currency: string): number {
	return ZERO_DECIMAL.has(currency.toLowerCase()) ? 1 : 100;
}

/**
 * An amount typed or given by an expression (a number, or text such as "12.50"): more than 0 (or
 * 0 with `allowZero`) and at most to the hundredth, the finest unit of any of Polar's currencies.
 */
export function readAmount(value: unknown, field: string, allowZero = false): number {
	const amount =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
				? Number(value)
				: undefined;
	if (amount === undefined) {
		throw new InputError(
			field,
			`is ${typeof value === 'string' ? `"${value}"` : typeof value}, not an amount`,
			'Give an amount such as 12.50.',
		);
	}
	if (!Number.isFinite(amount) || amount < 0 || (amount === 0 && !allowZero))
		throw new InputError(field, `must be ${allowZero ? '0 or more' : 'more than 0'}, not ${amount}`);
	if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6)
		throw new InputError(field, `is ${amount}: amounts go to the hundredth at most`);
	if (!Number.isSafeInteger(Math.round(amount * 100)))
		throw new InputError(field, `is too large: ${amount}`);
	return amount;
}

/**
 * An amount in the currency's units (12.50 USD) as Polar's integer in its smallest unit (1250);
 * refuses fractions the currency does not have (12.5 JPY).
 */
export function toMinorUnits(
	value: unknown,
	currency: string,
	field: string,
	{ allowZero = false } = {},
): number {
	const amount = readAmount(value, field, allowZero);
	const code = currency.toUpperCase();
	if (!fitsCurrency(amount, currency)) {
		throw new InputError(
			field,
			`is ${amount} ${code}, but ${code} has no smaller unit: give whole ${code}`,
		);
	}
	return Math.round(amount * minorUnitFactor(currency));
}

/** Whether the currency has a unit for the amount: 12.5 JPY has none. */
export function fitsCurrency(amount: number, currency: string): boolean {
	const factor = minorUnitFactor(currency);
	return Math.abs(amount * factor - Math.round(amount * factor)) <= 1e-6;
}

/** Polar's integer amount as users read it, e.g. 1250 usd → "12.50 USD", 3000 jpy → "3000 JPY". */
export function formatMinorUnits(minor: number, currency: string): string {
	const factor = minorUnitFactor(currency);
	const text = factor === 1 ? String(minor) : (minor / factor).toFixed(2);
	return `${text} ${currency.toUpperCase()}`;
}
