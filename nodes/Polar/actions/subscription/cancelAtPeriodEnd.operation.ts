import type { IDataObject } from 'n8n-workflow';

import { cancellationFields, readCancellation, refusedWith } from '../../helpers/subscription';
import { subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'cancelAtPeriodEnd',
	locatorDescription:
		'The subscription to cancel. The customer keeps access until the end of the current period; Uncancel undoes it until then.',
	properties: [
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: cancellationFields,
		},
	],
	readBody(itemIndex) {
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		return { cancel_at_period_end: true, ...readCancellation(fields) };
	},
	doing: 'cancel the subscription',
	done: 'set to cancel at the end of its period',
	effect: 'set the subscription to cancel at the end of its period',
	// Setting the same state twice leaves it as once.
	repeatable: true,
	// service.py _perform_cancellation: 403 AlreadyCanceledSubscription once set (can_cancel).
	alreadySet: {
		refusal: refusedWith(403, 'AlreadyCanceledSubscription'),
		holds: (subscription) => subscription.cancel_at_period_end === true && !subscription.ended_at,
	},
});
