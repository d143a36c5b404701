import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testConnection, type ProbeSender } from '../transport/connectionTest';

/** The HTTP client n8n gives a credential test: its `request`, and nothing else. */
export type CredentialTestHelpers = ICredentialTestFunctions['helpers'];

/** What `request` resolves to with `resolveWithFullResponse`. */
interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function headerText(value: unknown): string {
	return Array.isArray(value) ? value.join(', ') : String(value);
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * Sends the probe with n8n's own HTTP client, so it goes where the node's requests go and is
 * refused where they are: through n8n's outbound proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) and,
 * since n8n 2.x, past its SSRF protection (N8N_SSRF_PROTECTION_ENABLED). Every status is an
 * answer to judge; redirects are never followed, so the token cannot be handed on to another host.
 *
 * `helpers` is the credential test's own, passed in: n8n's community lint reads
 * `this.helpers.request` as the execute helper that is deprecated for `httpRequest`, but a
 * credential test has no `httpRequest`, and its `request` is not deprecated (n8n-workflow's
 * ICredentialTestFunctions; n8n issue #25190).
 */
export function sendWithN8n(helpers: CredentialTestHelpers): ProbeSender {
	return async (request, timeoutMs) => {
		const response = (await helpers.request({
			method: 'POST',
			uri: request.url,
			headers: request.headers,
			body: request.body,
			json: false,
			timeout: timeoutMs,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
		})) as FullResponse;
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers ?? {})) {
			if (value !== undefined) headers[name.toLowerCase()] = headerText(value);
		}
		return { status: response.statusCode, headers, body: bodyText(response.body) };
	};
}

/** The Polar API credential's Test connection (the node declares it with `testedBy`). */
export async function polarApiConnection(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testConnection(credential.data ?? {}, sendWithN8n(this.helpers));
}
