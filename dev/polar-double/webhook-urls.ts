// Endpoint URLs as Polar validates and stores them (server/polar/webhook/schemas.py `EndpointURL`:
// stripped, then pydantic's `AnyUrl` limited to https with a host, then `validate_hostname`).
// pydantic-core parses with the WHATWG URL rules, as Node's URL does, and the model stores
// `str(url)`: lower-case scheme and host, IDN as punycode, the default port dropped, a bare host
// given a `/` path, spaces and non-ASCII in path and query percent-encoded, `.`/`..` resolved.

import { isIP } from 'net';

import type { ContractViolation } from './contract';
import { violation } from './contract';

/**
 * `polar` applies all of Polar's rules. `local` (the default) also accepts http and loopback or
 * private hosts, because the receivers of the double's deliveries are local test servers.
 */
export type WebhookUrlPolicy = 'local' | 'polar';

const LOCALHOST_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

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

/** The URL Polar would store, or the 422 entry it would answer. */
export function normaliseWebhookUrl(
	input: string,
	loc: Array<string | number>,
	policy: WebhookUrlPolicy = 'local',
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
	const schemes = policy === 'polar' ? ['https:'] : ['https:', 'http:'];
	if (!schemes.includes(url.protocol))
		return fail(
			'url_scheme',
			`URL scheme should be ${schemes.map((s) => `'${s.slice(0, -1)}'`).join(' or ')}`,
		);
	if (!url.hostname) return fail('url_parsing', 'Input should be a valid URL, empty host');
	if (policy === 'polar' && isBlockedHost(url.hostname))
		return fail(
			'value_error',
			'Value error, Webhook URLs cannot point to localhost or private IP addresses.',
		);
	return { url: url.href };
}
