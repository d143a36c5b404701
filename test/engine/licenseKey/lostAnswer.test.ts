import { LICENSE_KEY_IDS } from '../../../dev/polar-double';
import { jsonOf, runLicenseKey, useLicenseKeyDouble } from './fixtures';

// Its own double: the seeded activation is still there.
const polar = useLicenseKeyDouble();

describe('License Key → Deactivate whose answer was lost', () => {
	it('is sent again; Polar’s 404 for the activation the lost attempt removed reads as done', async () => {
		polar().failNext('commit-then-reset');
		const result = await runLicenseKey(polar(), 'deactivate', {
			parameters: {
				key: 'POLAR-LIMITED-0002',
				activationId: LICENSE_KEY_IDS.activation,
				options: { maxRetries: 2, maxRetryWait: 1 },
			},
		});
		expect(result.executionError).toBeUndefined();
		// The first answer was lost (no status) after Polar removed the activation.
		expect(polar().requests.map((r) => r.status)).toEqual([undefined, 404]);
		expect(jsonOf(result.success)).toEqual([
			{
				deactivated: true,
				activation_id: LICENSE_KEY_IDS.activation,
				alreadyDone: 'by the earlier attempt, whose answer was lost',
			},
		]);
		const key = polar().licenseKeys.find((k) => k.id === LICENSE_KEY_IDS.limited)!;
		expect(key.activations).toEqual([]);
	});
});
