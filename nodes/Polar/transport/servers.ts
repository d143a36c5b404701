import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The API version this node speaks, sent as `Polar-Version` on every request (the node's, Test
 * connection's, the trigger's) so Polar never changes shape under us: Polar's Current version
 * since 2026-10-01 (2026-04 is removed at its January 2027 release). A version that stops being
 * Current is Deprecated for a quarter, then removed: Polar answers it 404 (transport/errors.ts
 * `isVersionNotServed`).
 */
export const POLAR_API_VERSION = '2026-10';

export const POLAR_SERVERS = {
	production: 'https://api.polar.sh',
	sandbox: 'https://sandbox-api.polar.sh',
} as const;

export type PolarEnvironment = keyof typeof POLAR_SERVERS | 'custom';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Hostnames as the URL parser leaves them: IPv4 in dotted form, IPv6 in brackets. */
export function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

const EXAMPLE = 'e.g. https://polar.example.com';

/**
 * The API root for a credential, or a sentence saying what is wrong with the Base URL. The
 * node and its credential test both use it, so they accept and refuse the same Base URLs.
 *
 * The root is the URL parser's own serialization (e.g. `http://127.1` becomes
 * `http://127.0.0.1`), so what is checked is exactly what is sent to. Spellings the parser
 * would quietly repair (`https:/host`, `https:\\host`, a tab inside) are refused: they are
 * typos, and guessing could send the token somewhere the user did not mean. Plain `http` is
 * allowed only on loopback, so a token never crosses a network in clear.
 */
export function resolveBaseUrl(
	credentials: ICredentialDataDecryptedObject,
): { baseUrl: string } | { problem: string } {
	const environment = (credentials.environment ?? 'production') as PolarEnvironment;
	if (environment !== 'custom') {
		const server = POLAR_SERVERS[environment];
		return server ? { baseUrl: server } : { problem: `Unknown environment "${environment}"` };
	}

	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (!raw) return { problem: `Base URL is empty: give the API root, ${EXAMPLE}` };
	// Checked on the text as typed: the parser drops or repairs these without a word.
	if (/[\s\\]/.test(raw) || /[^\x21-\x7e\u00a0-\uffff]/.test(raw)) {
		return { problem: 'Base URL must not contain spaces, backslashes or control characters' };
	}
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
	if (scheme !== 'https' && scheme !== 'http') {
		return { problem: `Base URL must start with https://, ${EXAMPLE}` };
	}
	if (!/^https?:\/\/[^/]/i.test(raw)) {
		return { problem: `Base URL must start with ${scheme}:// followed by a host, ${EXAMPLE}` };
	}
	if (/[?#]/.test(raw)) {
		return { problem: 'Base URL must not contain a query (?) or a fragment (#)' };
	}
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return { problem: `Base URL is not a valid URL: give the API root, ${EXAMPLE}` };
	}
	// Checked on the text too: `https://@host` has an empty user name, which the parser drops.
	if (/^https?:\/\/[^/]*@/i.test(raw)) {
		return { problem: 'Base URL must not contain a user name or password (user@host)' };
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return {
			problem: `Base URL must use https: plain http is allowed only for localhost, so the token is never sent unencrypted (${url.host})`,
		};
	}
	return { baseUrl: url.href.replace(/\/+$/, '') };
}
