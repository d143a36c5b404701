// Polar's spec is the contract: every organization operation in it is offered by the node or
// listed, with a reason, as not offered; the README shows the same table.

import { createHash } from 'crypto';
import { readFileSync } from 'fs';

import { SPEC_PATH, SPEC_SOURCE } from '../../dev/polar-double/spec';
import { ENDPOINTS_PATH } from '../../nodes/Polar/trigger/endpoint';
import { NOT_OFFERED } from './notOffered';
import { updateReadmeSection } from './readme';
import {
	allOperations,
	coverageTable,
	findOperation,
	offeredOperations,
	organizationOperations,
	spec,
} from './operations';

describe('the vendored spec', () => {
	it('is Polar’s file for API 2026-04 at the recorded commit, unedited', () => {
		const hash = createHash('sha256').update(readFileSync(SPEC_PATH)).digest('hex');
		expect(hash).toBe(SPEC_SOURCE.sha256);
		expect((spec as any).info.version).toBe('2026-04');
		expect((spec as any).info['x-extracted-from']).toMatchObject({
			repository: SPEC_SOURCE.repository,
			path: SPEC_SOURCE.path,
			commit: SPEC_SOURCE.commit,
		});
	});

	it('has 186 operations, 131 of them for an organization (not customer portal, not OAuth2)', () => {
		expect(allOperations()).toHaveLength(186);
		const organization = organizationOperations();
		expect(organization).toHaveLength(131);
		expect(new Set(organization.flatMap((o) => o.tags.filter((t) => t !== 'public'))).size).toBe(
			25,
		);
	});
});

describe('coverage of Polar’s organization operations', () => {
	const offered = offeredOperations();
	const organizationIds = organizationOperations().map((o) => o.operationId);

	it('each operation the node shows declares endpoints, each an organization operation of the spec', () => {
		expect(offered.map((o) => `${o.resource}.${o.operation}`)).toEqual([
			'benefit.get',
			'benefit.getAll',
			'benefitGrant.getAll',
			'checkout.create',
			'checkout.get',
			'checkout.getAll',
			'checkoutLink.create',
			'checkoutLink.delete',
			'checkoutLink.get',
			'checkoutLink.getAll',
			'checkoutLink.update',
			'customer.create',
			'customer.upsert',
			'customer.delete',
			'customer.export',
			'customer.get',
			'customer.getAll',
			'customer.getState',
			'customer.update',
			'customerMeter.get',
			'customerMeter.getAll',
			'customerSession.create',
			'discount.create',
			'discount.delete',
			'discount.get',
			'discount.getAll',
			'discount.update',
			'dispute.accept',
			'dispute.get',
			'dispute.getAll',
			'event.get',
			'event.getAll',
			'event.ingest',
			'event.listNames',
			'licenseKey.activate',
			'licenseKey.deactivate',
			'licenseKey.get',
			'licenseKey.getActivation',
			'licenseKey.getAll',
			'licenseKey.update',
			'licenseKey.validate',
			'meter.get',
			'meter.getAll',
			'meter.getQuantities',
			'order.export',
			'order.get',
			'order.getInvoice',
			'order.getAll',
			'order.getReceipt',
			'order.update',
			'payment.get',
			'payment.getAll',
			'product.get',
			'product.getAll',
			'refund.create',
			'refund.getAll',
			'subscription.applyDiscount',
			'subscription.cancelAtPeriodEnd',
			'subscription.cancelPause',
			'subscription.changeProduct',
			'subscription.clearPendingUpdate',
			'subscription.create',
			'subscription.endTrial',
			'subscription.export',
			'subscription.get',
			'subscription.getAll',
			'subscription.pauseAtPeriodEnd',
			'subscription.removeDiscount',
			'subscription.resume',
			'subscription.revoke',
			'subscription.setTrialEnd',
			'subscription.uncancel',
			'subscription.updateBillingPeriod',
			'subscription.updateMetadata',
			'subscription.updateSeats',
		]);
		for (const o of offered) {
			// An operation without endpoints would escape the coverage and field checks.
			expect(o.endpoints.length).toBeGreaterThan(0);
			for (const endpoint of o.endpoints) {
				const found = findOperation(endpoint);
				expect({ endpoint, inSpec: found !== undefined }).toEqual({ endpoint, inSpec: true });
				expect(organizationIds).toContain(found!.operationId);
			}
		}
	});

	it('every organization operation is offered or not offered with a reason, never both', () => {
		const offeredIds = new Set(
			offered.flatMap((o) => o.endpoints.map((e) => findOperation(e)!.operationId)),
		);
		const unaccounted = organizationIds.filter((id) => !offeredIds.has(id) && !NOT_OFFERED[id]);
		expect(unaccounted).toEqual([]);
		const both = organizationIds.filter((id) => offeredIds.has(id) && NOT_OFFERED[id]);
		expect(both).toEqual([]);
		// Nothing in the table that the spec does not have (a renamed or removed operation).
		expect(Object.keys(NOT_OFFERED).filter((id) => !organizationIds.includes(id))).toEqual([]);
		for (const reason of Object.values(NOT_OFFERED))
			expect(reason.trim().length).toBeGreaterThan(10);
		expect(offeredIds.size + Object.keys(NOT_OFFERED).length).toBe(131);
	});

	it('the operations said to be the Polar Trigger’s are those on its endpoint path', () => {
		const triggers = Object.entries(NOT_OFFERED)
			.filter(([, reason]) => reason.includes('Polar Trigger to register'))
			.map(([id]) => organizationOperations().find((o) => o.operationId === id)!);
		expect(triggers).toHaveLength(5);
		for (const o of triggers) expect(o.path).toMatch(new RegExp(`^${ENDPOINTS_PATH}(/\\{id\\})?$`));
	});

	it('the README’s Coverage section is this table', () => {
		expect(updateReadmeSection('coverage', coverageTable())).toBe(coverageTable());
	});
});
