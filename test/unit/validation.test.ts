import {
	asText,
	InputError,
	requireHttpUrl,
	requireText,
	requireUuid,
} from '../../nodes/Polar/helpers/validation';

function problemOf(read: () => unknown): string {
	try {
		read();
	} catch (error) {
		if (error instanceof InputError) return `${error.field} ${error.problem}`;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('input validation', () => {
	it('trims text and accepts numbers from spreadsheets', () => {
		expect(asText('  usr_1 ', 'Customer')).toBe('usr_1');
		expect(asText(1337, 'Customer')).toBe('1337');
		expect(asText(undefined, 'Customer')).toBe('');
	});

	it('refuses a number that cannot stand for an ID exactly', () => {
		expect(problemOf(() => asText(1e21, 'Customer (Ext. ID)'))).toBe(
			'Customer (Ext. ID) is the number 1e+21, which cannot stand for an ID exactly',
		);
		expect(() => asText(2 ** 53, 'Customer')).toThrow(InputError);
		expect(() => asText(1.5, 'Customer')).toThrow(InputError);
		expect(asText(2 ** 53 - 1, 'Customer')).toBe('9007199254740991');
	});

	it('refuses an expression that resolved to an object or array, naming the field', () => {
		expect(problemOf(() => asText({ id: 1 }, 'Customer'))).toBe(
			'Customer resolved to an object, not text',
		);
		expect(problemOf(() => asText(['a'], 'Member ID'))).toBe(
			'Member ID resolved to an array, not text',
		);
	});

	it('refuses empty and whitespace-only values', () => {
		expect(problemOf(() => requireText('   ', 'Customer (Ext. ID)'))).toBe(
			'Customer (Ext. ID) is empty',
		);
	});

	it('accepts only version-4 UUIDs as Polar IDs', () => {
		expect(requireUuid('992FAE2A-2A17-4B7A-8D9E-E287CF90131B', 'Customer')).toBe(
			'992FAE2A-2A17-4B7A-8D9E-E287CF90131B',
		);
		expect(problemOf(() => requireUuid('usr_1337', 'Customer (By ID)'))).toMatch(
			/^Customer \(By ID\) "usr_1337" is not a Polar ID/,
		);
		// A version-1 UUID: well formed, but never a Polar ID.
		expect(() => requireUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'Member ID')).toThrow(
			InputError,
		);
	});

	it('accepts absolute http(s) URLs of at most 2083 characters', () => {
		expect(requireHttpUrl('https://example.com/account', 'Return URL')).toBe(
			'https://example.com/account',
		);
		expect(problemOf(() => requireHttpUrl('/account', 'Return URL'))).toMatch(
			/not an absolute http\(s\) URL/,
		);
		expect(problemOf(() => requireHttpUrl('javascript:alert(1)', 'Return URL'))).toMatch(
			/not an absolute/,
		);
		const long = `https://example.com/${'a'.repeat(2064)}`;
		expect(long.length).toBe(2084);
		expect(problemOf(() => requireHttpUrl(long, 'Return URL'))).toBe(
			'Return URL is 2084 characters long once encoded; Polar accepts at most 2083',
		);
		expect(requireHttpUrl(long.slice(0, 2083), 'Return URL')).toHaveLength(2083);
	});

	it('sends a Return URL as a URI: non-ASCII characters percent-encoded', () => {
		expect(requireHttpUrl('https://exämple.com/konto?d=é', 'Return URL')).toBe(
			'https://xn--exmple-cua.com/konto?d=%C3%A9',
		);
		// The limit is on what is sent: 1,000 "é" are 6,000 characters once encoded.
		expect(
			problemOf(() => requireHttpUrl(`https://example.com/?q=${'é'.repeat(1000)}`, 'Return URL')),
		).toMatch(/6023 characters long once encoded/);
	});
});
