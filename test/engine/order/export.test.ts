import { ORDER_EXPORT_COLUMNS, ORDER_EXPORT_DEFAULT_COLUMNS } from '../../../dev/polar-double';
import { runOrder, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

const csvOf = (binary: { data: string } | undefined) =>
	Buffer.from(binary!.data, 'base64').toString('utf8').split('\r\n').filter(Boolean);

describe('Order → Export, in n8n’s engine against the Polar double', () => {
	it('puts Polar’s CSV in binary data: its default columns, one row per order, its file name', async () => {
		const result = await runOrder(polar(), 'export');
		expect(result.executionError).toBeUndefined();
		const [item] = result.success;
		expect(item.binary?.data).toMatchObject({ mimeType: 'text/csv', fileName: 'polar-orders.csv' });
		const lines = csvOf(item.binary?.data);
		expect(lines[0]).toBe('Email,Created At,Product,Net Amount,Currency,Status,Invoice number');
		expect(ORDER_EXPORT_DEFAULT_COLUMNS.map((c) => ORDER_EXPORT_COLUMNS[c][0]).join(',')).toBe(
			lines[0],
		);
		expect(lines).toHaveLength(1 + polar().orders.orders.length);
		expect(lines).toContainEqual(
			expect.stringMatching(
				/^ada@example\.com,2025-09-20T10:00:00\+00:00,Pro Monthly,19\.0,usd,paid,POLAR-\d{4}$/,
			),
		);
		expect(item.json).toEqual({
			fileName: 'polar-orders.csv',
			mimeType: 'text/csv',
			fileSize: Buffer.from(item.binary!.data.data, 'base64').length,
		});
	});

	it('sends the columns and statuses chosen; the file name carries the dates', async () => {
		const result = await runOrder(polar(), 'export', {
			parameters: {
				binaryPropertyName: 'csv',
				filters: {
					columns: ['billing_name', 'total_amount', 'billing_country'],
					status: ['paid', 'partially_refunded'],
					createdAfter: '2025-09-01T00:00:00Z',
				},
			},
		});
		const binary = result.success[0].binary?.csv;
		expect(binary?.fileName).toBe('polar-orders-2025-09-01.csv');
		expect(csvOf(binary)).toEqual([
			'Billing Name,Total,Billing Country',
			'Grace Hopper,190.0,US',
			',29.0,',
			'Ada Lovelace,20.52,US',
		]);
		expect(polar().requests[0].rawQuery).toContain(
			'columns=billing_name&columns=total_amount&columns=billing_country',
		);
	});
});
