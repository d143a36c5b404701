import type { INodeCredentialTestResult } from 'n8n-workflow';

import { isVersionNotServed, STATUS_TEXT, VERSION_NOT_SERVED } from './errors';

/**
 * What an answer to Test connection's probe means. Only Polar's "Customer does not exist."
 * passes; anything else fails with what was seen: the status, and what kind of server it
 * looks like, so the user can tell a bad token from a wrong Base URL or a bad day at Polar.
 */

export interface ProbeAnswer {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

export const CONNECTION_OK = 'Connection successful: Polar accepted the token and its scope';

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

/** FastAPI's answer for a path its app does not have, as Polar's API gives it. */
function isNoSuchPath(json: unknown): boolean {
	const body = json as Record<string, unknown> | null;
	return (
		body !== null &&
		typeof body === 'object' &&
		Object.keys(body).length === 1 &&
		body.detail === 'Not Found'
	);
}

/** What kind of server gave this answer, in a few words. */
export function describeServer(answer: ProbeAnswer): string {
	if (!answer.body.trim()) return 'an empty body';
	const json = parseJson(answer.body);
	if (json !== undefined) {
		const name = polarErrorName(json);
		if (name) return `Polar’s error ${name}`;
		return isNoSuchPath(json)
			? 'the error "Not Found" of Polar’s framework'
			: 'JSON that is not Polar’s';
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
	if (isVersionNotServed(status, json, answer.headers)) {
		return error(
			`${VERSION_NOT_SERVED}. Polar refuses every request in that version (404 "Not Found" without a Polar-Version header), so the token was not checked`,
		);
	}
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
	if (status === 404 && (name || isNoSuchPath(json))) {
		return error(
			`Polar has no such endpoint (${saw}): the Base URL must be the API root, without /v1. ${CHECK_ADDRESS}`,
		);
	}
	return error(
		`${baseUrl} is not Polar’s API: it answered ${saw}, where Polar answers 422 "Customer does not exist.". ${CHECK_ADDRESS}`,
	);
}
