import type { INodeProperties } from 'n8n-workflow';

import * as applyDiscount from './applyDiscount.operation';
import * as cancelAtPeriodEnd from './cancelAtPeriodEnd.operation';
import * as cancelPause from './cancelPause.operation';
import * as changeProduct from './changeProduct.operation';
import * as clearPendingUpdate from './clearPendingUpdate.operation';
import * as create from './create.operation';
import * as endTrial from './endTrial.operation';
import * as exportSubscriptions from './export.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as pauseAtPeriodEnd from './pauseAtPeriodEnd.operation';
import * as removeDiscount from './removeDiscount.operation';
import * as resume from './resume.operation';
import * as revoke from './revoke.operation';
import * as setTrialEnd from './setTrialEnd.operation';
import * as uncancel from './uncancel.operation';
import * as updateBillingPeriod from './updateBillingPeriod.operation';
import * as updateMetadata from './updateMetadata.operation';
import * as updateSeats from './updateSeats.operation';

/** The Resource option. */
export const resource = { name: 'Subscription', value: 'subscription' };

/** By the operation's value, as the router finds them. */
export const operations = {
	applyDiscount,
	cancelAtPeriodEnd,
	cancelPause,
	changeProduct,
	clearPendingUpdate,
	create,
	endTrial,
	export: exportSubscriptions,
	get,
	getAll: getMany,
	pauseAtPeriodEnd,
	removeDiscount,
	resume,
	revoke,
	setTrialEnd,
	uncancel,
	updateBillingPeriod,
	updateMetadata,
	updateSeats,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Apply Discount',
				value: 'applyDiscount',
				description: 'Give a subscription a discount from its next billing cycle',
				action: 'Apply a subscription discount',
			},
			{
				name: 'Cancel at Period End',
				value: 'cancelAtPeriodEnd',
				description:
					'Cancel a subscription when its current period ends; the customer keeps access until then',
				action: 'Cancel a subscription at period end',
			},
			{
				name: 'Cancel Scheduled Pause',
				value: 'cancelPause',
				description: 'Keep renewing a subscription that was set to pause at period end',
				action: 'Cancel a scheduled subscription pause',
			},
			{
				name: 'Change Product',
				value: 'changeProduct',
				description: 'Move a subscription to another product (upgrade or downgrade)',
				action: 'Change a subscription product',
			},
			{
				name: 'Clear Pending Update',
				value: 'clearPendingUpdate',
				description: 'Drop a change scheduled for the next period',
				action: 'Clear subscription pending update',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Subscribe a customer to a free product',
				action: 'Create a subscription',
			},
			{
				name: 'End Trial',
				value: 'endTrial',
				description: 'End a trial now: the paid period starts and the customer is charged',
				action: 'End a subscription trial',
			},
			{
				name: 'Export',
				value: 'export',
				description: 'Export subscriptions as a CSV file, as Polar writes it',
				action: 'Export subscriptions',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a subscription',
				action: 'Get a subscription',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List subscriptions, filtered by customer, product, status, dates or metadata',
				action: 'Get many subscriptions',
			},
			{
				name: 'Pause at Period End',
				value: 'pauseAtPeriodEnd',
				description: 'Pause a subscription when its current period ends',
				action: 'Pause a subscription at period end',
			},
			{
				name: 'Remove Discount',
				value: 'removeDiscount',
				description: 'Remove a subscription’s discount from its next billing cycle',
				action: 'Remove a subscription discount',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Resume a paused subscription now; the customer is charged at once',
				action: 'Resume a subscription',
			},
			{
				name: 'Revoke Now',
				value: 'revoke',
				description:
					'End a subscription immediately and revoke its benefits; irreversible, nothing is refunded',
				action: 'Revoke a subscription now',
			},
			{
				name: 'Set Trial End',
				value: 'setTrialEnd',
				description: 'Set or extend a subscription’s trial',
				action: 'Set a subscription trial end',
			},
			{
				name: 'Uncancel',
				value: 'uncancel',
				description: 'Keep renewing a subscription that was set to cancel at period end',
				action: 'Uncancel a subscription',
			},
			{
				name: 'Update Billing Period',
				value: 'updateBillingPeriod',
				description: 'Move the end of the current billing period (the renewal date)',
				action: 'Update subscription billing period',
			},
			{
				name: 'Update Metadata',
				value: 'updateMetadata',
				description: 'Replace a subscription’s metadata',
				action: 'Update subscription metadata',
			},
			{
				name: 'Update Seats',
				value: 'updateSeats',
				description: 'Change the number of seats of a seat-based subscription',
				action: 'Update subscription seats',
			},
		],
		default: 'get',
	},
	...applyDiscount.description,
	...cancelAtPeriodEnd.description,
	...cancelPause.description,
	...changeProduct.description,
	...clearPendingUpdate.description,
	...create.description,
	...endTrial.description,
	...exportSubscriptions.description,
	...get.description,
	...getMany.description,
	...pauseAtPeriodEnd.description,
	...removeDiscount.description,
	...resume.description,
	...revoke.description,
	...setTrialEnd.description,
	...uncancel.description,
	...updateBillingPeriod.description,
	...updateMetadata.description,
	...updateSeats.description,
];
