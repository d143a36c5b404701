import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBenefitId, refineBenefitFailure } from '../../helpers/benefit';
import { customerListFilters, readCustomerLists, readIdList } from '../../helpers/idList';
import { InputError } from '../../helpers/validation';
import { listItems } from '../../transport/pagination';
import { apiPath } from '../../transport/path';
import type { PolarClient } from '../../transport/PolarClient';
import { getManyOperation, type GetManyInput } from '../common.getMany';
import type { Endpoint } from '../router';

/** Polar's BenefitGrantSortProperty, one criterion. */
const GRANT_SORTS = [
	{ name: 'Created (Newest First)', value: '-created_at' },
	{ name: 'Created (Oldest First)', value: 'created_at' },
	{ name: 'Granted (Newest First)', value: '-granted_at' },
	{ name: 'Granted (Oldest First)', value: 'granted_at' },
	{ name: 'Revoked (Newest First)', value: '-revoked_at' },
	{ name: 'Revoked (Oldest First)', value: 'revoked_at' },
];

/**
 * The organization's grants (GET /v1/benefit-grants/), or with Benefit ID one benefit's
 * (GET /v1/benefits/{id}/grants): each list has filters the other lacks, refused before sending.
 */
const list = getManyOperation({
	resource: 'benefitGrant',
	path: '/v1/benefit-grants/',
	filters: [
		{
			displayName: 'Benefit ID',
			name: 'benefitId',
			type: 'string',
			default: '',
			placeholder: 'e.g. e5f40716-8f92-43a4-8eb5-d6f708192a35',
			description:
				'Only the grants of this benefit (Polar’s benefit ID). With it, External Customer IDs and Sort By are not available; Member IDs are.',
		},
		...customerListFilters('Only these customers’ grants'),
		{
			displayName: 'Granted',
			name: 'isGranted',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only grants in effect (on) or only revoked ones (off). Without this filter, both.',
		},
		{
			displayName: 'Member IDs',
			name: 'memberIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d41',
			description:
				'Only grants to these members of a team customer (Polar’s member IDs, separated by commas). Needs Benefit ID.',
		},
		{
			displayName: 'Sort By',
			name: 'sorting',
			type: 'options',
			options: GRANT_SORTS,
			default: '-created_at',
			description: 'The order of the grants (without this filter, newest first)',
		},
	],
	toQuery(filters: IDataObject) {
		const qs = readCustomerLists(filters, 'Filters');
		if (typeof filters.isGranted === 'boolean') qs.is_granted = filters.isGranted;
		const members = readIdList(filters.memberIds, 'Filters → Member IDs', true);
		if (members) qs.member_id = members;
		if (filters.sorting) qs.sorting = filters.sorting;
		return qs;
	},
});

const ALL_GRANTS: Endpoint = { method: 'GET', path: '/v1/benefit-grants/' };
export const endpoints: Endpoint[] = [
	ALL_GRANTS,
	{ method: 'GET', path: '/v1/benefits/{id}/grants' },
];
export const { description } = list;

export interface GrantsInput extends GetManyInput {
	benefitId?: string;
}

/** What only one of the two lists takes, by the filter's name. */
const ONLY_FOR_ONE_BENEFIT = { member_id: 'Member IDs' };
const ONLY_FOR_ALL = { external_customer_id: 'External Customer IDs', sorting: 'Sort By' };

export function prepare(this: IExecuteFunctions, itemIndex: number): GrantsInput {
	const input = list.prepare.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const benefitId =
		filters.benefitId === undefined || filters.benefitId === ''
			? undefined
			: readBenefitId(filters.benefitId as string, 'Filters → Benefit ID');
	const unavailable = benefitId ? ONLY_FOR_ALL : ONLY_FOR_ONE_BENEFIT;
	for (const [parameter, field] of Object.entries(unavailable)) {
		if (input.qs[parameter] === undefined) continue;
		throw new InputError(
			`Filters → ${field}`,
			benefitId
				? 'cannot be combined with Benefit ID: Polar’s list of one benefit’s grants does not take it'
				: 'needs Benefit ID: only Polar’s list of one benefit’s grants takes it',
			benefitId ? 'Filter by Customer IDs instead, or remove Benefit ID.' : undefined,
		);
	}
	return { ...input, benefitId };
}

export async function send(client: PolarClient, input: GrantsInput, itemIndex: number) {
	const { benefitId } = input;
	return await listItems(
		client,
		benefitId
			? {
					method: 'GET',
					path: apiPath`/v1/benefits/${benefitId}/grants`,
					qs: input.qs,
					repeatable: true,
					refine: refineBenefitFailure(benefitId),
				}
			: { ...ALL_GRANTS, qs: input.qs, repeatable: true },
		input.max,
		itemIndex,
	);
}
