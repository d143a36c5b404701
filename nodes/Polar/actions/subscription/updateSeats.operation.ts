import type { IDataObject } from 'n8n-workflow';

import { prorationField } from '../../helpers/subscription';
import { InputError } from '../../helpers/validation';
import { subscriptionUpdate } from './update';

const INT32_MAX = 2147483647;

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'updateSeats',
	locatorDescription: 'The seat-based subscription whose number of seats to change',
	properties: [
		{
			displayName: 'Seats',
			name: 'seats',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			required: true,
			default: 1,
			description:
				'The new number of seats, within the price’s minimum and maximum and not below the seats already assigned',
		},
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
		const value = this.getNodeParameter('seats', itemIndex);
		const seats = Number(value);
		if (value === '' || !Number.isInteger(seats) || seats < 1 || seats > INT32_MAX) {
			throw new InputError(
				'Seats',
				`"${String(value)}" is not a whole number from 1 to ${INT32_MAX}`,
			);
		}
		const options = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { seats };
		if (options.prorationBehavior) body.proration_behavior = options.prorationBehavior;
		return body;
	},
	doing: 'change the seats',
	done: 'given a new number of seats',
	effect: 'changed the seats (and may have charged the customer)',
	// Not repeated: with Invoice Now each change may charge the customer.
	repeatable: false,
});
