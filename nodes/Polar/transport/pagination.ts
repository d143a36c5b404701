import type { IDataObject } from 'n8n-workflow';

import type { PolarClient, PolarRequest } from './PolarClient';

/** The most Polar returns in one page. */
const MAX_PAGE_SIZE = 100;

interface Page {
	items: IDataObject[];
	pagination: { max_page: number };
}

/**
 * Every item of a Polar list (page, limit, pagination.max_page), or the first `max`: each page
 * is a request through the same client, so the run's limiter, retries and errors apply to it.
 */
export async function listItems(
	client: PolarClient,
	request: PolarRequest,
	max: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const limit = Math.min(MAX_PAGE_SIZE, max ?? MAX_PAGE_SIZE);
	const items: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const answer = await client.request<Page>(
			{ ...request, qs: { ...request.qs, page, limit } },
			itemIndex,
		);
		items.push(...answer.items);
		if (max !== undefined && items.length >= max) return items.slice(0, max);
		if (answer.items.length === 0 || page >= answer.pagination.max_page) return items;
	}
}
