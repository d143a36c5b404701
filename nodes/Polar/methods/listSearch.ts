import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type JsonObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { discountListName } from '../helpers/discount';
import { formatMinorUnits } from '../helpers/currency';
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
	/** Polar's list has no `query` search: the typed text filters each page's names here. */
	localFilter?: boolean;
}

/** A list search method for n8n (a locator's From list): one page of the list per call. */
function listSearchMethod(list: ListSearch) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchList(this, list, filter, paginationToken);
	};
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
			qs: {
				query: list.localFilter ? undefined : filter?.trim() || undefined,
				limit: PAGE_SIZE,
				page,
			},
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

	const needle = list.localFilter ? (filter?.trim().toLowerCase() ?? '') : '';
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
export const searchCustomers = listSearchMethod({
	path: '/v1/customers/',
	scope: 'customers:read',
	instead: 'the customer By ID or Ext. ID, which need no extra scope',
	name: (customer) => [customer.name, customer.email].filter(Boolean).join(' · '),
});

/** The organization's products, archived ones marked, filtered by name as the user types. */
export const searchProducts = listSearchMethod({
	path: '/v1/products/',
	scope: 'products:read',
	instead: 'the product By ID',
	name: (product) =>
		product.name ? `${String(product.name)}${product.is_archived ? ' (archived)' : ''}` : '',
});

/** The organization's meters, archived ones marked, filtered by name as the user types. */
export const searchMeters = listSearchMethod({
	path: '/v1/meters/',
	scope: 'meters:read',
	instead: 'the meter By ID',
	name: (meter) =>
		meter.name ? `${String(meter.name)}${meter.archived_at ? ' (archived)' : ''}` : '',
});

/** The organization's benefits, by description and type, filtered by description as the user types. */
export const searchBenefits = listSearchMethod({
	path: '/v1/benefits/',
	scope: 'benefits:read',
	instead: 'the benefit By ID',
	name: (benefit) =>
		benefit.description
			? `${String(benefit.description)} (${String(benefit.type).replace(/_/g, ' ')})`
			: '',
});

/** The organization's discounts, with their codes, filtered by name or code as the user types. */
export const searchDiscounts = listSearchMethod({
	path: '/v1/discounts/',
	scope: 'discounts:read',
	instead: 'the discount By ID',
	name: discountListName,
});

/**
 * The organization's subscriptions, most recently started first, each named by its customer,
 * product and status. Polar's subscription list has no text search, so the typed text filters
 * each page by those names.
 */
export const searchSubscriptions = listSearchMethod({
	path: '/v1/subscriptions/',
	scope: 'subscriptions:read',
	instead: 'the subscription By ID',
	localFilter: true,
	name: (subscription) => {
		const customer = (subscription.customer ?? {}) as IDataObject;
		const product = (subscription.product ?? {}) as IDataObject;
		const who = customer.name ?? customer.email;
		return [who, product.name, subscription.status].filter(Boolean).map(String).join(' · ');
	},
});

/**
 * The organization's orders, newest first: product, customer, amount and date. Polar's order
 * list has no text search, so typing filters the page shown.
 */
export const searchOrders = listSearchMethod({
	path: '/v1/orders/',
	scope: 'orders:read',
	instead: 'the order By ID',
	localFilter: true,
	name: (order) =>
		[
			order.description,
			(order.customer as IDataObject | undefined)?.email,
			typeof order.total_amount === 'number'
				? formatMinorUnits(order.total_amount, String(order.currency ?? 'usd'))
				: '',
			String(order.created_at ?? '').slice(0, 10),
		]
			.filter(Boolean)
			.join(' · '),
});
