import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The API version this node is tested against; sent on every request so Polar never changes shape under us. */
export const POLAR_API_VERSION = '2026-04';

export const POLAR_SERVERS = {
	production: 'https://api.polar.sh',
	sandbox: 'https://sandbox-api.polar.sh',
} as const;

export type PolarEnvironment = keyof typeof POLAR_SERVERS | 'custom';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The API root for a credential, or a sentence saying what is wrong with the Base URL.
 * Plain `http` is allowed only on loopback, so a token is never sent in clear over a network.
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
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return { problem: `Base URL "${raw}" is not an absolute URL, e.g. https://polar.example.com` };
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return {
			problem: `Base URL must use https (plain http is allowed only for localhost): "${raw}"`,
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { problem: `Base URL must start with https://, got "${raw}"` };
	}
	if (url.search || url.hash || url.username || url.password) {
		return { problem: 'Base URL must not contain a query, fragment or user info' };
	}
	return { baseUrl: url.href.replace(/\/+$/, '') };
}
