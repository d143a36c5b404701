import { resolveBaseUrl } from '../../nodes/Polar/transport/servers';

describe('resolveBaseUrl', () => {
	it('knows Polar’s two servers', () => {
		expect(resolveBaseUrl({ environment: 'production' })).toEqual({
			baseUrl: 'https://api.polar.sh',
		});
		expect(resolveBaseUrl({ environment: 'sandbox' })).toEqual({
			baseUrl: 'https://sandbox-api.polar.sh',
		});
		expect(resolveBaseUrl({})).toEqual({ baseUrl: 'https://api.polar.sh' });
	});

	it('takes a custom https URL, without a trailing slash', () => {
		expect(
			resolveBaseUrl({ environment: 'custom', baseUrl: ' https://polar.example.com/api/ ' }),
		).toEqual({
			baseUrl: 'https://polar.example.com/api',
		});
	});

	it('allows plain http only on loopback, so a token never crosses a network in clear', () => {
		for (const url of ['http://127.0.0.1:8000', 'http://localhost:3000', 'http://[::1]:80']) {
			expect(resolveBaseUrl({ environment: 'custom', baseUrl: url })).toHaveProperty('baseUrl');
		}
		const remote = resolveBaseUrl({ environment: 'custom', baseUrl: 'http://polar.example.com' });
		expect(remote).toEqual({ problem: expect.stringContaining('must use https') });
	});

	it('explains a Base URL it cannot use', () => {
		expect(resolveBaseUrl({ environment: 'custom', baseUrl: 'polar.example.com' })).toEqual({
			problem: expect.stringContaining('not an absolute URL'),
		});
		expect(resolveBaseUrl({ environment: 'custom', baseUrl: 'ftp://polar.example.com' })).toEqual({
			problem: expect.stringContaining('https://'),
		});
		expect(
			resolveBaseUrl({ environment: 'custom', baseUrl: 'https://u:p@polar.example.com' }),
		).toEqual({
			problem: expect.stringContaining('user info'),
		});
	});
});
