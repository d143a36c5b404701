// The Polar Trigger's activation when Polar no longer serves the package's API version (404
// {"detail":"Not Found"} without Polar-Version to every request in it): activation fails saying
// so and how to get out of it; nothing is created, and the endpoint the trigger has is kept.

import { POLAR_API_VERSION } from '../../../nodes/Polar/transport/servers';
import type { HookOutcome } from '../../../dev/harness/trigger';
import { nodeData, triggerSuite } from './fixtures';

const suite = triggerSuite();

const UPDATE_PACKAGE = `Polar no longer serves API version ${POLAR_API_VERSION} that this package speaks: update n8n-nodes-polarsh (Settings → Community Nodes)`;

const failure = (outcome: { checkExists: HookOutcome; create?: HookOutcome }) => {
	const last = outcome.create ?? outcome.checkExists;
	return last.ok ? undefined : last.error;
};

async function removeNodeVersion(): Promise<void> {
	const res = await fetch(`${suite.double.url}/__double/versions`, {
		method: 'POST',
		body: JSON.stringify({ remove: POLAR_API_VERSION }),
	});
	expect(res.status).toBe(200);
}

it('a first activation fails with it, and creates nothing', async () => {
	await removeNodeVersion();
	const active = await suite.trigger({ events: ['order.paid'] });
	const outcome = await active.activate();
	expect(outcome.create).toBeUndefined();
	expect(failure(outcome)).toMatchObject({
		message: UPDATE_PACKAGE,
		description: expect.stringMatching(/Settings → Community Nodes/),
	});
	expect(suite.double.webhooks.endpoints.size).toBe(0);
	expect(suite.double.requests.map((r) => r.method)).toEqual(['GET']);
});

it('a restart fails with it, never taking the endpoint for gone, and keeps it', async () => {
	const { active, endpointId } = await suite.activeTrigger();
	await removeNodeVersion();
	suite.double.requests.length = 0;
	const outcome = await active.activate();
	expect(outcome.create).toBeUndefined();
	expect(failure(outcome)?.message).toBe(UPDATE_PACKAGE);
	expect(nodeData(active)).toEqual({ endpointId });
	expect([...suite.double.webhooks.endpoints.keys()]).toEqual([endpointId]);
	expect(suite.double.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		`GET /v1/webhooks/endpoints/${endpointId}`,
	]);
});
