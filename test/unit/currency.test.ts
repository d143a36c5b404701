import {
	fitsCurrency,
	formatMinorUnits,
	minorUnitFactor,
	readAmount,
	toMinorUnits,
} from '../../nodes/Polar/helpers/currency';
import { toBasisPoints } from '../../nodes/Polar/actions/discount/fields';

describe('amounts in a currency’s units, as Polar takes them', () => {
	it.each([
		[12.5, 'usd', 1250],
		['12.50', 'eur', 1250],
		[19.99, 'usd', 1999],
		[0.01, 'gbp', 1],
		[3000, 'jpy', 3000],
		[1500, 'KRW', 1500],
		[1, 'xof', 1],
	])('%p %s is %i', (amount, currency, minor) => {
		expect(toMinorUnits(amount, currency, 'Amount')).toBe(minor);
	});

	it('zero-decimal currencies are Polar’s (kit/currency.py), all others count hundredths', () => {
		expect(['bif', 'clp', 'jpy', 'krw', 'vnd', 'xpf'].map(minorUnitFactor)).toEqual([
			1, 1, 1, 1, 1, 1,
		]);
		expect(['usd', 'isk', 'huf', 'ugx', 'twd'].map(minorUnitFactor)).toEqual([
			100, 100, 100, 100, 100,
		]);
	});

	it.each([
		[0, /must be more than 0/],
		[-5, /must be more than 0/],
		[12.345, /to the hundredth at most/],
		['1e3', /not an amount/],
		[{}, /object, not an amount/],
	])('refuses %p', (amount, message) => {
		expect(() => readAmount(amount, 'Amount')).toThrow(message);
	});

	it('a fraction of a zero-decimal currency has no unit', () => {
		expect(fitsCurrency(12.5, 'jpy')).toBe(false);
		expect(() => toMinorUnits(12.5, 'jpy', 'Amount')).toThrow(
			'Amount is 12.5 JPY, but JPY has no smaller unit: give whole JPY',
		);
	});

	it('reads Polar’s amounts back as users write them', () => {
		expect(formatMinorUnits(1250, 'usd')).toBe('12.50 USD');
		expect(formatMinorUnits(3000, 'jpy')).toBe('3000 JPY');
	});
});

describe('a percent as Polar’s basis points', () => {
	it.each([
		[25, 2500],
		[25.5, 2550],
		['12.5', 1250],
		[0.01, 1],
		[100, 10000],
		[14.99, 1499],
	])('%p % is %i', (percent, basisPoints) => {
		expect(toBasisPoints(percent)).toBe(basisPoints);
	});

	it.each([0, 100.01, -1, 12.555, 'ten'])('refuses %p', (percent) => {
		expect(() => toBasisPoints(percent)).toThrow(/^Percentage /);
	});
});
