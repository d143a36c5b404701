// The double's payments: seeded card payment attempts, read-only as Polar's API has them.
// Modelled on polarsource/polar: server/polar/payment/service.py (list: the organization_id,
// checkout_id, order_id, customer_id, status, method and customer_email filters, -created_at
// first), endpoints.py (list, get: 404 ResourceNotFound), schemas.py (CardPayment with
// method_metadata, GenericPayment).

import { FIXTURE_IDS } from './fixtures';
import { page } from './meters';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { pathIds, type Route } from './route';
import type { RecordedRequest } from './server';
import { REFUNDABLE_ORDER_IDS } from './refunds';

type Json = Record<string, unknown>;

/** Fixed ids (valid uuid4) of the seeded payments. */
export const PAYMENT_IDS = {
	/** The disputed order's payment: succeeded, by Visa. */
	disputed: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c51',
	/** The one-time order's payment: succeeded, by Mastercard. */
	oneTime: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d52',
	/** A declined attempt at the subscription's renewal. */
	declined: 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e53',
} as const;

/** The customer a payment's order is for: what the customer filters match, not in the schema. */
interface SeededPayment {
	payment: Json;
	customerId: string;
	customerEmail: string;
}

function cardPayment(
	organizationId: string,
	seed: {
		id: string;
		status: 'succeeded' | 'failed' | 'pending';
		amount: number;
		orderId: string | null;
		trigger: string;
		brand: string;
		last4: string;
		createdAt: string;
	},
): Json {
	const failed = seed.status === 'failed';
	return {
		created_at: seed.createdAt,
		modified_at: null,
		id: seed.id,
		processor: 'stripe',
		status: seed.status,
		amount: seed.amount,
		currency: 'usd',
		method: 'card',
		trigger: seed.trigger,
		decline_reason: failed ? 'insufficient_funds' : null,
		decline_message: failed ? 'Your card has insufficient funds.' : null,
		organization_id: organizationId,
		checkout_id: null,
		order_id: seed.orderId,
		method_metadata: { brand: seed.brand, last4: seed.last4 },
	};
}

/** The seeded payments, newest first (Polar's default -created_at). */
export function seedPayments(organizationId: string): SeededPayment[] {
	const ada = { customerId: FIXTURE_IDS.ada, customerEmail: 'ada@example.com' };
	return [
		{
			...ada,
			payment: cardPayment(organizationId, {
				id: PAYMENT_IDS.declined,
				status: 'failed',
				amount: 1900,
				orderId: null,
				trigger: 'subscription_cycle',
				brand: 'visa',
				last4: '0341',
				createdAt: '2025-11-01T09:00:00Z',
			}),
		},
		{
			...ada,
			payment: cardPayment(organizationId, {
				id: PAYMENT_IDS.disputed,
				status: 'succeeded',
				amount: 2900,
				orderId: REFUNDABLE_ORDER_IDS.disputed,
				trigger: 'purchase',
				brand: 'visa',
				last4: '4242',
				createdAt: '2025-10-12T09:00:00Z',
			}),
		},
		{
			...ada,
			payment: cardPayment(organizationId, {
				id: PAYMENT_IDS.oneTime,
				status: 'succeeded',
				amount: 3480,
				orderId: REFUNDABLE_ORDER_IDS.oneTime,
				trigger: 'purchase',
				brand: 'mastercard',
				last4: '4444',
				createdAt: '2025-10-10T09:00:00Z',
			}),
		},
	];
}

/** Whether a query parameter (given once or several times) lets the value through. */
export function matchesAny(request: RecordedRequest, name: string, value: unknown): boolean {
	const wanted = request.queryLists[name];
	if (!wanted || wanted.length === 0) return true;
	return wanted.some((w) => w.toLowerCase() === String(value).toLowerCase());
}

export function paymentRoutes(payments: readonly SeededPayment[]): Route[] {
	const scopes = ['payments:read'];
	return [
		{
			method: 'GET',
			template: '/v1/payments/',
			scopes,
			answer: (request): CannedResponse => {
				const found = payments.filter(
					({ payment, customerId, customerEmail }) =>
						matchesAny(request, 'organization_id', payment.organization_id) &&
						matchesAny(request, 'checkout_id', payment.checkout_id) &&
						matchesAny(request, 'order_id', payment.order_id) &&
						matchesAny(request, 'customer_id', customerId) &&
						matchesAny(request, 'status', payment.status) &&
						matchesAny(request, 'method', payment.method) &&
						matchesAny(request, 'customer_email', customerEmail),
				);
				return page(
					found.map((p) => p.payment),
					request.query,
				);
			},
		},
		{
			method: 'GET',
			template: '/v1/payments/{id}',
			scopes,
			answer: (request): CannedResponse => {
				const [id] = pathIds(request);
				const found = payments.find((p) => p.payment.id === id?.toLowerCase());
				return found ? jsonResponse(200, found.payment) : polarErrors.notFound();
			},
		},
	];
}
