// GET /v1/customers/export as Polar's server writes it (server/polar/customer/endpoints.py
// 119-179): the columns below, one row per customer, metadata as json.dumps, the file
// polar-customers.csv.

import type { CustomerStore } from './customers';
import { csvResponse, pythonIso } from './csv';
import type { Route } from './route';

type Json = Record<string, unknown>;

/** The export's header row. */
export const CUSTOMER_EXPORT_HEADERS = [
	'ID',
	'External ID',
	'Created At',
	'Email',
	'Name',
	'Tax ID',
	'Billing Address Line 1',
	'Billing Address Line 2',
	'Billing Address City',
	'Billing Address State',
	'Billing Address Zip',
	'Billing Address Country',
	'Metadata',
];

/** GET /v1/customers/export: every customer, as Polar's export writes them (polar-customers.csv). */
export function customerExportRoute(customers: CustomerStore): Route {
	return {
		method: 'GET',
		template: '/v1/customers/export',
		scopes: ['customers:read', 'customers:write'],
		answer: () => {
			const rows = customers.customers.map((c) => {
				const address = c.billing_address as Json | null;
				const part = (key: string) => (address ? ((address[key] as string | null) ?? null) : null);
				const metadata = c.metadata as Json;
				return [
					c.id,
					c.external_id,
					pythonIso(c.created_at),
					c.email,
					c.name,
					c.tax_id ? String((c.tax_id as unknown[])[0]) : null,
					part('line1'),
					part('line2'),
					part('city'),
					part('state'),
					part('postal_code'),
					part('country'),
					Object.keys(metadata).length > 0 ? pythonJson(metadata) : null,
				];
			});
			return csvResponse('polar-customers.csv', [CUSTOMER_EXPORT_HEADERS, ...rows]);
		},
	};
}

/** Python's json.dumps with its default separators (", " and ": "). */
function pythonJson(value: Json): string {
	return `{${Object.entries(value)
		.map(([key, entry]) => `${JSON.stringify(key)}: ${JSON.stringify(entry)}`)
		.join(', ')}}`;
}
