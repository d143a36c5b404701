import fc from 'fast-check';

import { resolveBaseUrl } from '../../nodes/Polar/transport/servers';

const custom = (baseUrl?: string) =>
	resolveBaseUrl(
		baseUrl === undefined ? { environment: 'custom' } : { environment: 'custom', baseUrl },
	);

describe('resolveBaseUrl', () => {
	it('knows Polar’s two servers', () => {
		expect(resolveBaseUrl({ environment: 'production' })).toEqual({
			baseUrl: 'https://api.polar.sh',
		});
		expect(resolveBaseUrl({ environment: 'sandbox' })).toEqual({
			baseUrl: 'https://sandbox-api.polar.sh',
		});
		expect(resolveBaseUrl({})).toEqual({ baseUrl: 'https://api.polar.sh' });
		expect(resolveBaseUrl({ environment: 'staging' })).toEqual({
			problem: 'Unknown environment "staging"',
		});
	});

	it('takes a custom https URL, without a trailing slash', () => {
		expect(custom(' https://polar.example.com/api/ ')).toEqual({
			baseUrl: 'https://polar.example.com/api',
		});
		expect(custom('HTTPS://Polar.Example.COM:443/')).toEqual({
			baseUrl: 'https://polar.example.com',
		});
	});

	it('allows plain http only on loopback, so a token never crosses a network in clear', () => {
		for (const url of ['http://127.0.0.1:8000', 'http://localhost:3000', 'http://[::1]:80']) {
			expect(custom(url)).toHaveProperty('baseUrl');
		}
		for (const url of [
			'http://polar.example.com',
			'http://10.0.0.1',
			'http://localhost.evil.com',
		]) {
			expect(custom(url)).toEqual({ problem: expect.stringMatching(/^Base URL must use https/) });
		}
		expect(custom('http://polar.example.com:8080/api')).toEqual({
			problem:
				'Base URL must use https: plain http is allowed only for localhost, so the token is never sent unencrypted (polar.example.com:8080)',
		});
	});

	it('sends to the parser’s spelling of a host, which is what it checked', () => {
		// 127.1 is the IPv4 shorthand for 127.0.0.1: loopback, and sent as such.
		expect(custom('http://127.1:8000')).toEqual({ baseUrl: 'http://127.0.0.1:8000' });
		expect(custom('http://0x7f.0.0.1')).toEqual({ baseUrl: 'http://127.0.0.1' });
		// 0.0.0.0 is not loopback.
		expect(custom('http://0')).toHaveProperty('problem');
	});

	it('refuses spellings the URL parser would quietly repair', () => {
		expect(custom('https:/polar.example.com')).toEqual({
			problem:
				'Base URL must start with https:// followed by a host, e.g. https://polar.example.com',
		});
		expect(custom('https:polar.example.com')).toHaveProperty('problem');
		for (const typo of [
			'https:\\\\polar.example.com',
			'https://polar.example.com\\api',
			'https://polar.exa\tmple.com',
		]) {
			expect(custom(typo)).toEqual({
				problem: 'Base URL must not contain spaces, backslashes or control characters',
			});
		}
	});

	it('refuses a query, a fragment and user info, even when empty', () => {
		for (const url of [
			'https://polar.example.com?x=1',
			'https://polar.example.com/?',
			'https://polar.example.com#top',
		]) {
			expect(custom(url)).toEqual({
				problem: 'Base URL must not contain a query (?) or a fragment (#)',
			});
		}
		for (const url of [
			'https://u:p@polar.example.com',
			'https://@polar.example.com',
			'http://u@localhost',
		]) {
			expect(custom(url)).toEqual({
				problem: 'Base URL must not contain a user name or password (user@host)',
			});
		}
	});

	it('explains a Base URL it cannot use', () => {
		expect(custom('')).toEqual({
			problem: 'Base URL is empty: give the API root, e.g. https://polar.example.com',
		});
		expect(custom(undefined)).toHaveProperty('problem');
		expect(custom('polar.example.com')).toEqual({
			problem: 'Base URL must start with https://, e.g. https://polar.example.com',
		});
		expect(custom('ftp://polar.example.com')).toHaveProperty('problem');
		expect(custom('https://exa mple.com')).toHaveProperty('problem');
		expect(custom('https://[::1')).toEqual({
			problem: 'Base URL is not a valid URL: give the API root, e.g. https://polar.example.com',
		});
	});
});

describe('resolveBaseUrl, for any text', () => {
	const urlish = fc.oneof(
		fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
		fc
			.tuple(
				fc.constantFrom('http://', 'https://', 'HTTP://', 'https:/', 'https:\\\\', ''),
				fc.constantFrom('', 'u@', '@'),
				fc.oneof(
					fc.constantFrom(
						'localhost',
						'127.1',
						'127.0.0.9',
						'[::1]',
						'0x7f.1',
						'10.0.0.1',
						'LOCALHOST',
					),
					fc.domain(),
					fc.ipV4(),
					fc.ipV6().map((ip) => `[${ip}]`),
				),
				fc.constantFrom('', ':8000', ':443'),
				fc.stringMatching(/^(\/[a-z%.é ]{0,4}){0,3}\/?$/),
				fc.constantFrom('', '?', '#', ' '),
			)
			.map((parts) => parts.join('')),
		fc.string(),
	);

	it('gives a root that is https (or http on loopback), plain, without a trailing slash, and stable', () => {
		fc.assert(
			fc.property(urlish, (raw) => {
				const resolved = resolveBaseUrl({ environment: 'custom', baseUrl: raw });
				if ('problem' in resolved) return;
				const url = new URL(resolved.baseUrl);
				const loopback = /^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname);
				expect(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)).toBe(true);
				expect([url.search, url.hash, url.username, url.password]).toEqual(['', '', '', '']);
				expect(resolved.baseUrl).not.toMatch(/\/$/);
				// What is sent is itself an accepted Base URL, resolving to itself.
				expect(custom(resolved.baseUrl)).toEqual(resolved);
			}),
			{ numRuns: 3000 },
		);
	});
});
