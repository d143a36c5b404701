// The token in no message, however a server echoes it: the node redacts what it reads before it
// quotes or cuts any of it.

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runNode } from '../../dev/harness';
import { startStranger, type StrangerServer } from '../strangers';
import { leaksToken } from '../support/leaks';
import { byId } from './fixtures';

const TOKEN = 'polar_oat_Echoed0123456789abcdefGHIJKLmnop';
const CUSTOMER_ID = '992fae2a-2a17-4b7a-8d9e-e287cf90131b';

async function runAgainst(stranger: StrangerServer) {
	const result = await runNode({
		nodeType: new Polar(),
		credentialTypes: [new PolarApi()],
		credentials: {
			polarApi: { accessToken: TOKEN, environment: 'custom', baseUrl: stranger.url },
		},
		parameters: {
			resource: 'customerSession',
			operation: 'create',
			customer: byId(CUSTOMER_ID),
			simplify: false,
			options: { retryOnFailure: false },
		},
		items: [{}],
	});
	// Everything n8n kept of the run, as text.
	return { result, kept: JSON.stringify({ runData: result.runData, run: result.run }) };
}

/** A gateway page whose text is cut at 200 characters one character before the token ends. */
const cutAtTheTokensEnd = (token: string) =>
	`<html><body><p>${'x'.repeat(200 - (token.length - 1))}${token} and more</p></body></html>`;

const echoes: Record<string, (authorization: string) => { type: string; body: string }> = {
	'cut one character before its end': (auth) => ({
		type: 'text/html',
		body: cutAtTheTokensEnd(auth.slice('Bearer '.length)),
	}),
	'in upper case': (auth) => ({ type: 'text/plain', body: `DENIED ${auth.toUpperCase()}` }),
	'URL-encoded': (auth) => ({
		type: 'text/plain',
		body: `redirect to /login?next=${encodeURIComponent(`/v1?${auth}`)}`,
	}),
	'in base64': (auth) => ({
		type: 'text/plain',
		body: `trace ${Buffer.from(`authorization=${auth}`).toString('base64')}`,
	}),
	'JSON-escaped in a JSON error': (auth) => ({
		type: 'application/json',
		body: JSON.stringify({ error: 'Upstream', detail: JSON.stringify({ auth }) }),
	}),
};

describe('the token in no message', () => {
	it.each(Object.keys(echoes))('when a 502 echoes it %s', async (name) => {
		const stranger = await startStranger(({ headers }) => {
			const { type, body } = echoes[name](String(headers.authorization));
			return { status: 502, headers: { 'content-type': type }, body };
		});
		try {
			const { result, kept } = await runAgainst(stranger);
			expect(result.executionError?.message).toBe('Polar is having trouble (502 Bad Gateway)');
			expect(stranger.requests).toHaveLength(1);
			expect(leaksToken(kept, TOKEN)).toBe(false);
			expect(kept).toContain('[redacted]');
		} finally {
			await stranger.close();
		}
	});
});
