import { characterCount, readMetadata } from '../../nodes/Polar/helpers/metadata';

const read = (...entries: Array<Record<string, unknown>>) => readMetadata({ entries });

describe('readMetadata', () => {
	it('gives each value its chosen type, text by default', () => {
		expect(
			read(
				{ key: 'n', type: 'number', value: '-0.5' },
				{ key: 'b', type: 'boolean', value: false },
				{ key: 's', type: 'string', value: 7 },
				{ key: 't', value: true },
			),
		).toEqual({ n: -0.5, b: false, s: '7', t: 'true' });
	});

	it('keeps any key as the object’s own, and the prototype untouched', () => {
		const metadata = read({ key: '__proto__', value: 'x' }, { key: 'constructor', value: 'y' });
		expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
		expect(Object.keys(metadata)).toEqual(['__proto__', 'constructor']);
		expect(JSON.stringify(metadata)).toBe('{"__proto__":"x","constructor":"y"}');
	});

	it('refuses a type it does not know, even one named like a property of every object', () => {
		expect(() => read({ key: 'k', type: 'constructor', value: 'v' })).toThrow(
			'Metadata type of "k" "constructor" is not String, Number or Boolean',
		);
	});

	it('refuses numbers that are not finite', () => {
		expect(() => read({ key: 'k', type: 'number', value: Infinity })).toThrow(/is not a number/);
		expect(() => read({ key: 'k', type: 'number', value: 'NaN' })).toThrow(/is not a number/);
	});

	it('counts code points', () => {
		expect(characterCount('a😀é')).toBe(3);
	});
});
