import type { IDataObject } from 'n8n-workflow';

import { readFutureDateTime, subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'pauseAtPeriodEnd',
	locatorDescription:
		'The active subscription to pause at the end of its current period. Its benefits are revoked once it is paused.',
	properties: [
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Resumes At',
					name: 'resumesAt',
					type: 'dateTime',
					default: '',
					description:
						'When Polar resumes it by itself (and charges the customer); after the current period end. Without it, it stays paused until resumed.',
				},
			],
		},
	],
	readBody(itemIndex) {
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { pause_at_period_end: true };
		if (fields.resumesAt)
			body.resumes_at = readFutureDateTime(fields.resumesAt, 'Resumes At', this.getTimezone());
		return body;
	},
	doing: 'pause the subscription',
	done: 'set to pause at the end of its period',
	effect: 'set the subscription to pause',
	// Setting the same state twice leaves it as once (a repeat answers 409: cannot be paused).
	repeatable: true,
});
