// Test connection behind n8n's guards, in n8n's engine: with n8n's SSRF protection on, the probe
// is refused where the node's own requests are (a loopback service), and still reaches Polar
// where the administrator allowed it. (Proxies: test/e2e/credentialGuards.e2e.ts.)

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { runCredentialTest } from '../../dev/harness';
import { DEFAULT_TOKEN, FIXTURE_IDS } from '../../dev/polar-double';
import { ADMIN_CONSOLE, startStranger, type StrangerServer } from '../strangers';
import { byId, createSessions, usePolarDouble } from './fixtures';

// Read by n8n's config on its first request in this file (each test file has its own n8n-core).
// The double is on 127.0.0.1, allowed; the console on 127.0.0.2, in the blocked 127.0.0.0/8.
const SSRF_ENV = {
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
};
const saved = Object.fromEntries(Object.keys(SSRF_ENV).map((name) => [name, process.env[name]]));
Object.assign(process.env, SSRF_ENV);
afterAll(() => {
	// Later test files in this worker must not inherit the setting.
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

const polar = usePolarDouble();
let adminConsole: StrangerServer;
beforeAll(async () => {
	adminConsole = await startStranger(ADMIN_CONSOLE, '127.0.0.2');
});
afterAll(async () => await adminConsole.close());

const testConnection = (baseUrl: string) =>
	runCredentialTest({
		credentialType: new PolarApi(),
		nodeType: new Polar(),
		credentials: { environment: 'custom', baseUrl, accessToken: DEFAULT_TOKEN },
	});

it('refuses a loopback admin console, sending nothing, as the node’s own request is refused', async () => {
	const blocked = `Could not reach Polar at ${adminConsole.url}: The request was blocked because it resolves to a restricted IP address`;
	await expect(testConnection(adminConsole.url)).resolves.toEqual({
		status: 'Error',
		message: `${blocked}. n8n’s SSRF protection blocks this address for the node too: use Polar’s API, or ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES)`,
	});

	const run = await createSessions(polar(), {
		customer: byId(FIXTURE_IDS.ada),
		credentials: { baseUrl: adminConsole.url },
		options: { retryOnFailure: false },
	});
	expect(run.executionError?.message).toBe(blocked);
	expect(adminConsole.requests).toEqual([]);
});

it('passes against Polar at an address the administrator allowed', async () => {
	await expect(testConnection(polar().url)).resolves.toEqual({
		status: 'OK',
		message: 'Connection successful: Polar accepted the token and its scope',
	});
	expect(polar().requests).toHaveLength(1);
});
