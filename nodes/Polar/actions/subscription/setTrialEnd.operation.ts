import { readFutureDateTime, subscriptionUpdate } from './update';

export const { endpoints, description, prepare, describeDone, send } = subscriptionUpdate({
	operation: 'setTrialEnd',
	locatorDescription: 'The subscription whose trial to set or extend',
	properties: [
		{
			displayName: 'Trial End',
			name: 'trialEnd',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'When the trial ends and the first charge is made. For an active subscription (a new trial), it must be after the current period end.',
		},
	],
	readBody(itemIndex) {
		return {
			trial_end: readFutureDateTime(
				this.getNodeParameter('trialEnd', itemIndex),
				'Trial End',
				this.getTimezone(),
			),
		};
	},
	doing: 'set the trial end',
	done: 'given a new trial end',
	effect: 'set the trial end',
	repeatable: true,
});
