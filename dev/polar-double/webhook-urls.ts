// Endpoint URLs as Polar validates and stores them (server/polar/webhook/schemas.py `EndpointURL`:
// stripped, then pydantic's `AnyUrl` limited to https with a host, then `validate_hostname`).
// pydantic-core parses with the WHATWG URL rules, as Node's URL does, and the model stores
// `str(url)`: lower-case scheme and host, IDN as punycode, the default port dropped, a bare host
// given a `/` path, spaces and non-ASCII in path and query percent-encoded, `.`/`..` resolved.

import { isIP } from 'net';

import type { ContractViolation } from './contract';
import { violation } from './contract';

/**
 * `polar` (the default) applies all of Polar's rules. `allow-loopback` also accepts http and
 * https URLs on this machine (localhost, 127.0.0.0/8, [::1]), for tests whose receiver (n8n, a
 * test server) listens on loopback; any other URL still meets Polar's rules.
 */
export type WebhookUrlPolicy = 'polar' | 'allow-loopback';

export const WEBHOOK_URL_POLICIES: readonly WebhookUrlPolicy[] = ['polar', 'allow-loopback'];

const LOCALHOST_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

const isLoopbackHost = (host: string) =>
	host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/** Polar's `_is_blocked_webhook_host`: localhost, or an IP address that is not global. */
function isBlockedHost(host: string): boolean {
	if (LOCALHOST_HOSTS.has(host)) return true;
	const ip = host.replace(/^\[|\]$/g, '');
	if (isIP(ip) === 4) {
		const [a, b] = ip.split('.').map(Number);
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 100 && b >= 64 && b < 128) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b < 32) ||
			(a === 192 && b === 168) ||
			a >= 224
		);
	}
	if (isIP(ip) === 6) return !/^[23]/i.test(ip) || /^2001:db8:/i.test(ip);
	return false;
}

/**
 * The URL Polar would store, or the 422 entry it would answer (webhook/schemas.py
 * `validate_hostname`, `_is_blocked_webhook_host` at c6c3645).
 */
export function normaliseWebhookUrl(
	input: string,
	loc: Array<string | number>,
	policy: WebhookUrlPolicy = 'polar',
): { url: string } | { violation: ContractViolation } {
	const fail = (type: string, msg: string) => ({ violation: violation(loc, type, msg, input) });
	const stripped = input.trim();
	if (stripped.length < 1 || stripped.length > 2083)
		return fail('string_length', 'String should have 1 to 2083 characters');
	let url: URL;
	try {
		url = new URL(stripped);
	} catch {
		return fail('url_parsing', 'Input should be a valid URL');
	}
	if (policy === 'allow-loopback' && /^https?:$/.test(url.protocol) && isLoopbackHost(url.hostname))
		return { url: url.href };
	// kit/schemas.py `HttpsUrl`: allowed_schemes=["https"], max_length=2083, host_required.
	if (url.protocol !== 'https:') return fail('url_scheme', "URL scheme should be 'https'");
	if (!url.hostname) return fail('url_parsing', 'Input should be a valid URL, empty host');
	if (isBlockedHost(url.hostname))
		return fail(
			'value_error',
			'Value error, Webhook URLs cannot point to localhost or private IP addresses.',
		);
	return { url: url.href };
}
