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

interface ListPage {
	items: IDataObject[];
	pagination: { max_page: number };
}

interface ListSearch {
	path: string;
	scope: string;
	/** What to choose instead when the token cannot list, e.g. "the customer By ID". */
	instead: string;
	/** What the list shows for one result. */
	name(item: IDataObject): string;
	/** Polar's list has no `query` search: the page's results are filtered by what they show. */
	noQuery?: boolean;
}

/** One page of a Polar list, filtered by Polar's `query` as the user types. */
async function searchList(
	context: ILoadOptionsFunctions,
	list: ListSearch,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const client = await PolarClient.create(context, {
		timeoutMs: 10000,
		retry: { maxRetries: 1, maxWaitMs: 5000 },
	});
	let response: ListPage;
	try {
		response = await client.request<ListPage>({
			method: 'GET',
			path: list.path,
			qs: { query: list.noQuery ? undefined : filter?.trim() || undefined, limit: PAGE_SIZE, page },
			repeatable: true,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '403') {
			const what = list.path.split('/')[2];
			throw new NodeApiError(context.getNode(), {} as JsonObject, {
				message: `Your token cannot list ${what}: it lacks the ${list.scope} scope`,
				description: `Add the ${list.scope} scope to the token in Polar, or choose ${list.instead}.`,
				httpCode: '403',
			});
		}
		throw error instanceof NodeApiError
			? error
			: new NodeOperationError(context.getNode(), error as Error);
	}

	const needle = list.noQuery ? (filter?.trim().toLowerCase() ?? '') : '';
	return {
		results: response.items
			.map((item) => ({ name: list.name(item) || String(item.id), value: String(item.id) }))
			.filter((result) => !needle || result.name.toLowerCase().includes(needle)),
		paginationToken: page < response.pagination.max_page ? String(page + 1) : undefined,
	};
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
	return await searchList(
		this,
		{
			path: '/v1/customers/',
			scope: 'customers:read',
			instead: 'the customer By ID or Ext. ID, which need no extra scope',
			name: (customer) => [customer.name, customer.email].filter(Boolean).join(' · '),
		},
		filter,
		paginationToken,
	);
}

/** The organization's products, archived ones marked, filtered by name as the user types. */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			path: '/v1/products/',
			scope: 'products:read',
			instead: 'the product By ID',
			name: (product) =>
				product.name ? `${String(product.name)}${product.is_archived ? ' (archived)' : ''}` : '',
		},
		filter,
		paginationToken,
	);
}

const money = (cents: unknown, currency: unknown) =>
	typeof cents === 'number'
		? `${(cents / 100).toFixed(2)} ${String(currency ?? '').toUpperCase()}`
		: '';

/**
 * The organization's orders, newest first: product, customer, amount and date. Polar's order
 * list has no text search, so typing filters the page shown.
 */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			path: '/v1/orders/',
			scope: 'orders:read',
			instead: 'the order By ID',
			noQuery: true,
			name: (order) =>
				[
					order.description,
					(order.customer as IDataObject | undefined)?.email,
					money(order.total_amount, order.currency),
					String(order.created_at ?? '').slice(0, 10),
				]
					.filter(Boolean)
					.join(' · '),
		},
		filter,
		paginationToken,
	);
}
