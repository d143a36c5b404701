import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { testConnection, type ProbeRequest } from '../transport/connectionTest';
import type { ProbeAnswer } from '../transport/probeAnswer';

/**
 * Sent with the platform's fetch: a credential test gets only n8n's `helpers.request`, which
 * the community lint forbids as deprecated. Redirects are never followed, so the token cannot
 * be handed on to another host.
 */
export async function sendWithFetch(
	request: ProbeRequest,
	timeoutMs: number,
): Promise<ProbeAnswer> {
	const response = await fetch(request.url, {
		method: 'POST',
		headers: request.headers,
		body: request.body,
		redirect: 'manual',
		signal: AbortSignal.timeout(timeoutMs),
	});
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => {
		headers[name] = value;
	});
	return { status: response.status, headers, body: await response.text() };
}

/** The Polar API credential's Test connection (the node declares it with `testedBy`). */
export async function polarApiConnection(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testConnection(credential.data ?? {}, sendWithFetch);
}
