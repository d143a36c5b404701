import { paidOrdersByMonth, runMetric, useMetricDouble } from './fixtures';

const polar = useMetricDouble();

const csvOf = (binary: { data: string } | undefined) =>
	Buffer.from(binary!.data, 'base64').toString('utf8').split('\r\n').filter(Boolean);

describe('Metric → Export, in n8n’s engine against the Polar double', () => {
	it('puts Polar’s CSV in binary data: a row per period, a column per metric', async () => {
		const result = await runMetric(polar(), 'export', {
			parameters: {
				startDate: '2025-09-01',
				endDate: '2025-11-30',
				interval: 'month',
				metrics: ['revenue', 'orders'],
				binaryPropertyName: 'csv',
			},
		});
		expect(result.executionError).toBeUndefined();
		const [item] = result.success;
		const binary = item.binary?.csv;
		expect(binary).toMatchObject({ mimeType: 'text/csv', fileName: 'polar-metrics.csv' });
		const byMonth = paidOrdersByMonth(polar());
		// Polar's order: orders before revenue, whatever the order chosen.
		expect(csvOf(binary)).toEqual([
			'Timestamp,Orders,Revenue',
			...['2025-09', '2025-10', '2025-11'].map((month) => {
				const orders = byMonth.get(month) ?? [];
				const revenue = orders.reduce((sum, order) => sum + Number(order.net_amount), 0);
				return `${month}-01T00:00:00+00:00,${orders.length},${revenue}`;
			}),
		]);
		expect(item.json).toEqual({
			fileName: 'polar-metrics.csv',
			mimeType: 'text/csv',
			fileSize: Buffer.from(binary!.data, 'base64').length,
		});
		expect(polar().requests[0].queryLists).toMatchObject({
			start_date: ['2025-09-01'],
			end_date: ['2025-11-30'],
			interval: ['month'],
			metrics: ['revenue', 'orders'],
		});
	});

	it('refuses a range too long for the interval before sending', async () => {
		const result = await runMetric(polar(), 'export', {
			parameters: { startDate: '2025-01-01', endDate: '2025-01-20', interval: 'hour' },
		});
		expect(result.executionError?.message).toBe(
			'Interval hour covers at most 7 days, and Start Date to End Date spans 19 [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
