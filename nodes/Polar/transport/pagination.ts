import type { IDataObject } from 'n8n-workflow';

import { runConcurrently } from '../helpers/pool';
import { isNotSent, type PolarClient, type PolarRequest } from './PolarClient';

/** The most Polar returns in one page (API_PAGINATION_MAX_LIMIT; more is cut to it). */
const MAX_PAGE_SIZE = 100;

interface Page {
	items: IDataObject[];
	pagination: { max_page: number };
}

/**
 * Every item of a Polar list (page, limit, pagination.max_page), or the first `max`, in Polar's
 * order. Page 1 tells how many pages there are; the others (only those `max` needs) then go
 * several at once, as many as the client lets be underway (Max Concurrent Requests, over the
 * whole run). Each page is a request through the same client, so the token's budget, the run's
 * limiter, retries and errors apply to it.
 *
 * The first page that fails fails the list: pages not yet sent are not sent, those in flight are
 * awaited. Memory: the items themselves (at most the list, or `max` plus less than a page),
 * held per page in page order until they are joined.
 */
export async function listItems(
	client: PolarClient,
	request: PolarRequest,
	max: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const limit = Math.min(MAX_PAGE_SIZE, max ?? MAX_PAGE_SIZE);
	const abandon = new AbortController();
	const fetchPage = async (page: number) =>
		await client.request<Page>(
			{ ...request, qs: { ...request.qs, page, limit }, signal: abandon.signal },
			itemIndex,
		);

	const first = await fetchPage(1);
	const pages: IDataObject[][] = [first.items];
	const needed = max === undefined ? Infinity : Math.ceil(max / limit);
	let lastPage = Math.min(first.pagination.max_page, needed);
	let failure: unknown;
	// Pages fetched so far: a list that grew meanwhile reports more pages, fetched in a next round.
	for (let fetched = 1; fetched < lastPage && first.items.length > 0 && !failure; ) {
		const from = fetched + 1;
		const to = lastPage;
		await runConcurrently(
			to - from + 1,
			client.concurrency,
			async (offset) => {
				const page = from + offset;
				try {
					const answer = await fetchPage(page);
					pages[page - 1] = answer.items;
					lastPage = Math.max(lastPage, Math.min(answer.pagination.max_page, needed));
				} catch (error) {
					// A real failure wins over a page kept unsent because of it (or of stop()).
					if (!failure || (isNotSent(failure) && !isNotSent(error))) failure = error;
					abandon.abort();
				}
			},
			() => failure !== undefined,
		);
		fetched = to;
	}
	if (failure) throw failure;
	const items = pages.flat();
	return max === undefined ? items : items.slice(0, max);
}
