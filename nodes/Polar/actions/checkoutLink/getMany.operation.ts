import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { productLocator, readProductId } from '../../helpers/product';
import { getManyOperation } from '../common.getMany';

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'checkoutLink',
	path: '/v1/checkout-links/',
	filters: [{ ...productLocator('Only links that offer this product'), required: false }],
	toQuery(filters: IDataObject) {
		if (filters.product === undefined) return {};
		return {
			product_id: readProductId(
				filters.product as INodeParameterResourceLocator | string,
				'Filters → Product',
			),
		};
	},
});
