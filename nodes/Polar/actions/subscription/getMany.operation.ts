import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';
import { metadataField } from '../../helpers/metadata';
import { CANCELLATION_REASONS } from '../../helpers/subscription';
import { asText, requireText, requireUuid } from '../../helpers/validation';
import { getManyOperation, metadataQuery } from '../common.getMany';

export const STATUSES = [
	{ name: 'Active', value: 'active' },
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Incomplete', value: 'incomplete' },
	{ name: 'Incomplete Expired', value: 'incomplete_expired' },
	{ name: 'Past Due', value: 'past_due' },
	{ name: 'Paused', value: 'paused' },
	{ name: 'Trialing', value: 'trialing' },
	{ name: 'Unpaid', value: 'unpaid' },
];

/** Polar's SubscriptionSortProperty: each property, ascending or descending (a leading minus). */
const SORTS = [
	['amount', 'Amount'],
	['current_period_end', 'Current Period End'],
	['customer', 'Customer'],
	['discount', 'Discount'],
	['ended_at', 'Ended At'],
	['ends_at', 'Ends At'],
	['product', 'Product'],
	['started_at', 'Started At'],
	['status', 'Status'],
].flatMap(([value, name]) => [
	{ name: `${name} (Ascending)`, value },
	{ name: `${name} (Descending)`, value: `-${value}` },
]);

const dateFilter = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'dateTime' as const,
	default: '',
	description,
});

export const { endpoints, description, prepare, send } = getManyOperation({
	resource: 'subscription',
	path: '/v1/subscriptions/',
	filters: [
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only active or trialing subscriptions (on) or only ended ones, canceled or unpaid (off). Without this filter, all. Polar marks it deprecated in favour of Status.',
		},
		{
			displayName: 'Cancel at Period End',
			name: 'cancelAtPeriodEnd',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only subscriptions set to cancel at the end of their period (on) or only those that are not (off)',
		},
		dateFilter(
			'Canceled After',
			'canceledAtAfter',
			'Only subscriptions canceled at or after this time',
		),
		dateFilter(
			'Canceled Before',
			'canceledAtBefore',
			'Only subscriptions canceled at or before this time',
		),
		{
			displayName: 'Cancellation Reason',
			name: 'cancellationReason',
			type: 'options',
			options: CANCELLATION_REASONS,
			default: 'too_expensive',
			description: 'Only subscriptions canceled for this reason',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
			description: 'Only this customer’s subscriptions (Polar’s customer ID, a UUID)',
		},
		{
			displayName: 'Discount ID',
			name: 'discountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
			description: 'Only subscriptions with this discount (Polar’s discount ID, a UUID)',
		},
		{
			displayName: 'External Customer ID',
			name: 'externalCustomerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. usr_1337',
			description: 'Only the subscriptions of the customer your own system gave this ID',
		},
		metadataField('Only subscriptions whose metadata has all of these values', false),
		{
			displayName: 'Product ID',
			name: 'productId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5f3c2b9e-8d4a-4c1e-9b7a-1d2e3f4a5b61',
			description: 'Only subscriptions to this product (Polar’s product ID, a UUID)',
		},
		{
			displayName: 'Sort',
			name: 'sorting',
			type: 'options',
			options: SORTS,
			default: '-started_at',
			description:
				'The order of the results. Without this filter, Polar’s default: most recently started first.',
		},
		dateFilter('Started After', 'startedAfter', 'Only subscriptions that started after this time'),
		dateFilter(
			'Started Before',
			'startedBefore',
			'Only subscriptions that started before this time',
		),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: STATUSES,
			default: 'active',
			description: 'Only subscriptions in this status',
		},
	],
	toQuery(filters: IDataObject, zone: string) {
		const qs: IDataObject = {};
		const uuid = (name: string, param: string, label: string, hint: string) => {
			const text = asText(filters[name], `Filters → ${label}`);
			if (text) qs[param] = requireUuid(text, `Filters → ${label}`, hint);
		};
		uuid(
			'customerId',
			'customer_id',
			'Customer ID',
			'To filter by your own system’s ID, use External Customer ID.',
		);
		uuid(
			'discountId',
			'discount_id',
			'Discount ID',
			'Copy the discount’s ID from Polar’s dashboard.',
		);
		uuid(
			'productId',
			'product_id',
			'Product ID',
			'Copy the product’s ID from Polar’s dashboard or Product → Get Many.',
		);
		if (filters.externalCustomerId !== undefined && filters.externalCustomerId !== '') {
			qs.external_customer_id = requireText(
				filters.externalCustomerId,
				'Filters → External Customer ID',
			);
		}
		if (typeof filters.active === 'boolean') qs.active = filters.active;
		if (typeof filters.cancelAtPeriodEnd === 'boolean')
			qs.cancel_at_period_end = filters.cancelAtPeriodEnd;
		if (filters.status) qs.status = filters.status;
		if (filters.cancellationReason) qs.customer_cancellation_reason = filters.cancellationReason;
		if (filters.sorting) qs.sorting = filters.sorting;
		const dates: Array<[string, string, string]> = [
			['canceledAtAfter', 'canceled_at_after', 'Canceled After'],
			['canceledAtBefore', 'canceled_at_before', 'Canceled Before'],
			['startedAfter', 'started_after', 'Started After'],
			['startedBefore', 'started_before', 'Started Before'],
		];
		for (const [name, param, label] of dates) {
			if (filters[name]) qs[param] = readDateTime(filters[name], `Filters → ${label}`, zone);
		}
		return { ...qs, ...metadataQuery(filters.metadata, 'Filters → Metadata') };
	},
});
