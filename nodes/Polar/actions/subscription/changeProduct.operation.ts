import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { productLocator, readProductId } from '../../helpers/product';
import { prorationField } from '../../helpers/subscription';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'changeProduct',
	locatorDescription: 'The subscription to move to another product',
	properties: [
		productLocator(
			'The recurring product to switch to, of the same organization; not archived, without a custom price',
		),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [prorationField],
		},
	],
	readBody(itemIndex) {
		const options = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			product_id: readProductId(
				this.getNodeParameter('product', itemIndex) as INodeParameterResourceLocator | string,
			),
		};
		if (options.prorationBehavior) body.proration_behavior = options.prorationBehavior;
		return body;
	},
	doing: 'change the product',
	done: 'moved to another product',
	effect: 'changed the product (and may have charged the customer)',
	// Not repeated: with Invoice Now each change may charge the customer.
	repeatable: false,
});
