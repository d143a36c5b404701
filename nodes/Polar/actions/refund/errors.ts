import type { IDataObject } from 'n8n-workflow';

import { formatMinorUnits } from '../../helpers/currency';
import { isPolarNotFound, validationEntries, type RefineFailure } from '../../transport/errors';

/** A refund the node does not send, having read the order: an item's error, said in words. */
export class RefundNotSent extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/** A missing order (Polar's 404 ResourceNotFound), named by its ID. */
export function refineOrderRead(orderId: string): RefineFailure {
	return (failure, response) =>
		isPolarNotFound(response.status, response.body)
			? {
					...failure,
					message: `No Polar order with ID "${orderId}"`,
					description:
						'Check the order ID, and that the credential points at the environment (sandbox or production) and organization the order belongs to.',
				}
			: failure;
}

const GET_MANY_HINT = 'Refund → Get Many with its Order ID filter lists the refunds it has.';

/**
 * Polar's refusals of a refund (server/polar/refund/service.py), in words: what happened to the
 * order and what to do. `order` is the order as the node read it just before.
 */
export function refineRefund(order: IDataObject, amount: number): RefineFailure {
	const id = String(order.id);
	const currency = String(order.currency);
	return (failure, response) => {
		const body = (response.body ?? {}) as { error?: unknown };
		const say = (message: string, description: string) => ({ ...failure, message, description });
		switch (`${response.status} ${String(body.error)}`) {
			case '403 RefundedAlready':
				return say(
					`Order ${id} is already fully refunded`,
					`Polar has nothing left to refund on this order. ${GET_MANY_HINT}`,
				);
			case '403 RefundDisputedPayment':
				return say(
					`Order ${id} cannot be refunded: its payment is disputed`,
					'The customer disputed the charge with their bank, so the money is held in the dispute. Respond to the dispute instead (in Polar’s dashboard); a refund cannot be issued on top of it.',
				);
			case '403 RefundsBlocked':
				return say(
					`Polar blocks refunds for order ${id}`,
					'Polar has blocked refunds for this order or for the organization (e.g. while a review or a payout is under way). Contact Polar’s support to lift the block.',
				);
			case '400 RevokeSubscriptionBenefitsProhibited':
				return say(
					`Revoke Benefits is only for one-time orders: order ${id} is a subscription’s`,
					'Polar revokes a subscription’s benefits when the subscription ends. Turn off Revoke Benefits to refund this order, and cancel or revoke the subscription to end its benefits.',
				);
			case '404 RefundUnknownPayment':
				return say(
					`Order ${id} has no payment to refund`,
					`The order is ${String(order.status)}: Polar has received no payment for it yet.`,
				);
			case '409 RefundPendingCreation':
				return say(
					`A refund of order ${id} is still being created`,
					`Wait until it shows, then check what is left to refund before trying again. ${GET_MANY_HINT}`,
				);
		}
		if (response.status !== 422) return failure;
		const entry = validationEntries(response.body).find((e) => Array.isArray(e.loc));
		const field = entry?.loc?.[entry.loc.length - 1];
		if (field === 'order_id') {
			return say(
				`No Polar order with ID "${id}" to refund`,
				'Check the order ID, and that the credential points at the organization the order belongs to.',
			);
		}
		if (field === 'amount' && /exceeds/.test(entry?.msg ?? '')) {
			return say(
				`A refund of ${formatMinorUnits(amount, currency)} is more than order ${id} has left to refund (${formatMinorUnits(Number(order.refundable_amount), currency)})`,
				`Amounts are before tax: Polar adds the tax back itself. Refund at most the order’s refundable_amount, or choose Whole Refundable Amount. ${GET_MANY_HINT}`,
			);
		}
		return failure;
	};
}
