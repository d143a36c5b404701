import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { TokenBudgets } from '../../nodes/Polar/transport/budget';
import { listItems } from '../../nodes/Polar/transport/pagination';
import { PolarClient } from '../../nodes/Polar/transport/PolarClient';

// The token's budget over a minute cannot be waited out in a test: these use a budget whose
// window is 400 ms, and a stand-in for n8n's HTTP helper (unit test only).
const WINDOW_MS = 400;
const read = { method: 'GET' as const, path: '/v1/customers/', repeatable: true };

interface Sent {
	page: number;
	at: number;
}

/**
 * A Polar list of `total` items in pages, answered after `latencyMs`; `failPage` answers 500.
 * The credential's Rate Limit is `rateLimit` a window.
 */
function polarList(total: number, { latencyMs = 20, failPage = 0, rateLimit = 3 } = {}) {
	const sent: Sent[] = [];
	let open = 0;
	let mostOpen = 0;
	const context = {
		getNode: () => ({ id: '1', name: 'Polar', type: 'polar', typeVersion: 1, position: [0, 0] }),
		getCredentials: async () => ({
			accessToken: 'polar_oat_pagination_unit_token',
			environment: 'production',
			rateLimit,
		}),
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequestWithAuthentication: async (_name: string, options: IHttpRequestOptions) => {
				const { page, limit } = options.qs as { page: number; limit: number };
				sent.push({ page, at: Date.now() });
				mostOpen = Math.max(mostOpen, ++open);
				await new Promise((resolve) => setTimeout(resolve, latencyMs));
				open--;
				if (page === failPage) return { statusCode: 500, headers: {}, body: { detail: 'boom' } };
				const items = Array.from(
					{ length: Math.max(0, Math.min(limit, total - (page - 1) * limit)) },
					(_, i) => ({ n: (page - 1) * limit + i }),
				);
				const pagination = { total_count: total, max_page: Math.ceil(total / limit) };
				return { statusCode: 200, headers: {}, body: { items, pagination } };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, sent, mostOpen: () => mostOpen };
}

const clientFor = async (context: IExecuteFunctions, concurrency: number) =>
	await PolarClient.create(context, {
		timeoutMs: 1000,
		concurrency,
		retry: { maxRetries: 0, maxWaitMs: 1000 },
		budgets: new TokenBudgets(WINDOW_MS, 20, undefined, 10),
	});

describe('listItems under the token’s budget (Rate Limit 3 a window)', () => {
	it('sends no more pages in a window than the budget allows, and keeps the order', async () => {
		const list = polarList(650);
		const client = await clientFor(list.context, 5);
		const items = await listItems(client, read, undefined, 0);
		expect(items.map((item) => item.n)).toEqual(Array.from({ length: 650 }, (_, n) => n));
		expect(list.sent.map((s) => s.page).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
		// Any 4 consecutive sends span at least a window: at most 3 in any window.
		const times = list.sent.map((s) => s.at);
		for (let i = 3; i < times.length; i++) {
			expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(WINDOW_MS - 5);
		}
		expect(list.mostOpen()).toBeLessThanOrEqual(3);
	});

	it('a failed page fails the list, and pages still waiting for the budget are never sent', async () => {
		// Pages 1–3 spend the window; page 2 fails while 4–5 wait for room.
		const list = polarList(650, { failPage: 2 });
		const client = await clientFor(list.context, 5);
		const started = Date.now();
		await expect(listItems(client, read, undefined, 0)).rejects.toThrow(/500/);
		expect(Date.now() - started).toBeLessThan(WINDOW_MS);
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS * 2));
		expect(list.sent.map((s) => s.page).sort()).toEqual([1, 2, 3]);
	});

});

describe('listItems under Max Concurrent Requests (budget out of the way)', () => {
	it('keeps that many pages in flight, never more', async () => {
		const list = polarList(1050, { rateLimit: 1000 });
		const client = await clientFor(list.context, 4);
		const items = await listItems(client, read, undefined, 0);
		expect(items).toHaveLength(1050);
		expect(list.mostOpen()).toBe(4);
	});

	it('pages waiting for a place are not sent after a page failed', async () => {
		const list = polarList(1050, { failPage: 2, rateLimit: 1000 });
		const client = await clientFor(list.context, 2);
		await expect(listItems(client, read, undefined, 0)).rejects.toThrow(/500/);
		await new Promise((resolve) => setTimeout(resolve, 200));
		// Pages 2 and 3 together; 2 fails: 3 finishes, 4–11 are never sent.
		expect(list.sent.map((s) => s.page).sort()).toEqual([1, 2, 3]);
		expect(list.mostOpen()).toBe(2);
	});

	it('with a Limit, asks only for the pages it needs', async () => {
		const list = polarList(1050, { rateLimit: 1000 });
		const client = await clientFor(list.context, 5);
		const items = await listItems(client, read, 301, 0);
		expect(items.map((item) => item.n)).toEqual(Array.from({ length: 301 }, (_, n) => n));
		expect(list.sent.map((s) => s.page).sort()).toEqual([1, 2, 3, 4]);
	});
});
