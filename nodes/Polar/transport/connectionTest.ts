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
