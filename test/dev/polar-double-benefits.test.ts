// The double's benefits and grants: shaped as Polar's schemas, consistent with the seeded
// license keys, and crediting meters only while granted.

import {
	BenefitStore,
	FIXTURE_IDS,
	METER_IDS,
	MORE_BENEFIT_IDS,
	seedBenefits,
	seedCustomers,
	seedLicenseKeys,
	TOKEN_CREDIT_UNITS,
} from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';

const organization = FIXTURE_IDS.organization;
const customers = seedCustomers(organization).map((seeded) => seeded.customer);
const store = new BenefitStore(seedBenefits(organization), () => customers);

describe('the seeded benefits and grants', () => {
	it('are what Polar’s spec says Benefit and BenefitGrant are', () => {
		for (const benefit of store.benefits)
			expect(polarSpec().checkSchema('Benefit', benefit)).toEqual([]);
		for (const grant of store.grants())
			expect(polarSpec().checkSchema('BenefitGrant', grant)).toEqual([]);
	});

	it('license key grants name the seeded keys of the same customer, benefit and status', () => {
		const keys = seedLicenseKeys(organization, FIXTURE_IDS.ada);
		const grants = store
			.grants()
			.filter((grant) => grant.benefit_id === MORE_BENEFIT_IDS.licenseKeys);
		expect(grants.length).toBeGreaterThan(0);
		for (const grant of grants) {
			const id = (grant.properties as { license_key_id: string }).license_key_id;
			const key = keys.find((k) => k.id === id)!;
			expect([key.customer_id, key.benefit_id]).toEqual([grant.customer_id, grant.benefit_id]);
			expect(key.status === 'granted').toBe(grant.is_granted);
		}
	});

	it('only granted meter_credit grants credit their meter', () => {
		expect(store.credits()).toEqual(
			store
				.grants()
				.filter((g) => g.benefit_id === MORE_BENEFIT_IDS.tokenCredits && g.is_granted)
				.map((g) => ({
					customer_id: g.customer_id,
					meter_id: METER_IDS.tokens,
					units: TOKEN_CREDIT_UNITS,
					at: g.granted_at,
				})),
		);
		expect(store.credits()).toHaveLength(2);
	});

	it('a customer that is gone takes its grants with it', () => {
		const withoutAda = new BenefitStore(seedBenefits(organization), () =>
			customers.filter((c) => c.id !== FIXTURE_IDS.ada),
		);
		expect(withoutAda.grants().map((g) => g.customer_id)).not.toContain(FIXTURE_IDS.ada);
	});
});
