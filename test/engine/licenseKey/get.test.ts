import { LICENSE_KEY_IDS } from '../../../dev/polar-double';
import { jsonOf, runLicenseKey, TOKENS, useLicenseKeyDouble } from './fixtures';

const polar = useLicenseKeyDouble();

describe('License Key → Get and Get Many, in n8n’s engine against the Polar double', () => {
	it('gets a key by its ID, with its activations, with a read-only token', async () => {
		const result = await runLicenseKey(polar(), 'get', {
			parameters: { licenseKeyId: LICENSE_KEY_IDS.limited },
			credential: { accessToken: TOKENS.read },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			expect.objectContaining({
				id: LICENSE_KEY_IDS.limited,
				key: 'POLAR-LIMITED-0002',
				limit_activations: 1,
				activations: [expect.objectContaining({ id: LICENSE_KEY_IDS.activation, label: 'laptop' })],
			}),
		]);
		expect(polar().requests[0].path).toBe(`/v1/license-keys/${LICENSE_KEY_IDS.limited}`);
	});

	it('names a key Polar does not hold', async () => {
		const missing = '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d';
		const result = await runLicenseKey(polar(), 'get', {
			parameters: { licenseKeyId: missing },
		});
		expect(result.executionError?.message).toBe(`No Polar license key with ID "${missing}"`);
	});

	it('refuses a key in place of its ID before sending, naming the field and item', async () => {
		const result = await runLicenseKey(polar(), 'get', {
			parameters: { licenseKeyId: 'POLAR-ACTIVE-0001' },
		});
		expect(result.executionError?.message).toMatch(
			/^License Key ID "POLAR-ACTIVE-0001" is not a Polar ID .* \[item 0\]$/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('lists every key, newest first, one item each', async () => {
		const result = await runLicenseKey(polar(), 'getAll', {
			parameters: { returnAll: true },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success).map((key) => key.id)).toEqual([
			LICENSE_KEY_IDS.active,
			LICENSE_KEY_IDS.limited,
			LICENSE_KEY_IDS.revoked,
			LICENSE_KEY_IDS.expired,
		]);
	});

	it('filters by status, as Polar’s query', async () => {
		const result = await runLicenseKey(polar(), 'getAll', {
			parameters: { returnAll: true, filters: { status: 'revoked' } },
		});
		expect(jsonOf(result.success).map((key) => key.id)).toEqual([LICENSE_KEY_IDS.revoked]);
		expect(polar().requests[0].query).toMatchObject({ status: 'revoked' });
	});

	it('stops at Limit', async () => {
		const result = await runLicenseKey(polar(), 'getAll', {
			parameters: { returnAll: false, limit: 2 },
		});
		expect(jsonOf(result.success)).toHaveLength(2);
	});

	it('gets an activation of a key, with its key', async () => {
		const result = await runLicenseKey(polar(), 'getActivation', {
			parameters: {
				licenseKeyId: LICENSE_KEY_IDS.limited,
				activationId: LICENSE_KEY_IDS.activation,
			},
			credential: { accessToken: TOKENS.read },
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			expect.objectContaining({
				id: LICENSE_KEY_IDS.activation,
				label: 'laptop',
				license_key: expect.objectContaining({ id: LICENSE_KEY_IDS.limited }),
			}),
		]);
		expect(polar().requests[0].path).toBe(
			`/v1/license-keys/${LICENSE_KEY_IDS.limited}/activations/${LICENSE_KEY_IDS.activation}`,
		);
	});

	it('names an activation the key does not have', async () => {
		const result = await runLicenseKey(polar(), 'getActivation', {
			parameters: {
				licenseKeyId: LICENSE_KEY_IDS.active,
				activationId: LICENSE_KEY_IDS.activation,
			},
		});
		expect(result.executionError?.message).toBe(
			`No activation "${LICENSE_KEY_IDS.activation}" of Polar license key "${LICENSE_KEY_IDS.active}"`,
		);
	});
});
