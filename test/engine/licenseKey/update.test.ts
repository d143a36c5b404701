import { LICENSE_KEY_IDS } from '../../../dev/polar-double';
import { jsonOf, runLicenseKey, useLicenseKeyDouble } from './fixtures';

const polar = useLicenseKeyDouble();

describe('License Key → Update, in n8n’s engine against the Polar double', () => {
	it('sends only the fields added, 0 limits as none, and the key then validates no more', async () => {
		const result = await runLicenseKey(polar(), 'update', {
			parameters: {
				licenseKeyId: LICENSE_KEY_IDS.active,
				updateFields: { status: 'disabled', limitUsage: 0, limitActivations: 3 },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(jsonOf(result.success)).toEqual([
			expect.objectContaining({
				id: LICENSE_KEY_IDS.active,
				status: 'disabled',
				limit_usage: null,
				limit_activations: 3,
			}),
		]);
		expect(polar().requests[0].body).toEqual({
			status: 'disabled',
			limit_usage: null,
			limit_activations: 3,
		});
		polar().reset();

		const validated = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-ACTIVE-0001', invalidAsItem: true },
		});
		expect(jsonOf(validated.success)).toEqual([
			{ valid: false, reason: 'License key is no longer active.' },
		]);
	});

	it('removes an expiry with Never Expires, and the expired key validates again', async () => {
		const result = await runLicenseKey(polar(), 'update', {
			parameters: { licenseKeyId: LICENSE_KEY_IDS.expired, updateFields: { neverExpires: true } },
		});
		expect(result.success[0].json).toMatchObject({ expires_at: null });
		polar().reset();
		const validated = await runLicenseKey(polar(), 'validate', {
			parameters: { key: 'POLAR-EXPIRED-0004' },
		});
		expect(validated.success[0].json).toMatchObject({ valid: true, id: LICENSE_KEY_IDS.expired });
	});

	it('refuses empty Update Fields and a negative limit before sending, naming field and item', async () => {
		const empty = await runLicenseKey(polar(), 'update', {
			parameters: { licenseKeyId: LICENSE_KEY_IDS.active, updateFields: {} },
		});
		expect(empty.executionError?.message).toBe(
			'Update Fields are empty: add the fields to change [item 0]',
		);
		const negative = await runLicenseKey(polar(), 'update', {
			parameters: { licenseKeyId: LICENSE_KEY_IDS.active, updateFields: { limitUsage: -2 } },
		});
		expect(negative.executionError?.message).toBe(
			'Usage Limit "-2" is not a whole number from 0 to 2147483647 [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
