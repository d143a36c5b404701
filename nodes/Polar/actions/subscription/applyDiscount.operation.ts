import { requireUuid } from '../../helpers/validation';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'applyDiscount',
	locatorDescription: 'The subscription to discount',
	properties: [
		{
			displayName: 'Discount ID',
			name: 'discountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
			description:
				'Polar’s ID of the discount (a UUID). It replaces any current discount from the next billing cycle.',
		},
	],
	readBody(itemIndex) {
		return {
			discount_id: requireUuid(
				this.getNodeParameter('discountId', itemIndex),
				'Discount ID',
				'Copy the discount’s ID from Polar’s dashboard (Products → Discounts).',
			),
		};
	},
	doing: 'apply the discount',
	done: 'given the discount',
	effect: 'applied the discount',
	// Applying the same discount again changes nothing (Polar then answers that it is applied).
	repeatable: true,
});
