import { uuidLocator } from '../../helpers/locator';
import { getOperation } from '../common.get';

/** Polar lists payments by their filters only: a payment is taken By ID. */
const payment = uuidLocator({
	displayName: 'Payment',
	noun: 'payment',
	example: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c51',
	idNote: '(e.g. from Payment → Get Many or a dispute’s payment_id)',
});

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'payment',
	path: '/v1/payments/{id}',
	locator: payment.field('The payment to get'),
	readId: payment.readId,
	refine: payment.refineNotFound,
});
