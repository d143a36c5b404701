import type { IDataObject } from 'n8n-workflow';

import { runConcurrently } from '../helpers/pool';
import { isNotSent, type PolarClient, type PolarRequest } from './PolarClient';

/** The most Polar returns in one page (API_PAGINATION_MAX_LIMIT; more is cut to it). */
const MAX_PAGE_SIZE = 100;

interface Page {
	items: IDataObject[];
	pagination: { total_count?: number; max_page: number };
}

/** One read of the list's pages, and whether the list changed while it was read. */
interface Pass {
	pages: IDataObject[][];
	changed: boolean;
}

/**
 * Every item of a Polar list (page, limit, pagination.max_page), or the first `max`, in Polar's
 * order, each record once (by `id`). Page 1 tells how many pages there are; the others (only
 * those `max` needs) then go several at once, as many as the client lets be underway (Max
 * Concurrent Requests, over the whole run). Each page is a request through the same client, so
 * the token's budget, the run's limiter, retries and errors apply to it.
 *
 * Polar pages by offset (server/polar/kit/pagination.py paginate: offset = limit × (page − 1)),
 * so a list that changes while it is read shifts under it: a record created meanwhile pushes
 * the last of a page read onto the next (returned once here), a record deleted pulls the first
 * of the next page onto one already read (it would be missed). When the pages' total_count
 * differ, or a record came twice, the list is read once more and the records not yet seen are
 * added, in the order they were first seen.
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
	const first = await readPages(client, request, max, itemIndex);
	const seen = new Set<unknown>();
	const items: IDataObject[] = [];
	let changed = first.changed;
	for (const item of first.pages.flat()) {
		if (item.id !== undefined && seen.has(item.id)) {
			changed = true;
			continue;
		}
		if (item.id !== undefined) seen.add(item.id);
		items.push(item);
	}
	if (changed) {
		// Records that moved back onto a page already read: only those with an ID can be told apart.
		const again = await readPages(client, request, max, itemIndex);
		for (const item of again.pages.flat()) {
			if (item.id === undefined || seen.has(item.id)) continue;
			seen.add(item.id);
			items.push(item);
		}
	}
	return max === undefined ? items : items.slice(0, max);
}

/** One read of the pages `max` needs (all without it). */
async function readPages(
	client: PolarClient,
	request: PolarRequest,
	max: number | undefined,
	itemIndex: number,
): Promise<Pass> {
	const limit = Math.min(MAX_PAGE_SIZE, max ?? MAX_PAGE_SIZE);
	const abandon = new AbortController();
	const totals = new Set<number>();
	const fetchPage = async (page: number) => {
		const answer = await client.request<Page>(
			{ ...request, qs: { ...request.qs, page, limit }, signal: abandon.signal },
			itemIndex,
		);
		if (typeof answer.pagination.total_count === 'number') {
			totals.add(answer.pagination.total_count);
		}
		return answer;
	};

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
	return { pages, changed: totals.size > 1 };
}
