// What the node really sends, held against Polar API 2026-10 and 2027-01 as Polar's SDK 1.0.1
// ships them (test/spec/contract.test.ts holds every field the node can send; these run the
// operations whose bodies are built from many fields, and the trigger, in n8n's engine).

import type { PolarDouble } from '../../dev/polar-double';
import { DISCOUNT_IDS, PRODUCT_IDS } from '../../dev/polar-double';
import { CONTRACT_VERSIONS, contractProblems, recordedShape } from '../spec/contract';
import { sdkContract } from '../spec/sdkContract';
import { byExternalId, productsById, runCheckout, useCheckoutDouble } from './checkout/fixtures';
import {
	runSubscription,
	SUBSCRIPTION_IDS,
	byId,
	useSubscriptionDouble,
} from './subscription/fixtures';
import { triggerSuite } from './trigger/fixtures';

/** Each recorded request's problems in each version; the routes it saw, to show it saw some. */
function heldToContracts(double: PolarDouble) {
	const routes = double.requests.map((r) => `${r.method} ${r.route}`);
	const problems = CONTRACT_VERSIONS.flatMap((version) =>
		double.requests.flatMap((recorded) =>
			contractProblems(sdkContract(version), recordedShape(recorded)).map(
				(problem) => `${version} ${problem}`,
			),
		),
	);
	return { routes, problems };
}

describe('Checkout → Create with every field', () => {
	const polar = useCheckoutDouble();

	it('sends a body each version takes', async () => {
		const result = await runCheckout(polar(), 'checkout', 'create', {
			parameters: {
				products: productsById(PRODUCT_IDS.teamYearly),
				additionalFields: {
					allowDiscountCodes: false,
					allowTrial: false,
					amount: 1500,
					billingAddress: { address: { country: 'fr', line1: '1 Rue de Rivoli', city: 'Paris' } },
					customerBillingName: 'Acme SAS',
					isBusinessCustomer: true,
					currency: 'eur',
					customer: byExternalId('usr_new_buyer'),
					customerEmail: 'buyer@example.com',
					customerIpAddress: '203.0.113.7',
					customerMetadata: { entries: [{ key: 'score', type: 'number', value: '42' }] },
					customerName: 'Nathan Smith',
					discountId: { __rl: true, mode: 'list', value: DISCOUNT_IDS.launch },
					embedOrigin: 'https://example.com',
					locale: 'fr-CA',
					metadata: { entries: [{ key: 'vip', type: 'boolean', value: 'true' }] },
					requireBillingAddress: true,
					returnUrl: 'https://example.com/pricing',
					successUrl: 'https://example.com/thanks',
					customerTaxId: 'FR40303265045',
					trial: { period: { interval: 'month', count: 2 } },
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(heldToContracts(polar())).toEqual({ routes: ['POST /v1/checkouts/'], problems: [] });
	});
});

describe('Subscription updates, each of Polar’s variants the node sends', () => {
	const polar = useSubscriptionDouble();

	it('Cancel at Period End with a reason and Remove Discount (null) send bodies each version takes', async () => {
		const subscription = byId(SUBSCRIPTION_IDS.adaPro);
		await runSubscription(polar(), 'cancelAtPeriodEnd', {
			parameters: { subscription, additionalFields: { reason: 'too_expensive', comment: 'Later' } },
		});
		await runSubscription(polar(), 'removeDiscount', { parameters: { subscription } });
		expect(polar().requests.map((r) => r.body)).toEqual([
			expect.objectContaining({ cancel_at_period_end: true }),
			{ discount_id: null },
		]);
		expect(heldToContracts(polar()).problems).toEqual([]);
	});
});

describe('the Polar Trigger', () => {
	const suite = triggerSuite();

	it('creates, changes and deletes its endpoint with requests each version takes', async () => {
		const { active } = await suite.activeTrigger(['order.paid']);
		active.setParameters({ events: ['order.paid', 'order.refunded'] });
		await active.activate();
		await active.deactivate();
		const { routes, problems } = heldToContracts(suite.double);
		for (const route of [
			'POST /v1/webhooks/endpoints',
			'PATCH /v1/webhooks/endpoints/{id}',
			'DELETE /v1/webhooks/endpoints/{id}',
		])
			expect(routes).toContain(route);
		expect(problems).toEqual([]);
	});
});
