import type { IDataObject } from 'n8n-workflow';

import { refusedWith } from '../../helpers/subscription';
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
	// service.py pause: 409 CannotPauseSubscription once set to pause (Subscription.can_pause);
	// the lost attempt set resumes_at to the body's, or to none.
	alreadySet: {
		refusal: refusedWith(409, 'CannotPauseSubscription'),
		holds: (subscription, body) =>
			subscription.pause_at_period_end === true &&
			sameInstant(subscription.resumes_at, body.resumes_at),
	},
});

function sameInstant(held: unknown, sent: unknown): boolean {
	if (!held || !sent) return !held && !sent;
	return new Date(String(held)).getTime() === new Date(String(sent)).getTime();
}
