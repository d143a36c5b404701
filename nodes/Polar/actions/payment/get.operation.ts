import { idLocator, readObjectId, refineNotFound, type IdObject } from '../../helpers/idLocator';
import { getOperation } from '../common.get';

const PAYMENT: IdObject = {
	label: 'Payment',
	noun: 'payment',
	placeholder: 'e.g. a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c51',
	hint: 'Polar’s payment ID, a UUID (e.g. from Payment → Get Many or a dispute’s payment_id)',
};

export const { endpoints, description, prepare, send } = getOperation({
	resource: 'payment',
	path: '/v1/payments/{id}',
	locator: idLocator(PAYMENT, 'The payment to get', 'payment'),
	readId: (locator) => readObjectId(PAYMENT, locator),
	refine: refineNotFound(PAYMENT),
});
