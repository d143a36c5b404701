import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type JsonObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { PolarClient } from '../transport/PolarClient';

const PAGE_SIZE = 50;

interface CustomerPage {
	items: IDataObject[];
	pagination: { max_page: number };
}

/**
 * The organization's customers, filtered by name or email as the user types. Listing needs
 * the customers:read scope, which a token made only for sessions lacks: the list then says
 * so and what to do instead.
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
			repeatable: true,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '403') {
			throw new NodeApiError(this.getNode(), {} as JsonObject, {
				message: 'Your token cannot list customers: it lacks the customers:read scope',
				description:
					'Add the customers:read scope to the token in Polar, or choose the customer By ID or Ext. ID, which need no extra scope.',
				httpCode: '403',
			});
		}
		throw error instanceof NodeApiError
			? error
			: new NodeOperationError(this.getNode(), error as Error);
	}

	return {
		results: response.items.map((customer) => ({
			name: [customer.name, customer.email].filter(Boolean).join(' · ') || String(customer.id),
			value: String(customer.id),
		})),
		paginationToken: page < response.pagination.max_page ? String(page + 1) : undefined,
	};
}
