import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asText, InputError, requireUuid } from './validation';

/**
 * A list filter Polar takes as a repeated query parameter (customer_id=…&customer_id=…): the
 * field's text split at commas, or an expression's array. Empty entries are dropped; with
 * `uuid`, each entry must be a Polar ID.
 */
export function readIdList(value: unknown, field: string, uuid: boolean): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const entries = Array.isArray(value)
		? value.map((entry, index) => asText(entry, `${field} [${index}]`))
		: asText(value, field).split(',');
	const ids = entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
	if (ids.length === 0) return undefined;
	if (ids.length > 100) {
		throw new InputError(field, `has ${ids.length} entries: at most 100 fit in one request`);
	}
	return uuid ? ids.map((id) => requireUuid(id, field, 'Separate several IDs with commas.')) : ids;
}

/**
 * The Customer IDs and External Customer IDs filters of a list that takes several customers
 * (`customer_id` and `external_customer_id`, repeated), for `whose`, e.g. "Only these customers’
 * meters". They go beside each other in a collection sorted by name.
 */
export function customerListFilters(whose: string, note = ''): INodeProperties[] {
	return [
		{
			displayName: 'Customer IDs',
			name: 'customerIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 992fae2a-2a17-4b7a-8d9e-e287cf90131b',
			description: `${whose}: Polar’s customer IDs, separated by commas${note}`,
		},
		{
			displayName: 'External Customer IDs',
			name: 'externalCustomerIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. usr_1337, usr_42',
			description: `${whose}: the IDs your own system gave them, separated by commas${note}`,
		},
	];
}

/** The query parameters of `customerListFilters`, read from `collection` (e.g. "Filters"). */
export function readCustomerLists(filters: IDataObject, collection: string): IDataObject {
	const qs: IDataObject = {};
	const customers = readIdList(filters.customerIds, `${collection} → Customer IDs`, true);
	if (customers) qs.customer_id = customers;
	const externals = readIdList(
		filters.externalCustomerIds,
		`${collection} → External Customer IDs`,
		false,
	);
	if (externals) qs.external_customer_id = externals;
	return qs;
}
