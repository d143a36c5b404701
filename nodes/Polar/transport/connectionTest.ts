import type { ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';

import { readCredential, type PolarCredential } from './credential';
import { describeConnectionError } from './errors';
import { judgeAnswer, type ProbeAnswer } from './probeAnswer';
import { redact } from './redact';
import { POLAR_API_VERSION } from './servers';

/**
 * Test connection, apart from how the request travels: the checks before sending, the request,
 * and what went wrong when no answer came (probeAnswer.ts reads the answer). It asks Polar for a session of a customer that cannot exist, which creates
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

/** Sends the probe without following redirects; rejects when no HTTP answer arrived. */
export type ProbeSender = (request: ProbeRequest, timeoutMs: number) => Promise<ProbeAnswer>;

export function probeRequest(credential: PolarCredential): ProbeRequest {
	const headers: Record<string, string> = {
		Authorization: `Bearer ${credential.accessToken}`,
		'Polar-Version': POLAR_API_VERSION,
		'Content-Type': 'application/json',
		Accept: 'application/json',
	};
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
	const scrub = (text: string) => redact(text, [credential.accessToken]);
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

/** The errors n8n's SSRF protection (n8n 2.x, N8N_SSRF_PROTECTION_ENABLED) refuses a request with. */
const SSRF_ERRORS = new Set(['SsrfBlockedIpError', 'SsrfBlockedHostnameError']);

/** n8n refused to send the request: the address is one its SSRF protection keeps workflows from. */
function isBlockedByN8n(error: unknown): boolean {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		if (typeof current !== 'object') return false;
		const { name, cause } = current as { name?: unknown; cause?: unknown };
		if (typeof name === 'string' && SSRF_ERRORS.has(name)) return true;
		current = cause;
	}
	return false;
}

/** No HTTP answer: refused, unknown host, TLS, timeout, or an address n8n blocks. */
export function judgeSendError(
	error: unknown,
	baseUrl: string,
	timeoutMs: number,
): INodeCredentialTestResult {
	// The same sentence as the node's own request gets; only the advice is Test connection's.
	const { message } = describeConnectionError(error, baseUrl, timeoutMs, 1);
	let advice = '. Check Environment and Base URL, and that this machine can reach the server';
	if (message.startsWith('Polar did not answer')) {
		advice = ` at ${baseUrl}. Test again later, and check Base URL if it lasts`;
	} else if (isBlockedByN8n(error)) {
		advice =
			'. n8n’s SSRF protection blocks this address for the node too: use Polar’s API, or ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES)';
	}
	return { status: 'Error', message: `${message}${advice}` };
}
