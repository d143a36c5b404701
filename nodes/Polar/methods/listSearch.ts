import {
	NodeApiError,
	type IDataObject,
	type JsonObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { PolarClient } from '../transport/PolarClient';

const PAGE_SIZE = 50;

export const MISSING_SCOPE_HINT =
	'Your token cannot list customers: add the customers:read scope, or choose By ID or By External ID';

interface CustomerPage {
	items: IDataObject[];
	pagination: { max_page: number };
}

/**
 * The organization's customers, filtered by name or email as the user types. Listing needs
 * the customers:read scope, which a token made only for sessions lacks: then the list shows
 * one entry saying so, instead of an error the user cannot act on.
 */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const client = await PolarClient.create(this, {
		timeoutMs: 10000,
		retry: { maxRetries: 1, maxWaitMs: 5000 },
	});
	let response: CustomerPage;
	try {
		response = await client.request<CustomerPage>({
			method: 'GET',
			path: '/v1/customers/',
			qs: { query: filter?.trim() || undefined, limit: PAGE_SIZE, page },
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '403') {
			return { results: [{ name: MISSING_SCOPE_HINT, value: '' }] };
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}

	return {
		results: response.items.map((customer) => ({
			name: customer.name
				? `${String(customer.name)} (${String(customer.email)})`
				: String(customer.email),
			value: String(customer.id),
		})),
		paginationToken: page < response.pagination.max_page ? String(page + 1) : undefined,
	};
}
