import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { discountLocator, readDiscountId } from '../../helpers/discount';
import { invalidWith } from '../../helpers/subscription';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'applyDiscount',
	locatorDescription: 'The subscription to discount',
	properties: [
		// Named discountId, as the former plain ID field was: a string there still reads as an ID.
		discountLocator(
			'The discount to apply. It replaces any current discount from the next billing cycle.',
			'discountId',
		),
	],
	readBody(itemIndex) {
		return {
			discount_id: readDiscountId(
				this.getNodeParameter('discountId', itemIndex) as INodeParameterResourceLocator | string,
			),
		};
	},
	doing: 'apply the discount',
	done: 'given the discount',
	effect: 'applied the discount',
	// Applying the same discount again changes nothing (Polar then answers that it is applied).
	repeatable: true,
	// service.py resolve_discount: 422 on discount_id "This discount is already applied to the
	// subscription." when it is the subscription's discount.
	alreadySet: {
		refusal: invalidWith('discount_id', /already applied/),
		holds: (subscription, body) => subscription.discount_id === body.discount_id,
	},
});
