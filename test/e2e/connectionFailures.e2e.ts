// Connection failures as a real n8n hands them to the node, on each line: n8n 1.x (and 2.0)
// wrap the HTTP client's error and drop its code, newer 2.x keep it. The node must read both
// alike: a session Polar made whose answer was lost says so first and is not sent again; a port
// that refuses is retried (nothing reached Polar). Workflow: connection/lost-answers.json.

import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

import { items, itemError } from './assertions';
import { startStack, TOKENS, type Stack } from './stack';
import { N8N_VERSIONS } from './versions';

/** A loopback port nothing listens on: a connection to it is refused. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe.each(N8N_VERSIONS)('n8n %s', (version) => {
	let stack: Stack;
	let refusing: string;
	beforeAll(async () => {
		stack = await startStack(version);
		refusing = `http://127.0.0.1:${await closedPort()}`;
		const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-connection-'));
		try {
			const credentialFile = join(dir, 'credential.json');
			const credential = {
				id: 'e2ePolarClosed01',
				name: 'Polar (e2e, closed port)',
				type: 'polarApi',
				data: {
					accessToken: TOKENS.good,
					environment: 'custom',
					baseUrl: refusing,
					organizationId: '',
				},
			};
			writeFileSync(credentialFile, JSON.stringify([credential]), { mode: 0o600 });
			await stack.n8n.importCredentials(credentialFile);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		await stack.n8n.importWorkflow(join(__dirname, 'connection', 'lost-answers.json'));
	}, 300_000);
	afterAll(async () => {
		await stack?.stop();
	});

	test('answers lost after Polar acted are reported as such, and not sent again; a refused port is retried', async () => {
		const { double } = stack;
		double.reset();
		// The first session is made, then the connection reset; the second is made, then no answer.
		double.failNext('commit-then-reset');
		double.failNext('commit-then-hang');
		const execution = await stack.n8n.execute('e2eLostAnswers01');
		expect(execution.status).toBe('success');

		const sessions = items(execution, 'Create session');
		expect(sessions).toHaveLength(3);
		for (const [item, lost] of [
			[sessions[0], 'the connection was reset'],
			[sessions[1], 'no answer within 1 s'],
		] as const) {
			const error = itemError(item);
			expect(error.message).toBe(
				`Polar may have carried out the request, but its answer was lost (${lost})`,
			);
			expect(error.description).toMatch(
				/Polar may have created the session \(its link expires within an hour unused\) before the answer was lost\. The node did not send it again/,
			);
		}
		expect(sessions[2].json).toMatchObject({ customer_id: 'b2c4e6f8-5a7c-4e9b-a1d3-3c5e7f9a1b83' });
		// One request per item: the two whose answers were lost were not sent again.
		expect(double.requests).toHaveLength(3);
		expect(double.sessions).toHaveLength(3);

		// Refused before anything was sent: tried again (Max Retries 2), then explained.
		expect(itemError(items(execution, 'Get customer (port closed)')[0])).toMatchObject({
			message: `Could not reach Polar at ${refusing}: the connection was refused`,
			description:
				'Check the credential’s Environment and Base URL, and this machine’s network. Tried 3 times.',
		});
		expect(double.violations).toEqual([]);
	});
});
