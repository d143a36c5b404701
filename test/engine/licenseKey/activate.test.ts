import { LICENSE_KEY_IDS } from '../../../dev/polar-double';
import { jsonOf, runLicenseKey, useLicenseKeyDouble } from './fixtures';

const polar = useLicenseKeyDouble();

const activationsOf = (id: string) =>
	polar()
		.licenseKeys.find((key) => key.id === id)!
		.activations.map((a) => a.id);

describe('License Key → Activate and Deactivate, in n8n’s engine against the Polar double', () => {
	it('says so in Polar’s words when the key’s activation limit is reached', async () => {
		const result = await runLicenseKey(polar(), 'activate', {
			parameters: { key: 'POLAR-LIMITED-0002', label: 'desktop' },
		});
		expect(result.executionError?.message).toBe(
			'Polar did not activate the license key: License key activation limit already reached',
		);
		expect(result.executionError?.description).toMatch(/Deactivate/);
		expect(activationsOf(LICENSE_KEY_IDS.limited)).toEqual([LICENSE_KEY_IDS.activation]);
	});

	it('deactivates an activation, freeing its slot for a new one', async () => {
		const deactivated = await runLicenseKey(polar(), 'deactivate', {
			parameters: { key: 'POLAR-LIMITED-0002', activationId: LICENSE_KEY_IDS.activation },
		});
		expect(deactivated.executionError).toBeUndefined();
		expect(jsonOf(deactivated.success)).toEqual([
			{ deactivated: true, activation_id: LICENSE_KEY_IDS.activation },
		]);
		expect(polar().requests[0].body).toEqual({
			key: 'POLAR-LIMITED-0002',
			activation_id: LICENSE_KEY_IDS.activation,
			organization_id: polar().organizationId,
		});
		polar().reset();

		const activated = await runLicenseKey(polar(), 'activate', {
			parameters: {
				key: 'POLAR-LIMITED-0002',
				label: 'desktop',
				additionalFields: { metadata: { entries: [{ key: 'os', value: 'linux' }] } },
			},
		});
		expect(activated.executionError).toBeUndefined();
		const [activation] = jsonOf(activated.success);
		expect(activation).toMatchObject({
			label: 'desktop',
			meta: { os: 'linux' },
			license_key_id: LICENSE_KEY_IDS.limited,
		});
		expect(activationsOf(LICENSE_KEY_IDS.limited)).toEqual([activation.id]);
	});

	it('names an activation Polar does not hold', async () => {
		const result = await runLicenseKey(polar(), 'deactivate', {
			parameters: {
				key: 'POLAR-LIMITED-0002',
				activationId: '9b2e7c1a-5d4f-4a3b-8c2d-1e0f9a8b7c6d',
			},
		});
		expect(result.executionError?.message).toBe(
			'No such activation of this license key in the credential’s organization',
		);
	});

	it('passes on Polar’s reason for a key without activations', async () => {
		const result = await runLicenseKey(polar(), 'activate', {
			parameters: { key: 'POLAR-ACTIVE-0001', label: 'desktop' },
		});
		expect(result.executionError?.message).toMatch(
			/^Polar did not activate the license key: This license key does not support activations\./,
		);
	});

	it('refuses an empty label before sending, naming the field and item', async () => {
		const result = await runLicenseKey(polar(), 'activate', {
			parameters: { key: 'POLAR-LIMITED-0002', label: '={{ $json.label }}' },
			items: [{ label: 'a' }, { label: ' ' }],
		});
		expect(result.executionError?.message).toBe('Label is empty [item 1]');
		expect(polar().requests).toHaveLength(0);
	});
});
