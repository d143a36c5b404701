import {
	SUBSCRIPTION_EXPORT_COLUMNS,
	SUBSCRIPTION_EXPORT_DEFAULT_COLUMNS,
} from '../../../dev/polar-double';
import {
	PRODUCT_IDS,
	runSubscription,
	SUBSCRIPTION_IDS,
	TOKENS,
	useSubscriptionDouble,
} from './fixtures';

const polar = useSubscriptionDouble();

const csvOf = (binary: { data: string } | undefined) =>
	Buffer.from(binary!.data, 'base64').toString('utf8').split('\r\n').filter(Boolean);

describe('Subscription → Export, in n8n’s engine against the Polar double', () => {
	it('puts Polar’s CSV in binary data: its default columns, one row per started subscription, with a read-only token', async () => {
		const result = await runSubscription(polar(), 'export', { token: TOKENS.read });
		expect(result.executionError).toBeUndefined();
		const [item] = result.success;
		expect(item.binary?.data).toMatchObject({
			mimeType: 'text/csv',
			fileName: 'polar-subscriptions.csv',
		});
		const lines = csvOf(item.binary?.data);
		expect(lines[0]).toBe('Email,Started At,Product,Amount,Currency,Status,Billing Interval');
		expect(
			SUBSCRIPTION_EXPORT_DEFAULT_COLUMNS.map((c) => SUBSCRIPTION_EXPORT_COLUMNS[c][0]).join(','),
		).toBe(lines[0]);
		const started = polar().subscriptions.subscriptions.filter((s) => s.started_at !== null);
		expect(lines).toHaveLength(1 + started.length);
		expect(lines).toContainEqual(
			expect.stringMatching(
				/^ada@example\.com,[\d-]+T[\d:.]+\+00:00,Pro Monthly,\d+\.\d+,usd,active,month$/,
			),
		);
		expect(item.json).toEqual({
			fileName: 'polar-subscriptions.csv',
			mimeType: 'text/csv',
			fileSize: Buffer.from(item.binary!.data.data, 'base64').length,
		});
		expect(polar().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v1/subscriptions/export',
		]);
	});

	it('sends the columns, statuses, product and cancel filter chosen; the file name carries the dates', async () => {
		const result = await runSubscription(polar(), 'export', {
			parameters: {
				binaryPropertyName: 'csv',
				filters: {
					columns: ['cancellation_reason', 'status', 'cancel_at_period_end'],
					status: ['active', 'canceled'],
					productId: PRODUCT_IDS.teamYearly,
					cancelAtPeriodEnd: true,
					startedAfter: '2020-01-01T00:00:00Z',
				},
			},
		});
		expect(result.executionError).toBeUndefined();
		const binary = result.success[0].binary?.csv;
		expect(binary?.fileName).toBe('polar-subscriptions-2020-01-01.csv');
		// Only Grace's Team Yearly subscription is active and set to cancel at the period end.
		expect(polar().subscriptions.find(SUBSCRIPTION_IDS.graceCanceling)?.product_id).toBe(
			PRODUCT_IDS.teamYearly,
		);
		expect(csvOf(binary)).toEqual([
			'Cancellation Reason,Status,Cancels At Period End',
			'too_expensive,active,true',
		]);
		const rawQuery = polar().requests[0].rawQuery;
		expect(rawQuery).toContain(
			'columns=cancellation_reason&columns=status&columns=cancel_at_period_end',
		);
		expect(rawQuery).toContain('status=active&status=canceled');
		expect(rawQuery).toContain('cancel_at_period_end=true');
	});

	it('refuses a start window that ends before it begins, before sending', async () => {
		const result = await runSubscription(polar(), 'export', {
			parameters: {
				filters: {
					startedAfter: '2025-02-01T00:00:00Z',
					startedBefore: '2025-01-01T00:00:00Z',
				},
			},
		});
		expect(result.executionError?.message).toBe(
			'Filters → Started Before is not after Started After [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
