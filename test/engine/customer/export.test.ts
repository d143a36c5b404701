import { CUSTOMER_EXPORT_HEADERS } from '../../../dev/polar-double';
import { runOperation, usePolarDouble } from '../fixtures';

const polar = usePolarDouble();

describe('Customer → Export, in n8n’s engine against the Polar double', () => {
	it('puts Polar’s customer CSV in binary data, one row per customer', async () => {
		const result = await runOperation(polar(), 'customer', 'export');
		expect(result.executionError).toBeUndefined();
		const binary = result.success[0].binary?.data;
		expect(binary).toMatchObject({ mimeType: 'text/csv', fileName: 'polar-customers.csv' });
		const lines = Buffer.from(binary!.data, 'base64')
			.toString('utf8')
			.split('\r\n')
			.filter(Boolean);
		expect(lines[0]).toBe(
			'ID,External ID,Created At,Email,Name,Tax ID,Billing Address Line 1,Billing Address Line 2,Billing Address City,Billing Address State,Billing Address Zip,Billing Address Country,Metadata',
		);
		expect(lines[0]).toBe(CUSTOMER_EXPORT_HEADERS.join(','));
		expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
			polar().customers.map((customer) => customer.id),
		);
		expect(polar().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v1/customers/export',
		]);
	});
});
