import { LICENSE_KEY_IDS } from '../../../dev/polar-double';
import { jsonOf, runLicenseKey, TOKENS, useLicenseKeyDouble } from './fixtures';

const polar = useLicenseKeyDouble();

const keyOf = (id: string) => polar().licenseKeys.find((key) => key.id === id)!;

describe('License Key → Validate, in n8n’s engine against the Polar double', () => {
	it('validates a granted key: Polar’s key with valid: true, and the organization from the credential', async () => {
		const before = keyOf(LICENSE_KEY_IDS.active).validations;
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-ACTIVE-0001' },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			expect.objectContaining({
				valid: true,
				id: LICENSE_KEY_IDS.active,
				status: 'granted',
				validations: before + 1,
			}),
		]);
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		const [request] = polar().requests;
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/v1/license-keys/validate',
			{ key: 'POLAR-ACTIVE-0001', organization_id: polar().organizationId },
		]);
	});

	it('with Return Invalid Keys as Items, a revoked, an expired and an unknown key are items on the success output, with Polar’s reason', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: '={{ $json.key }}', invalidAsItem: true },
			items: [
				{ key: 'POLAR-REVOKED-0003' },
				{ key: 'POLAR-EXPIRED-0004' },
				{ key: 'NO-SUCH-KEY' },
				{ key: 'POLAR-ACTIVE-0001' },
			],
		});
		expect(result.executionError).toBeUndefined();
		expect(result.error).toEqual([]);
		expect(jsonOf(result.success).slice(0, 3)).toEqual([
			{ valid: false, reason: 'License key is no longer active.' },
			{ valid: false, reason: 'License key has expired.' },
			{ valid: false, reason: 'License key not found.' },
		]);
		expect(result.success[3].json).toMatchObject({ valid: true, id: LICENSE_KEY_IDS.active });
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
	});

	it('with the option, a key without enough usages left is an invalid item in Polar’s words', async () => {
		const { usage, limit_usage } = keyOf(LICENSE_KEY_IDS.active);
		const left = limit_usage! - usage;
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: {
				key: 'POLAR-ACTIVE-0001',
				invalidAsItem: true,
				additionalFields: { incrementUsage: left + 1 },
			},
		});
		expect(jsonOf(result.success)).toEqual([
			{ valid: false, reason: `License key only has ${left} more usages.` },
		]);
		expect(keyOf(LICENSE_KEY_IDS.active).usage).toBe(usage);
	});

	it('with an Activation ID the key does not have, the reason names the activation too (Polar says only "Not found")', async () => {
		const unknownActivation = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00';
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: {
				key: '={{ $json.key }}',
				invalidAsItem: true,
				additionalFields: { activationId: unknownActivation },
			},
			items: [{ key: 'POLAR-LIMITED-0002' }, { key: 'NO-SUCH-KEY' }],
		});
		expect(jsonOf(result.success)).toEqual([
			{ valid: false, reason: 'License key or its activation not found.' },
			{ valid: false, reason: 'License key or its activation not found.' },
		]);
		// Once per run, a "not found" is checked against a wrong Organization ID: a key of it is listed.
		expect(polar().requests.map((request) => `${request.status} ${request.path}`)).toEqual([
			'404 /v1/license-keys/validate',
			'404 /v1/license-keys/validate',
			'200 /v1/license-keys/',
		]);
		expect(keyOf(LICENSE_KEY_IDS.limited).validations).toBe(0);
	});

	it('without the option, an invalid key goes to the error output with a clear message', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-REVOKED-0003' },
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error).toHaveLength(1);
		expect(result.error[0].json.message).toBe(
			'The license key is not valid: License key is no longer active.',
		);
		expect(result.error[0].pairedItem).toEqual({ item: 0 });
	});

	it('the option does not hide other failures: a token without license_keys:write fails', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-ACTIVE-0001', invalidAsItem: true },
			credential: { organizationId: polar().organizationId, accessToken: TOKENS.read },
		});
		expect(result.success).toEqual([]);
		expect(result.executionError?.message).toBe(
			'The access token lacks the license_keys:write scope (403)',
		);
	});

	it('without an Organization ID in the credential, and a token that may not list organizations, fails naming the scope', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-ACTIVE-0001' },
			credential: {},
		});
		expect(result.executionError?.message).toBe(
			'To find the license key’s organization, the access token needs the organizations:read scope (403)',
		);
		expect(result.executionError?.description).toMatch(/Organization ID/);
		expect(polar().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v1/organizations/',
		]);
	});

	it('refuses bad input before sending, naming the field and the item', async () => {
		const result = await runLicenseKey(polar(), 'validate', {
			parameters: {
				key: '={{ $json.key }}',
				additionalFields: { customerId: '={{ $json.customer }}' },
			},
			items: [
				{ key: 'POLAR-ACTIVE-0001', customer: '3f0c2b9e-8d4a-4c1e-9b7a-1d2e3f4a5b61' },
				{ key: 'POLAR-ACTIVE-0001', customer: 'usr_42' },
			],
		});
		expect(result.executionError?.message).toBe(
			'Customer ID "usr_42" is not a Polar ID (a UUID such as 992fae2a-2a17-4b7a-8d9e-e287cf90131b) [item 1]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
