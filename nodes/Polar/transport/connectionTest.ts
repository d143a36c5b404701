import type { ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';

import { readCredential, type PolarCredential } from './credential';
import { describeConnectionError } from './errors';
import { POLAR_API_VERSION } from './servers';

/**
 * Test connection, apart from how the request travels: which request to send, and what the
 * answer means. It asks Polar for a session of a customer that cannot exist, which creates
 * nothing and needs only the customer_sessions:write scope (reading e.g. /v1/organizations/
 * would need a scope such a token lacks). Only Polar's "Customer does not exist." passes.
 */

export const PROBE_PATH = '/v1/customer-sessions/';
export const PROBE_CUSTOMER_ID = '00000000-0000-4000-8000-000000000000';
export const PROBE_TIMEOUT_MS = 10_000;

export interface ProbeRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
}

export interface ProbeAnswer {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

/** Sends the probe without following redirects; rejects when no HTTP answer arrived. */
export type ProbeSender = (request: ProbeRequest, timeoutMs: number) => Promise<ProbeAnswer>;

export const CONNECTION_OK = 'Connection successful: Polar accepted the token and its scope';

export function probeRequest(credential: PolarCredential): ProbeRequest {
	const headers: Record<string, string> = {
		Authorization: `Bearer ${credential.accessToken}`,
		'Polar-Version': POLAR_API_VERSION,
		'Content-Type': 'application/json',
		Accept: 'application/json',
	};
	if (credential.organizationId) headers['Polar-Organization'] = credential.organizationId;
	return {
		url: `${credential.baseUrl}${PROBE_PATH}`,
		headers,
		body: JSON.stringify({ customer_id: PROBE_CUSTOMER_ID }),
	};
}

/** Checks the credential, sends the probe with `send`, and says what the answer means. */
export async function testConnection(
	credentials: ICredentialDataDecryptedObject,
	send: ProbeSender,
	timeoutMs = PROBE_TIMEOUT_MS,
): Promise<INodeCredentialTestResult> {
	const credential = readCredential(credentials);
	if ('problem' in credential) return { status: 'Error', message: credential.problem };

	// A server may echo the request back; the token must not reach the editor. It is scrubbed
	// before the answer is read too, as a quote cut short would no longer match it whole.
	const token = credential.accessToken;
	const scrub = (text: string) => (token ? text.split(token).join('[redacted]') : text);
	const request = probeRequest(credential);
	let result: INodeCredentialTestResult;
	try {
		const answer = await send(request, timeoutMs);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(answer.headers)) headers[name] = scrub(value);
		result = judgeAnswer(
			{ status: answer.status, headers, body: scrub(answer.body) },
			credential.baseUrl,
			request.url,
		);
	} catch (error) {
		result = judgeSendError(error, credential.baseUrl, timeoutMs);
	}
	return { ...result, message: scrub(result.message) };
}

const STATUS_TEXT: Record<number, string> = {
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

const statusLabel = (status: number) =>
	STATUS_TEXT[status] ? `${status} ${STATUS_TEXT[status]}` : String(status);

/** One line of at most `max` characters, for quoting what a server said. */
function clip(text: string, max: number): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max)}…` : line;
}

function parseJson(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

/** Polar's error bodies: `{error, detail}`, or OAuth's `{error, error_description}`. */
function polarErrorName(json: unknown): string | undefined {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
	const body = json as Record<string, unknown>;
	const polarShaped = 'detail' in body || typeof body.error_description === 'string';
	return typeof body.error === 'string' && polarShaped ? clip(body.error, 60) : undefined;
}

/** The answer Polar gives a working token: the probe's customer does not exist. */
function isCustomerMissing(json: unknown): boolean {
	const detail = (json as { detail?: unknown } | null)?.detail;
	return (
		Array.isArray(detail) &&
		detail.some(
			(entry: { loc?: unknown; msg?: unknown } | null) =>
				Array.isArray(entry?.loc) &&
				entry.loc.length === 2 &&
				entry.loc[0] === 'body' &&
				entry.loc[1] === 'customer_id' &&
				entry.msg === 'Customer does not exist.',
		)
	);
}

/** What kind of server gave this answer, in a few words. */
export function describeServer(answer: ProbeAnswer): string {
	if (!answer.body.trim()) return 'an empty body';
	const json = parseJson(answer.body);
	if (json !== undefined) {
		const name = polarErrorName(json);
		return name ? `Polar’s error ${name}` : 'JSON that is not Polar’s';
	}
	const contentType = answer.headers['content-type'] ?? '';
	if (/html/i.test(contentType) || /^\s*</.test(answer.body)) {
		const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(answer.body)?.[1];
		const plain = title ? clip(title.replace(/<[^>]*>/g, ''), 80) : '';
		return plain ? `an HTML page titled "${plain}"` : 'an HTML page';
	}
	return `text that is not Polar’s: "${clip(answer.body, 60)}"`;
}

/** Where a redirect points, without a query or fragment (they may carry secrets). */
function redirectTarget(location: string | undefined, from: string): string {
	if (!location) return 'without saying where';
	try {
		const url = new URL(location, from);
		return `to ${url.protocol}//${url.host}${url.pathname}`;
	} catch {
		return 'to an address that is not a URL';
	}
}

const CHECK_ADDRESS =
	'Use the Production or Sandbox environment, or the API root as Base URL, e.g. https://api.polar.sh';

/** What Polar's (or another server's) answer to the probe means. */
export function judgeAnswer(
	answer: ProbeAnswer,
	baseUrl: string,
	probeUrl: string,
): INodeCredentialTestResult {
	const { status } = answer;
	const json = parseJson(answer.body);
	if (status === 422 && isCustomerMissing(json)) return { status: 'OK', message: CONNECTION_OK };

	const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });
	const saw = `${statusLabel(status)}, ${describeServer(answer)}`;
	const name = polarErrorName(json);

	if (status >= 300 && status < 400) {
		return error(
			`${baseUrl} redirects (${statusLabel(status)}) ${redirectTarget(answer.headers.location, probeUrl)}. Redirects are not followed, so the token never reaches another server: put the final address in Base URL`,
		);
	}
	if (status === 401 && name === 'invalid_token') {
		return error(
			`Polar rejected the access token (${saw}): it is expired, revoked, malformed or for the other environment. Sandbox and production have separate tokens: check Environment, or create a token in Polar under Settings → Developers`,
		);
	}
	if (status === 401 && name === 'Unauthorized') {
		return error(
			`Polar received no access token (${saw}): paste one into Access Token. If Base URL is a proxy, it must pass the Authorization header on`,
		);
	}
	if (status === 403 && name === 'insufficient_scope') {
		const scope =
			/scope="([^"]+)"/.exec(answer.headers['www-authenticate'] ?? '')?.[1] ??
			'customer_sessions:write';
		return error(
			`The access token lacks the ${clip(scope, 100)} scope (${saw}): create a token that includes it, and paste it into Access Token`,
		);
	}
	if (status === 429) {
		const retryAfter = /^\d+$/.test(answer.headers['retry-after'] ?? '')
			? ` and asked to wait ${answer.headers['retry-after']} s`
			: '';
		return error(
			`${baseUrl} is rate limiting this token (${saw})${retryAfter}. The token was not checked: test again in a minute`,
		);
	}
	if (status >= 500) {
		return error(
			`${baseUrl} is having trouble (${saw}). The token was not checked: test again later, and check Base URL if it lasts`,
		);
	}
	if (status === 404 && name) {
		return error(
			`Polar has no such endpoint (${saw}): the Base URL must be the API root, without /v1. ${CHECK_ADDRESS}`,
		);
	}
	return error(
		`${baseUrl} is not Polar’s API: it answered ${saw}, where Polar answers 422 "Customer does not exist.". ${CHECK_ADDRESS}`,
	);
}

/** No HTTP answer: refused, unknown host, TLS, timeout. */
export function judgeSendError(
	error: unknown,
	baseUrl: string,
	timeoutMs: number,
): INodeCredentialTestResult {
	const { message } = describeConnectionError(error, baseUrl, timeoutMs, 1);
	const advice = message.startsWith('Polar did not answer')
		? ` at ${baseUrl}. Test again later, and check Base URL if it lasts`
		: '. Check Environment and Base URL, and that this machine can reach the server';
	return { status: 'Error', message: `${message}${advice}` };
}
