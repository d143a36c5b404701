import type { Failure, IDataObject } from 'n8n-workflow';

import { parseRetryAfterMs } from './retry';
import { POLAR_API_VERSION } from './servers';

/** What a failed call to Polar means for the user: a message, how to fix it, and n8n's failure cause. */
export interface PolarFailure {
	message: string;
	description: string;
	httpCode?: string;
	failure?: Failure;
	/** Polar's own error name and detail, for the error's context in n8n's UI. */
	details?: IDataObject;
	/** The request was not repeated because Polar may already have acted on it. */
	mayHaveActed?: boolean;
}

export interface FailedResponse {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
	/** The JSON body that was sent, to name the value a validation error is about. */
	requestBody?: IDataObject;
}

/**
 * An operation's own wording for answers that mean something particular to it (e.g. "Customer
 * does not exist." for a session): given what the transport made of an answer, it returns the
 * failure to show. Declared beside the operation, passed with its request.
 */
export type RefineFailure = (failure: PolarFailure, response: FailedResponse) => PolarFailure;

const TOKEN_HELP =
	'Create a token in Polar’s dashboard under Settings → Developers → New Token and paste it into the Polar credential. Sandbox and production have separate tokens: check the credential’s Environment.';

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

function asRecord(body: unknown): Record<string, unknown> | undefined {
	return body !== null && typeof body === 'object' && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: undefined;
}

/**
 * The scopes a 403 names, when it is Polar's "the token lacks a scope": authlib's RFC 6750
 * `insufficient_scope` (server/polar/oauth2/exceptions.py InsufficientScopeError, raised by
 * auth/dependencies.py and authz/dependencies.py), with `scope="…"` in WWW-Authenticate.
 * Undefined for Polar's other 403s (NotPermitted, EmbedHostNotAllowed, RefundedAlready, …:
 * PolarError subclasses, answered as {"error": name, "detail": message} by
 * exception_handlers.py polar_exception_handler), which say nothing about scopes.
 */
function missingScopes(
	body: Record<string, unknown> | undefined,
	headers: Record<string, unknown>,
): string[] | undefined {
	const challenge = header(headers, 'www-authenticate') ?? '';
	if (body?.error !== 'insufficient_scope' && !/error="insufficient_scope"/.test(challenge)) {
		return undefined;
	}
	// Polar names every scope that would do, separated by spaces: any one of them is enough.
	return (/scope="([^"]+)"/.exec(challenge)?.[1] ?? '').split(/\s+/).filter(Boolean);
}

/** What Polar's NotPermitted means for a token that passed the scope check. */
const NOT_PERMITTED_HELP =
	'The token has the scope, but Polar does not let its owner do this (e.g. a member’s personal token without that permission in the organization, or an object Polar does not allow this for). Use an organization access token, or a member with the permission.';

/** A short, single-line excerpt of a body that is not JSON (e.g. a gateway's HTML page). */
export function excerpt(body: unknown, max = 200): string {
	const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
	const plain = text
		.replace(/<(head|script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}

/**
 * Polar no longer serves the node's API version. Its version middleware (server/polar/kit/
 * versioning.py `APIVersionMiddleware`) answers a version it does not serve, before any route,
 * with 404 and exactly `{"detail":"Not Found"}`, and without the `Polar-Version` header every
 * other answer of Polar's app carries: a path Polar lacks (same body) has the header.
 */
export function isVersionNotServed(
	status: number,
	body: unknown,
	headers: Record<string, unknown>,
): boolean {
	const record = asRecord(body);
	return (
		status === 404 &&
		record !== undefined &&
		Object.keys(record).length === 1 &&
		record.detail === 'Not Found' &&
		!Object.keys(headers).some((name) => name.toLowerCase() === 'polar-version')
	);
}

/** What the node says when Polar no longer serves its API version: update the package. */
export const VERSION_NOT_SERVED = `Polar no longer serves API version ${POLAR_API_VERSION} that this package speaks: update n8n-nodes-polarsh (Settings → Community Nodes)`;

export function versionNotServedFailure(): PolarFailure {
	return {
		message: VERSION_NOT_SERVED,
		// n8n 1.x shows a failed activation with the description alone: it names both too.
		description: `Polar no longer serves API version ${POLAR_API_VERSION}, which this package speaks: it answers every request in it 404 "Not Found" without a Polar-Version header, so nothing was done. Polar removes a version a quarter after it stops being current. In n8n, open Settings → Community Nodes and update n8n-nodes-polarsh to a release that speaks a version Polar serves.`,
		httpCode: '404',
		failure: { cause: 'configuration-invalid' },
	};
}

/** Polar's own "no such object" (a 404 naming ResourceNotFound), not a 404 of some other server. */
export function isPolarNotFound(status: number, body: unknown): boolean {
	return status === 404 && asRecord(body)?.error === 'ResourceNotFound';
}

export interface ValidationEntry {
	loc?: unknown[];
	msg?: string;
	input?: unknown;
}

/** The entries of a 422 `RequestValidationError`, for an operation to read. */
export function validationEntries(body: unknown): ValidationEntry[] {
	const detail = asRecord(body)?.detail;
	return Array.isArray(detail) ? (detail as ValidationEntry[]) : [];
}

/** The field an entry is about, as a dotted path without the leading "body". */
export function validationField(entry: ValidationEntry): string {
	const loc = Array.isArray(entry.loc) ? entry.loc.filter((part) => part !== 'body') : [];
	return loc.join('.') || 'request';
}

/** The reason phrases of the statuses the node and its connection test name. */
export const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	301: 'Moved Permanently',
	302: 'Found',
	303: 'See Other',
	307: 'Temporary Redirect',
	308: 'Permanent Redirect',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	422: 'Unprocessable Content',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** Maps any non-2xx answer from Polar to what it means and how to fix it. */
export function describeFailedResponse(response: FailedResponse, attempts = 1): PolarFailure {
	const { status, headers } = response;
	const body = asRecord(response.body);
	const name = typeof body?.error === 'string' ? body.error : undefined;
	const detail = body?.detail;
	const httpCode = String(status);
	const details: IDataObject = name ? { error: name, detail: detail as IDataObject } : {};
	const tried = attempts > 1 ? ` Tried ${attempts} times.` : '';

	if (isVersionNotServed(status, response.body, headers)) return versionNotServedFailure();
	if (status === 401) {
		return name === 'Unauthorized'
			? {
					message: 'Polar received no access token (401)',
					description: `Set the Access Token of the Polar credential. ${TOKEN_HELP}`,
					httpCode,
					failure: { cause: 'credential-invalid' },
					details,
				}
			: {
					message: 'Polar rejected the access token (401)',
					description: `The token is expired, revoked, malformed or for the other environment. ${TOKEN_HELP}`,
					httpCode,
					failure: { cause: 'credential-invalid' },
					details,
				};
	}
	if (status >= 300 && status < 400) {
		const location = header(headers, 'location');
		return {
			message: `Polar’s address redirects (${status})${location ? ` to ${location}` : ''}`,
			description:
				'The node does not follow redirects, so the token never reaches another server. Put the final address in the credential’s Base URL, or use the Production or Sandbox environment.',
			httpCode,
			failure: { cause: 'configuration-invalid' },
		};
	}
	const scopes = status === 403 ? missingScopes(body, headers) : undefined;
	if (scopes) {
		const scope = scopes.join(' or ');
		return scope
			? {
					message: `The access token lacks the ${scope} scope (403)`,
					description: `Create a Polar access token that includes the ${scope} scope, and paste it into the Polar credential.`,
					httpCode,
					failure: { cause: 'credential-invalid' },
					details,
				}
			: {
					message: 'The access token lacks a scope this operation needs (403)',
					description:
						'Polar did not name the scope. Create a Polar access token with the scopes the README lists for this operation, and paste it into the Polar credential.',
					httpCode,
					failure: { cause: 'credential-invalid' },
					details,
				};
	}
	if (status === 404 && name === 'ResourceNotFound') {
		return {
			message: 'Polar found no such object (404)',
			description: `${typeof detail === 'string' ? `${detail}. ` : ''}Check the ID, and that the credential points at the environment (sandbox or production) and organization it belongs to.`,
			httpCode,
			details,
		};
	}
	if (status === 404) {
		// Not Polar's "no such object": a path its API does not have, so the Base URL is wrong.
		return {
			message: 'Polar has no such endpoint (404)',
			description:
				'The credential’s Base URL does not point at Polar’s API. Use the Production or Sandbox environment, or a Base URL without /v1, e.g. https://api.polar.sh.',
			httpCode,
			failure: { cause: 'configuration-invalid' },
			details,
		};
	}
	if (status === 422 && Array.isArray(detail)) {
		const problems = validationEntries(body).map(
			(entry) => `${validationField(entry)}: ${entry.msg ?? 'invalid'}`,
		);
		return {
			message: problems.join('; '),
			description: 'Polar refused the request’s fields. Check the node’s fields for this item.',
			httpCode,
			details,
		};
	}
	if (status === 429) {
		const retryAfterMs = parseRetryAfterMs(header(headers, 'retry-after'));
		const asked =
			retryAfterMs === undefined ? '' : ` Polar asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
		return {
			message: 'Polar’s rate limit was reached (429)',
			description: `Polar allows 500 requests a minute in production and 100 in sandbox.${tried}${asked} Raise Max Retries or Max Retry Wait in the node’s Options, or send fewer items at once.`,
			httpCode,
			failure:
				retryAfterMs === undefined
					? { cause: 'rate-limited' }
					: { cause: 'rate-limited', retryAfterMs },
			details,
		};
	}
	if (status >= 500) {
		const statusText = STATUS_TEXT[status] ?? 'Server Error';
		const said = name
			? `${name}: ${typeof detail === 'string' ? detail : ''}`
			: excerpt(response.body);
		return {
			message: `Polar is having trouble (${status} ${statusText})`,
			description: `Polar or a gateway in front of it failed; this is usually temporary.${tried} Try again later.${
				said ? ` The server said: ${said}` : ''
			}`,
			httpCode,
			failure: { cause: 'temporarily-unavailable' },
			details,
		};
	}
	if (!body) {
		return {
			message: `Polar answered ${status} with a body that is not JSON`,
			description: `Check that the credential’s Base URL points at Polar’s API. The server said: ${excerpt(response.body)}`,
			httpCode,
		};
	}
	const text =
		typeof detail === 'string' ? detail : detail === undefined ? '' : JSON.stringify(detail);
	// Polar's NotPermitted says little ("Not permitted"): add what it means for a token.
	const said = text || 'Polar gave no detail.';
	const description =
		status === 403 && name === 'NotPermitted'
			? `${said.replace(/\.?$/, '.')} ${NOT_PERMITTED_HELP}`
			: said;
	return {
		message: `Polar refused the request (${status}${name ? ` ${name}` : ''})`,
		description,
		httpCode,
		details,
	};
}

const CONNECTION_REASONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EPIPE: 'the connection was closed',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host',
};

const isTimeout = (code: string, text: string): boolean =>
	code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(text);

/**
 * Network-level failures, where no HTTP answer arrived. `mayHaveActed`: the request was not
 * repeated because Polar may have carried it out; the message says so before anything else.
 */
export function describeConnectionError(
	error: unknown,
	baseUrl: string,
	timeoutMs: number,
	attempts: number,
	mayHaveActed = false,
): PolarFailure {
	const { code, text } = connectionErrorCode(error);
	const tried = attempts > 1 ? ` Tried ${attempts} times.` : '';
	const timedOut = isTimeout(code, text);
	if (mayHaveActed) {
		const lost = timedOut
			? `no answer within ${timeoutMs / 1000} s`
			: (CONNECTION_REASONS[code] ?? 'the connection was closed');
		return {
			message: `Polar may have carried out the request, but its answer was lost (${lost})`,
			description: `The request reached ${baseUrl}; check in Polar before sending it again.${
				timedOut ? ' If Polar is slow, raise the Timeout option.' : ''
			}${tried}`,
			failure: { cause: 'temporarily-unavailable' },
		};
	}
	if (timedOut) {
		return {
			message: `Polar did not answer within ${timeoutMs / 1000} s`,
			description: `The request to ${baseUrl} timed out.${tried} Raise the Timeout option, or try again later.`,
			failure: { cause: 'temporarily-unavailable' },
		};
	}
	return {
		message: `Could not reach Polar at ${baseUrl}: ${CONNECTION_REASONS[code] ?? (code || text || 'network error')}`,
		description: `Check the credential’s Environment and Base URL, and this machine’s network.${tried}`,
		failure: { cause: 'temporarily-unavailable' },
	};
}

/** A system error code (ECONNRESET, ENOTFOUND, CERT_HAS_EXPIRED, …), not an HTTP status. */
const SYSTEM_CODE = /^(E[A-Z0-9_]{2,}|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)$/;

/**
 * The system error code (ECONNREFUSED, …) and the HTTP client's own message, from what n8n
 * hands the node. httpRequestWithAuthentication wraps the client's error in a NodeApiError
 * (n8n-core request-helper-functions.js on 1.x, request-helpers/authentication.js on 2.x) that
 * replaces its message with a canned sentence ("The connection to the server was closed
 * unexpectedly…", NodeError.setDescriptiveErrorMessage), keeps the original in `messages` and
 * the code in `httpCode`. Only newer 2.x keep the client's error as `cause` (up to 2.0, the
 * `cause` class field of ExecutionBaseError resets it): so the code is read from `httpCode` too.
 */
function connectionErrorCode(error: unknown): { code: string; text: string } {
	const top = asRecord(error);
	const original = Array.isArray(top?.messages)
		? top.messages.find((m) => typeof m === 'string')
		: undefined;
	const text = String(original ?? top?.message ?? '');
	for (let current = top; current; current = asRecord(current.cause)) {
		if (typeof current.code === 'string' && current.code) {
			return { code: current.code, text: String(current.message ?? text) };
		}
		if (typeof current.httpCode === 'string' && SYSTEM_CODE.test(current.httpCode)) {
			return { code: current.httpCode, text };
		}
		if (current.cause === current) break;
	}
	return { code: /\b(E[A-Z_]{3,})\b/.exec(text)?.[1] ?? '', text };
}

/** The connection failed before the request left this machine: Polar cannot have seen it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** The connection failed while the request may already have reached Polar. */
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE']);

/**
 * What a connection failure means for a retry: `not-sent` is always safe to try again,
 * `maybe-sent` only for a request that is harmless to repeat, `final` (a bad host name, a
 * certificate problem, a request n8n refused to send) would fail the same way again.
 */
export function classifyConnectionError(error: unknown): 'not-sent' | 'maybe-sent' | 'final' {
	const { code, text } = connectionErrorCode(error);
	if (NOT_SENT_CODES.has(code)) return 'not-sent';
	if (MAYBE_SENT_CODES.has(code) || /timeout|socket hang up/i.test(text)) return 'maybe-sent';
	return 'final';
}

/** The sentence for a request that was not repeated because Polar may have acted on it. */
export function notRepeatedNote(effect = 'carried out the request'): string {
	return `Polar may have ${effect} before the answer was lost. The node did not send it again, so that nothing is done twice.`;
}

/**
 * n8n's error classes replace any message that contains a system error code (EEXIST, EPERM, …,
 * in any case, anywhere) with a canned sentence, so a customer ID like "preexisting_user" read
 * "The file or directory already exists". Put the node's own message back.
 */
export function keepMessage<E extends Error & { messages?: string[] }>(
	error: E,
	message: string,
): E {
	error.message = message;
	if (Array.isArray(error.messages)) error.messages = error.messages.filter((m) => m !== message);
	return error;
}
