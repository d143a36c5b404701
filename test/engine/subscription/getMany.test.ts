import type { INodeExecutionData } from 'n8n-workflow';

import {
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	PRODUCT_IDS,
	runSubscription,
	SUBSCRIPTION_IDS,
	TOKENS,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();
const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);
const list = async (filters: Record<string, unknown>) =>
	await runSubscription(polar(), 'getAll', {
		parameters: { returnAll: true, filters },
		token: TOKENS.read,
	});

describe('Subscription → Get Many, in n8n’s engine against the Polar double', () => {
	it('lists every subscription, most recently started first, with a read-only token', async () => {
		const result = await list({});
		expect(result.executionError).toBeUndefined();
		const started = result.success.map((item) => String(item.json.started_at));
		expect(started).toHaveLength(polar().subscriptions.subscriptions.length);
		expect(started).toEqual([...started].sort().reverse());
	});

	it('filters by customer, external customer and product', async () => {
		const ada = await list({ customerId: FIXTURE_IDS.ada });
		expect(new Set(ids(ada.success))).toEqual(
			new Set([SUBSCRIPTION_IDS.adaPro, SUBSCRIPTION_IDS.adaPaused]),
		);
		const grace = await list({
			externalCustomerId: FIXTURE_EXTERNAL_IDS.grace,
			productId: PRODUCT_IDS.teamYearly,
		});
		expect(ids(grace.success)).toEqual([SUBSCRIPTION_IDS.graceCanceling]);
		expect(polar().requests.at(-1)?.query).toMatchObject({
			external_customer_id: FIXTURE_EXTERNAL_IDS.grace,
			product_id: PRODUCT_IDS.teamYearly,
		});
	});

	it('filters by status, Active, Cancel at Period End and cancellation reason', async () => {
		expect(ids((await list({ status: 'paused' })).success)).toEqual([SUBSCRIPTION_IDS.adaPaused]);
		expect(ids((await list({ active: false })).success)).toEqual([SUBSCRIPTION_IDS.alanEnded]);
		expect(ids((await list({ cancelAtPeriodEnd: true })).success)).toEqual([
			SUBSCRIPTION_IDS.graceCanceling,
		]);
		expect(ids((await list({ cancellationReason: 'unused' })).success)).toEqual([
			SUBSCRIPTION_IDS.alanEnded,
		]);
	});

	it('filters by start and cancellation dates, and sorts as asked', async () => {
		const recent = await list({
			startedAfter: new Date(Date.now() - 15 * 86_400_000).toISOString(),
		});
		expect(new Set(ids(recent.success))).toEqual(
			new Set([SUBSCRIPTION_IDS.adaPro, SUBSCRIPTION_IDS.acmeTrial]),
		);
		const canceledLately = await list({
			canceledAtAfter: new Date(Date.now() - 7 * 86_400_000).toISOString(),
		});
		expect(ids(canceledLately.success)).toEqual([SUBSCRIPTION_IDS.graceCanceling]);
		const cheapestFirst = await list({ sorting: 'amount' });
		const amounts = cheapestFirst.success.map((item) => Number(item.json.amount));
		expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
		expect(polar().requests.at(-1)?.query.sorting).toBe('amount');
	});

	it('refuses a customer ID that is not a UUID, and a date that is not one, before sending', async () => {
		const customer = await list({ customerId: 'usr_ada' });
		expect(customer.executionError?.message).toMatch(
			/^Filters → Customer ID "usr_ada" is not a Polar ID .* \[item 0\]$/,
		);
		const date = await list({ startedBefore: 'last tuesday' });
		expect(date.executionError?.message).toBe(
			'Filters → Started Before "last tuesday" is not a date and time [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
