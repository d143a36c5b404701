// When Polar no longer serves the API version this package speaks (its January release removes
// one: every request in it is answered 404 {"detail":"Not Found"} without Polar-Version), every
// surface says so and how to get out of it, never that an object does not exist or that a list
// is empty. The double drops the version as Polar would, through its control route.

import type { IDataObject } from 'n8n-workflow';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';
import { runCredentialTest, runListSearch } from '../../dev/harness';
import { DEFAULT_TOKEN, FIXTURE_EXTERNAL_IDS, FIXTURE_IDS } from '../../dev/polar-double';
import { byExternalId, byId, createSessions, runOperation, usePolarDouble } from './fixtures';

const polar = usePolarDouble({
	tokens: {
		[DEFAULT_TOKEN]: [
			'customer_sessions:write',
			'customers:read',
			'customers:write',
			'license_keys:write',
		],
	},
});

const UPDATE_PACKAGE = `Polar no longer serves API version ${POLAR_API_VERSION} that this package speaks: update n8n-nodes-polarsh (Settings → Community Nodes)`;

/** Polar's January release, played at the double as the e2e tests do: its control route. */
async function removeNodeVersion(): Promise<void> {
	const res = await fetch(`${polar().url}/__double/versions`, {
		method: 'POST',
		body: JSON.stringify({ remove: POLAR_API_VERSION }),
	});
	expect(res.status).toBe(200);
}

it('the node speaks 2026-10, Polar’s Current version, which the double serves', async () => {
	expect(POLAR_API_VERSION).toBe('2026-10');
	const result = await runOperation(polar(), 'customer', 'get', {
		parameters: { customer: byId(FIXTURE_IDS.ada) },
	});
	expect(result.success).toHaveLength(1);
	expect(polar().requests[0].apiVersion).toBe('2026-10');
});

describe('operations, each item on the error output under Continue', () => {
	// The last column: requests sent for the two items.
	const cases: Array<[string, string, string, IDataObject, number]> = [
		// A 404 that Customer → Get would read as "no such customer".
		['Customer → Get', 'customer', 'get', { customer: byId('={{ $json.id }}') }, 2],
		// A list, which must not come back empty.
		['Customer → Get Many', 'customer', 'getAll', { returnAll: true }, 2],
		// A 404 that License Key → Validate reads as an invalid key; the organization it looks up
		// once for the run fails first, for both items.
		[
			'License Key → Validate',
			'licenseKey',
			'validate',
			{ key: 'POLAR-ACTIVE-0001', invalidAsItem: true },
			1,
		],
	];

	it.each(cases)('%s', async (_name, resource, operation, parameters, sent) => {
		await removeNodeVersion();
		const result = await runOperation(polar(), resource, operation, {
			parameters,
			items: [{ id: FIXTURE_IDS.ada }, { id: FIXTURE_IDS.grace }],
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error.map((item) => [item.pairedItem, item.json.message])).toEqual([
			[{ item: 0 }, UPDATE_PACKAGE],
			[{ item: 1 }, UPDATE_PACKAGE],
		]);
		// Not retried: Polar did not act, and would answer the same.
		expect(polar().requests).toHaveLength(sent);
		expect(polar().requests.every((r) => r.status === 404 && r.apiVersion === undefined)).toBe(
			true,
		);
	});

	it('Customer Session → Create stops the run with it under Stop', async () => {
		await removeNodeVersion();
		const result = await createSessions(polar(), {
			customer: byExternalId(FIXTURE_EXTERNAL_IDS.ada),
		});
		expect(result.executionError).toMatchObject({
			message: UPDATE_PACKAGE,
			description: expect.stringMatching(/Settings → Community Nodes/),
		});
		expect(JSON.stringify(result.runData)).not.toContain('does not exist');
		expect(polar().sessions).toEqual([]);
		expect(polar().requests).toHaveLength(1);
	});
});

it('Test connection names the version, not a wrong Base URL', async () => {
	await removeNodeVersion();
	const result = await runCredentialTest({
		credentialType: new PolarApi(),
		nodeType: new Polar(),
		credentials: { environment: 'custom', baseUrl: polar().url, accessToken: DEFAULT_TOKEN },
	});
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(new RegExp(`^${UPDATE_PACKAGE.replace(/[().]/g, '\\$&')}\\.`));
	expect(result.message).not.toContain(DEFAULT_TOKEN);
	expect(polar().sessions).toEqual([]);
});

it('a From List search fails with it, instead of showing an empty list', async () => {
	await removeNodeVersion();
	await expect(
		runListSearch({
			nodeType: new Polar(),
			methodName: 'searchCustomers',
			credentialTypes: [new PolarApi()],
			credentials: {
				polarApi: { accessToken: DEFAULT_TOKEN, environment: 'custom', baseUrl: polar().url },
			},
		}),
	).rejects.toMatchObject({ message: UPDATE_PACKAGE });
	expect(polar().requests).toHaveLength(1);
});
