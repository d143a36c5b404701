import {
	describeConnectionError,
	describeFailedResponse,
	excerpt,
} from '../../nodes/Polar/transport/errors';

const noHeaders = {};

describe('describeFailedResponse', () => {
	it('tells a bad token from a missing one (401)', () => {
		const bad = describeFailedResponse({
			status: 401,
			headers: noHeaders,
			body: {
				error: 'invalid_token',
				error_description:
					'The access token provided is expired, revoked, malformed, or invalid for other reasons.',
			},
		});
		expect(bad.message).toBe('Polar rejected the access token (401)');
		expect(bad.description).toMatch(/Sandbox and production have separate tokens/);
		expect(bad.failure).toEqual({ cause: 'credential-invalid' });

		const missing = describeFailedResponse({
			status: 401,
			headers: { 'www-authenticate': 'Bearer realm="polar"' },
			body: { error: 'Unauthorized', detail: 'Unauthorized' },
		});
		expect(missing.message).toBe('Polar received no access token (401)');

		const fromAProxy = describeFailedResponse({
			status: 401,
			headers: noHeaders,
			body: 'Unauthorized',
		});
		expect(fromAProxy.message).toBe('Polar rejected the access token (401)');
	});

	it('gives the wait of a Retry-After date in seconds', () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const failure = describeFailedResponse({
			status: 429,
			headers: { 'retry-after': inTenSeconds },
			body: '',
		});
		expect(failure.description).toMatch(/wait (9|10) s\./);
	});

	it('names the scope a 403 asks for', () => {
		const failure = describeFailedResponse({
			status: 403,
			headers: {
				'www-authenticate':
					'Bearer realm="polar", error="insufficient_scope", scope="customer_sessions:write"',
			},
			body: {
				error: 'insufficient_scope',
				error_description: 'The request requires higher privileges.',
			},
		});
		expect(failure.message).toBe('The access token lacks the customer_sessions:write scope (403)');
		expect(failure.description).toContain('customer_sessions:write');
	});

	describe('a 403 that names no scope says what Polar said', () => {
		// Polar's 403s besides insufficient_scope are PolarErrors: {"error": name, "detail": message}
		// (exception_handlers.py polar_exception_handler), e.g. exceptions.py NotPermitted (raised by
		// authz/service.py for a member without the permission) and checkout/service.py
		// EmbedHostNotAllowed.
		it('NotPermitted: Polar’s words, and what it means for the token', () => {
			const failure = describeFailedResponse({
				status: 403,
				headers: { 'content-type': 'application/json' },
				body: { error: 'NotPermitted', detail: 'You don’t have permission to manage products' },
			});
			expect(failure.message).toBe('Polar refused the request (403 NotPermitted)');
			expect(failure.description).toMatch(
				/^You don’t have permission to manage products\. The token has the scope, but Polar does not let its owner do this/,
			);
			expect(failure.failure).toBeUndefined();
		});

		it('EmbedHostNotAllowed: Polar’s words alone', () => {
			const failure = describeFailedResponse({
				status: 403,
				headers: noHeaders,
				body: {
					error: 'EmbedHostNotAllowed',
					detail: 'https://shop.example is not allowed to embed this checkout.',
				},
			});
			expect(failure).toMatchObject({
				message: 'Polar refused the request (403 EmbedHostNotAllowed)',
				description: 'https://shop.example is not allowed to embed this checkout.',
				httpCode: '403',
			});
		});

		it('a gateway’s 403 page is not taken for a missing scope', () => {
			const failure = describeFailedResponse({
				status: 403,
				headers: { 'content-type': 'text/html' },
				body: '<html><body><h1>403 Forbidden</h1></body></html>',
			});
			expect(failure.message).toBe('Polar answered 403 with a body that is not JSON');
		});

		it('insufficient_scope without a scope named: no scope is made up', () => {
			const failure = describeFailedResponse({
				status: 403,
				headers: { 'www-authenticate': 'Bearer realm="polar", error="insufficient_scope"' },
				body: { error: 'insufficient_scope' },
			});
			expect(failure.message).toBe('The access token lacks a scope this operation needs (403)');
			expect(failure.failure).toEqual({ cause: 'credential-invalid' });
		});
	});

	it('lists every field of a 422', () => {
		const failure = describeFailedResponse({
			status: 422,
			headers: noHeaders,
			body: {
				error: 'RequestValidationError',
				detail: [
					{ loc: ['body', 'return_url'], msg: 'URL too long', type: 'string_too_long' },
					{ loc: ['body', 'member_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
				],
			},
		});
		expect(failure.message).toBe(
			'return_url: URL too long; member_id: Input should be a valid UUID',
		);
	});

	it('says when Polar rate limited the request, and how long it asked to wait (429)', () => {
		const failure = describeFailedResponse(
			{ status: 429, headers: { 'retry-after': '12' }, body: '' },
			6,
		);
		expect(failure.message).toBe('Polar’s rate limit was reached (429)');
		expect(failure.description).toMatch(/Tried 6 times\..*wait 12 s/);
		expect(failure.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 12_000 });
	});

	it('quotes a gateway’s HTML page as text (5xx)', () => {
		const failure = describeFailedResponse({
			status: 502,
			headers: { 'content-type': 'text/html' },
			body: '<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>',
		});
		expect(failure.message).toBe('Polar is having trouble (502 Bad Gateway)');
		expect(failure.description).toContain('The server said: 502 Bad Gateway nginx');
		expect(failure.failure).toEqual({ cause: 'temporarily-unavailable' });
	});

	it('tells a missing object (404 ResourceNotFound) from a path Polar does not have', () => {
		const missing = describeFailedResponse({
			status: 404,
			headers: noHeaders,
			body: { error: 'ResourceNotFound', detail: 'Not found' },
		});
		expect(missing.message).toBe('Polar found no such object (404)');
		expect(missing.description).not.toMatch(/Base URL/);
		// Polar's app names the version it served on every answer, a path it lacks included.
		const noSuchPath = describeFailedResponse({
			status: 404,
			headers: { 'polar-version': '2026-10' },
			body: { detail: 'Not Found' },
		});
		expect(noSuchPath.message).toBe('Polar has no such endpoint (404)');
		expect(noSuchPath.description).toMatch(/Base URL/);
	});

	it('names an API version Polar no longer serves (its bare 404 without Polar-Version)', () => {
		const removed = describeFailedResponse({
			status: 404,
			headers: { 'content-type': 'application/json' },
			body: { detail: 'Not Found' },
		});
		expect(removed.message).toBe(
			'Polar no longer serves API version 2026-10 that this package speaks: update n8n-nodes-polarsh (Settings → Community Nodes)',
		);
		expect(removed.description).toMatch(/Settings → Community Nodes/);
		expect(removed.failure).toEqual({ cause: 'configuration-invalid' });
		// Anything more in the body, or the header, is some other 404.
		for (const other of [
			{ headers: {}, body: { detail: 'Not Found', error: 'ResourceNotFound' } },
			{ headers: { 'Polar-Version': '2026-10' }, body: { detail: 'Not Found' } },
			{ headers: {}, body: 'Not Found' },
		])
			expect(describeFailedResponse({ status: 404, ...other }).message).not.toMatch(/API version/);
	});

	it('points at the Base URL for a 4xx that is not JSON', () => {
		expect(
			describeFailedResponse({ status: 400, headers: noHeaders, body: 'Bad request' }).message,
		).toBe('Polar answered 400 with a body that is not JSON');
	});

	it('keeps Polar’s own words for any other error', () => {
		const failure = describeFailedResponse({
			status: 400,
			headers: noHeaders,
			body: { error: 'BadRequest', detail: 'Something specific.' },
		});
		expect(failure).toMatchObject({
			message: 'Polar refused the request (400 BadRequest)',
			description: 'Something specific.',
		});
	});
});

describe('describeConnectionError', () => {
	it('names a timeout with the time waited', () => {
		const failure = describeConnectionError(
			{ code: 'ECONNABORTED', message: 'timeout of 2000ms exceeded' },
			'https://api.polar.sh',
			2000,
			3,
		);
		expect(failure.message).toBe('Polar did not answer within 2 s');
		expect(failure.description).toMatch(/Tried 3 times/);
	});

	it('names a refused connection and where it went', () => {
		const failure = describeConnectionError(
			{ code: 'ECONNREFUSED' },
			'http://127.0.0.1:9',
			1000,
			1,
		);
		expect(failure.message).toBe(
			'Could not reach Polar at http://127.0.0.1:9: the connection was refused',
		);
	});
});

describe('excerpt', () => {
	it('shortens long bodies', () => {
		expect(excerpt('x'.repeat(500), 10)).toBe('xxxxxxxxxx…');
	});
});
