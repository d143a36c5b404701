import {
	BENEFIT_IDS,
	FIXTURE_IDS,
	GRANT_IDS,
	LICENSE_KEY_IDS,
	MORE_BENEFIT_IDS,
} from '../../../dev/polar-double';
import { jsonOf, MISSING_ID, runUsage, useUsageDouble } from '../meter/fixtures';

const polar = useUsageDouble();

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

describe('Benefit Grant → Get Many, in n8n’s engine against the Polar double', () => {
	it('all grants of the organization, newest first', async () => {
		const result = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: { returnAll: true },
		});
		expect(result.executionError).toBeUndefined();
		const expected = polar()
			.benefits.grants()
			.map((g) => g.id);
		expect(ids(result.success)).toEqual(expected);
		expect(polar().requests.map((r) => r.path)).toEqual(['/v1/benefit-grants/']);
	});

	it('a customer’s license keys: their granted license key grants carry the key’s ID', async () => {
		const result = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { externalCustomerIds: 'usr_ada', isGranted: true },
			},
		});
		const keys = jsonOf(result.success)
			.filter((grant) => (grant.benefit as { type: string }).type === 'license_keys')
			.map((grant) => grant.properties);
		expect(keys).toEqual([{ license_key_id: LICENSE_KEY_IDS.active, display_key: '****-0001' }]);
		expect(polar().requests[0].query).toEqual({
			external_customer_id: 'usr_ada',
			is_granted: 'true',
			page: '1',
			limit: '100',
		});
		// The key's ID is what License Key → Get takes.
		expect(polar().licenseKeys.map((k) => k.id)).toContain(LICENSE_KEY_IDS.active);
	});

	it('Granted off: only revoked grants; Sort By reaches Polar', async () => {
		const result = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { isGranted: false, customerIds: FIXTURE_IDS.ada, sorting: 'created_at' },
			},
		});
		expect(ids(result.success)).toEqual([GRANT_IDS.adaRevokedLicenseKey]);
		expect(polar().requests[0].query).toMatchObject({ sorting: 'created_at' });
	});

	it('Benefit ID: the grants of that benefit, from its own list', async () => {
		const result = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: {
				returnAll: true,
				filters: { benefitId: MORE_BENEFIT_IDS.tokenCredits, customerIds: FIXTURE_IDS.grace },
			},
		});
		expect(ids(result.success)).toEqual([GRANT_IDS.graceTokenCredits]);
		expect(polar().requests.map((r) => [r.path, r.query])).toEqual([
			[
				`/v1/benefits/${MORE_BENEFIT_IDS.tokenCredits}/grants`,
				{ customer_id: FIXTURE_IDS.grace, page: '1', limit: '100' },
			],
		]);
	});

	it('refuses filters the chosen list does not take, before sending', async () => {
		const withBenefit = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: {
				filters: { benefitId: BENEFIT_IDS.support, externalCustomerIds: 'usr_ada' },
			},
		});
		expect(withBenefit.executionError?.message).toMatch(
			/^Filters → External Customer IDs cannot be combined with Benefit ID/,
		);
		const withoutBenefit = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: { filters: { memberIds: FIXTURE_IDS.adaOwnerMember } },
		});
		expect(withoutBenefit.executionError?.message).toMatch(
			/^Filters → Member IDs needs Benefit ID/,
		);
		expect(polar().requests).toHaveLength(0);
	});

	it('a missing benefit: the message names its ID', async () => {
		const result = await runUsage(polar(), 'benefitGrant', 'getAll', {
			parameters: { filters: { benefitId: MISSING_ID } },
		});
		expect(result.executionError?.message).toBe(`No Polar benefit with ID "${MISSING_ID}"`);
	});
});
