// Polar's answers, byte for byte as API-FACTS.md records them, plus the injectable failures.
// The OAuth-style 401/403 follow authlib's RFC 6750 errors, which Polar raises with realm "polar".

import type { ValidationErrorDetail } from './types';

export interface CannedResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
	/**
	 * Why this answer of Polar's server is not checked against the spec: the spec leaves it out
	 * (e.g. the 403s refund/service.py raises beside the one documented).
	 */
	offSpec?: string;
	/**
	 * Why this answer carries no `Polar-Version` header: it is not sent by Polar's app through its
	 * version middleware (a gateway's page, Starlette's outermost plain-text 500, the middleware's
	 * own refusal of a version).
	 */
	unversioned?: string;
}

export const INVALID_TOKEN_DESCRIPTION =
	'The access token provided is expired, revoked, malformed, or invalid for other reasons.';
export const INSUFFICIENT_SCOPE_DESCRIPTION =
	'The request requires higher privileges than provided by the access token.';
export const AMBIGUOUS_EXTERNAL_ID_DETAIL =
	'Several customers across your organizations share this external customer ID. ' +
	'Use an organization-scoped token, the Polar customer ID, or a unique external ID to disambiguate.';

export function jsonResponse(
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): CannedResponse {
	return {
		status,
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(value),
	};
}

/** Text answers come from outside Polar's app: a gateway, or Starlette's ServerErrorMiddleware. */
const text = (status: number, contentType: string, body: string): CannedResponse => ({
	status,
	headers: { 'content-type': contentType },
	body,
	unversioned: 'not answered by Polar’s app',
});

/** authlib sends OAuth errors uncached, with the challenge in WWW-Authenticate. */
const oauthError = (
	status: number,
	error: string,
	description: string,
	scope?: string,
): CannedResponse =>
	jsonResponse(
		status,
		{ error, error_description: description },
		{
			'cache-control': 'no-store',
			pragma: 'no-cache',
			'www-authenticate':
				`Bearer realm="polar", ${scope ? `scope="${scope}", ` : ''}` +
				`error="${error}", error_description="${description}"`,
		},
	);

export const polarErrors = {
	noToken: (): CannedResponse =>
		jsonResponse(
			401,
			{ error: 'Unauthorized', detail: 'Unauthorized' },
			{ 'www-authenticate': 'Bearer realm="polar"' },
		),
	invalidToken: (): CannedResponse => oauthError(401, 'invalid_token', INVALID_TOKEN_DESCRIPTION),
	/** `scope` is the space-separated list of scopes any one of which would do. */
	insufficientScope: (scope: string): CannedResponse =>
		oauthError(403, 'insufficient_scope', INSUFFICIENT_SCOPE_DESCRIPTION, scope),
	validation: (detail: ValidationErrorDetail[]): CannedResponse =>
		jsonResponse(422, { error: 'RequestValidationError', detail }),
	customerDoesNotExist: (
		field: 'customer_id' | 'external_customer_id',
		input: unknown,
	): CannedResponse =>
		polarErrors.validation([
			{ loc: ['body', field], msg: 'Customer does not exist.', type: 'value_error', input },
		]),
	ambiguousExternalId: (): CannedResponse =>
		jsonResponse(409, {
			error: 'AmbiguousExternalCustomerID',
			detail: AMBIGUOUS_EXTERNAL_ID_DETAIL,
		}),
	/** An object that does not exist. */
	notFound: (): CannedResponse =>
		jsonResponse(404, { error: 'ResourceNotFound', detail: 'Not found' }),
	/** A path Polar's API does not have: FastAPI's own answer. */
	noSuchRoute: (): CannedResponse => jsonResponse(404, { detail: 'Not Found' }),
	/** An exception in Polar's app: Starlette's plain-text 500. */
	internal: (): CannedResponse => text(500, 'text/plain; charset=utf-8', 'Internal Server Error'),
	/** Polar's rate limiter answers with an empty body. */
	rateLimited: (retryAfter: string): CannedResponse => ({
		status: 429,
		headers: { 'retry-after': retryAfter },
		body: '',
	}),
};

/** Names for `failNext`: what the next create-session request(s) get instead of a real answer. */
export const FAILURE_SCENARIOS = [
	'unauthorized-invalid-token',
	'unauthorized-no-token',
	'forbidden-insufficient-scope',
	'conflict-ambiguous-external-id',
	'validation-error',
	'rate-limited',
	'rate-limited-http-date',
	'internal-server-error',
	'bad-gateway-html',
	'service-unavailable',
	'gateway-timeout',
	'hang',
	'connection-reset',
	// Polar carries the request out (the session exists), then the answer is lost.
	'commit-then-hang',
	'commit-then-reset',
	'commit-then-502',
	// A token that has the scope, of a member without the permission: Polar's NotPermitted
	// (authz/service.py assert_organization_permission / assert_resource_permission).
	'not-permitted',
] as const;

export type FailureScenario = (typeof FAILURE_SCENARIOS)[number];

export const isFailureScenario = (value: unknown): value is FailureScenario =>
	(FAILURE_SCENARIOS as readonly unknown[]).includes(value);

export interface FailureOptions {
	/** For the 429 scenarios: how long the client is told to wait (default 1 second). */
	retryAfterSeconds?: number;
	/**
	 * For not-permitted: Polar's detail, PERMISSION_DENIED_MESSAGE of the permission the route
	 * asks (auth/permission.py), e.g. "You don't have permission to manage sales" for a refund.
	 */
	detail?: string;
}

const gatewayPage = (code: string): string =>
	`<html>\r\n<head><title>${code}</title></head>\r\n<body>\r\n<center><h1>${code}</h1></center>\r\n` +
	'<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

/** For the commit-then-… scenarios, how the answer is lost once the request was carried out. */
export function lostAnswer(scenario: FailureScenario): FailureScenario | undefined {
	switch (scenario) {
		case 'commit-then-hang':
			return 'hang';
		case 'commit-then-reset':
			return 'connection-reset';
		case 'commit-then-502':
			return 'bad-gateway-html';
		default:
			return undefined;
	}
}

/** The canned answer for a scenario, or the special behaviours the server acts out itself. */
export function failureResponse(
	scenario: FailureScenario,
	body: unknown,
	options: FailureOptions = {},
): CannedResponse | 'hang' | 'connection-reset' {
	const retryAfter = options.retryAfterSeconds ?? 1;
	switch (scenario) {
		case 'unauthorized-invalid-token':
			return polarErrors.invalidToken();
		case 'unauthorized-no-token':
			return polarErrors.noToken();
		case 'forbidden-insufficient-scope':
			return polarErrors.insufficientScope('customer_sessions:write');
		case 'conflict-ambiguous-external-id':
			return polarErrors.ambiguousExternalId();
		case 'not-permitted':
			// NotPermitted is a PolarError: exception_handlers.py polar_exception_handler's body.
			return {
				...jsonResponse(403, { error: 'NotPermitted', detail: options.detail ?? 'Not permitted' }),
				offSpec: 'NotPermitted: raised by authz/service.py, beside the 403s the spec documents',
			};
		case 'validation-error': {
			const input = body as { customer_id?: unknown; external_customer_id?: unknown } | undefined;
			return input?.external_customer_id !== undefined
				? polarErrors.customerDoesNotExist('external_customer_id', input.external_customer_id)
				: polarErrors.customerDoesNotExist('customer_id', input?.customer_id ?? null);
		}
		case 'rate-limited':
			return polarErrors.rateLimited(String(retryAfter));
		case 'rate-limited-http-date':
			return polarErrors.rateLimited(new Date(Date.now() + retryAfter * 1000).toUTCString());
		case 'internal-server-error':
			return polarErrors.internal();
		case 'bad-gateway-html':
			return text(502, 'text/html', gatewayPage('502 Bad Gateway'));
		case 'service-unavailable':
			return jsonResponse(503, {
				error: 'ServiceUnavailable',
				detail: 'The service is temporarily unavailable.',
			});
		case 'gateway-timeout':
			return text(504, 'text/html', gatewayPage('504 Gateway Time-out'));
		case 'hang':
		case 'connection-reset':
			return scenario;
		case 'commit-then-hang':
		case 'commit-then-reset':
		case 'commit-then-502':
			throw new Error(`${scenario} is acted out after the request is carried out`);
	}
}
