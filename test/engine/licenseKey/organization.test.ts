import type { IDataObject } from 'n8n-workflow';

import { LICENSE_KEY_IDS } from '../../../dev/polar-double';
import { jsonOf, runLicenseKey, TOKENS, useLicenseKeyDouble } from './fixtures';

const polar = useLicenseKeyDouble();

/** A credential without an Organization ID, whose token may list its organization. */
const tokenOnly = { accessToken: TOKENS.withOrganization };

const sent = () => polar().requests.map((r) => `${r.method} ${r.path}`);

describe('License Key: the organization Polar requires, found from the token', () => {
	it('without an Organization ID in the credential, asks Polar once per run and sends it for every item', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: '={{ $json.key }}' },
			items: [
				{ key: 'POLAR-ACTIVE-0001' },
				{ key: 'POLAR-LIMITED-0002' },
				{ key: 'POLAR-ACTIVE-0001' },
			],
			credential: tokenOnly,
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success).map((key) => key.valid)).toEqual([true, true, true]);
		expect(sent()).toEqual([
			'GET /v1/organizations/',
			'POST /v1/license-keys/validate',
			'POST /v1/license-keys/validate',
			'POST /v1/license-keys/validate',
		]);
		const bodies = polar()
			.requests.slice(1)
			.map((r) => (r.body as IDataObject).organization_id);
		expect(bodies).toEqual([1, 2, 3].map(() => polar().organizationId));
	});

	it('with the credential’s Organization ID, sends that one and asks Polar nothing', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-ACTIVE-0001' },
			credential: { ...tokenOnly, organizationId: polar().organizationId },
		});
		expect(result.executionError).toBeUndefined();
		expect(sent()).toEqual(['POST /v1/license-keys/validate']);
	});

	it('Activate and Deactivate fill it too', async () => {
		const deactivated = await runLicenseKey(polar(), 'deactivate', {
			parameters: { key: 'POLAR-LIMITED-0002', activationId: LICENSE_KEY_IDS.activation },
			credential: tokenOnly,
		});
		expect(deactivated.executionError).toBeUndefined();
		const activated = await runLicenseKey(polar(), 'activate', {
			parameters: { key: 'POLAR-LIMITED-0002', label: 'desktop' },
			credential: tokenOnly,
		});
		expect(activated.executionError).toBeUndefined();
		expect(sent()).toEqual([
			'GET /v1/organizations/',
			'POST /v1/license-keys/deactivate',
			'GET /v1/organizations/',
			'POST /v1/license-keys/activate',
		]);
		for (const request of [polar().requests[1], polar().requests[3]])
			expect((request.body as IDataObject).organization_id).toBe(polar().organizationId);
	});

	it('with a token that may not list organizations, each item fails naming the scope, paired, and no key request is sent', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-ACTIVE-0001' },
			items: [{}, {}],
			credential: {},
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.error) {
			expect(item.json.message).toBe(
				'To find the license key’s organization, the access token needs the organizations:read scope (403)',
			);
		}
		expect(sent()).toEqual(['GET /v1/organizations/']);
	});
});

describe('License Key: conditions of an activation, required by its validations', () => {
	const conditions = (entries: IDataObject[]) => ({ entries });

	it('Activate stores typed conditions; Validate of that activation passes with the same ones and fails with another type', async () => {
		// The key allows one activation: free its slot.
		const limited = polar().licenseKeys.find((key) => key.id === LICENSE_KEY_IDS.limited)!;
		for (const { id } of [...limited.activations]) {
			const freed = await runLicenseKey(polar(), 'deactivate', {
				parameters: { key: 'POLAR-LIMITED-0002', activationId: id },
			});
			expect(freed.executionError).toBeUndefined();
		}
		const activated = await runLicenseKey(polar(), 'activate', {
			parameters: {
				key: 'POLAR-LIMITED-0002',
				label: 'build server',
				additionalFields: {
					conditions: conditions([
						{ key: 'machine', value: 'ci-01' },
						{ key: 'cores', type: 'number', value: '8' },
					]),
				},
			},
		});
		expect(activated.executionError).toBeUndefined();
		const activate = polar().requests.find((r) => r.path === '/v1/license-keys/activate')!;
		expect((activate.body as IDataObject).conditions).toEqual({ machine: 'ci-01', cores: 8 });
		const activationId = String(activated.success[0].json.id);

		polar().reset();
		const validate = (cores: IDataObject) =>
			runLicenseKey(polar(), 'validate', {
				parameters: {
					key: 'POLAR-LIMITED-0002',
					invalidAsItem: true,
					additionalFields: {
						activationId,
						conditions: conditions([
							{ key: 'machine', value: 'ci-01' },
							{ key: 'cores', ...cores },
						]),
					},
				},
			});
		const same = await validate({ type: 'number', value: '8' });
		expect(jsonOf(same.success)).toEqual([expect.objectContaining({ valid: true })]);
		const asText = await validate({ value: '8' });
		expect(jsonOf(asText.success)).toEqual([
			{ valid: false, reason: 'License key does not match required conditions' },
		]);
	});

	it('refuses a condition that does not fit its type before sending, naming the field and item', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: {
				key: 'POLAR-ACTIVE-0001',
				additionalFields: {
					conditions: conditions([{ key: 'cores', type: 'number', value: 'eight' }]),
				},
			},
		});
		expect(result.executionError?.message).toMatch(/^Conditions.*\[item 0\]$/);
		expect(polar().requests).toHaveLength(0);
	});
});
