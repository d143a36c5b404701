import { exportOperation } from '../common.export';

/** Every customer of the organization, as Polar's CSV export writes them. */
export const { endpoints, description, prepare, send } = exportOperation({
	resource: 'customer',
	path: '/v1/customers/export',
	fileName: 'polar-customers.csv',
});
