import { readFutureDateTime, subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'updateBillingPeriod',
	locatorDescription: 'The active subscription whose renewal date to move',
	properties: [
		{
			displayName: 'Current Period End',
			name: 'currentPeriodEnd',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'The new end of the current billing period, when the subscription renews: earlier or later than now set, but in the future',
		},
	],
	readBody(itemIndex) {
		const end = readFutureDateTime(
			this.getNodeParameter('currentPeriodEnd', itemIndex),
			'Current Period End',
			this.getTimezone(),
		);
		return { current_billing_period_end: end };
	},
	doing: 'move the billing period end',
	done: 'given a new period end',
	effect: 'moved the period end',
	repeatable: true,
});
