import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	OTHER_ORGANIZATION_ID,
	PERSONAL_TOKEN,
} from '../../dev/polar-double';
import { ORGANIZATION_PLACES } from '../../nodes/Polar/transport/organization';
import { jsonOf, runOperation, usePolarDouble } from './fixtures';

// Which organization Polar acts on (organization/resolver.py get_payload_organization,
// authz/service.py get_accessible_org_ids): an organization token is its organization and may
// not name one; a personal token reaches two organizations in the double, and must name one.
const ALL_SCOPES = [
	'customers:read',
	'customers:write',
	'products:read',
	'discounts:read',
	'discounts:write',
	'checkouts:read',
	'checkout_links:read',
	'license_keys:read',
	'license_keys:write',
	'meters:read',
	'customer_meters:read',
	'benefits:read',
	'refunds:read',
	'disputes:read',
	'payments:read',
	'orders:read',
	'events:read',
	'events:write',
	'subscriptions:read',
	'metrics:read',
];
const polar = usePolarDouble({
	tokens: {
		[DEFAULT_TOKEN]: ALL_SCOPES,
		[PERSONAL_TOKEN]: [...ALL_SCOPES, 'organizations:read'],
	},
});
const own = FIXTURE_IDS.organization;
const personal = { accessToken: PERSONAL_TOKEN, organizationId: own };
const newCustomer = { email: 'new@example.com', name: 'New Customer' };

const AUTUMN = {
	startDate: '2025-09-01',
	endDate: '2025-11-30',
	interval: 'month',
	metrics: ['orders', 'revenue'],
};
const ingestParameters = {
	eventName: 'api_call',
	customer: { __rl: true, mode: 'id', value: FIXTURE_IDS.ada },
	deduplication: 'none',
};

const sent = () => polar().requests.map((r) => `${r.method} ${r.path}`);

describe('With an organization token', () => {
	it('with an Organization ID set, sends no organization header and names none in a create body (Polar refuses it)', async () => {
		const created = await runOperation(polar(), 'customer', 'create', {
			parameters: newCustomer,
			credential: { organizationId: own },
		});
		expect(created.executionError).toBeUndefined();
		expect(jsonOf(created.success)[0]).toMatchObject({ organization_id: own });
		const listed = await runOperation(polar(), 'customer', 'getAll', {
			parameters: { returnAll: true },
			credential: { organizationId: own },
		});
		expect(listed.executionError).toBeUndefined();
		const [create, list] = polar().requests;
		expect(create.body).not.toHaveProperty('organization_id');
		for (const request of [create, list])
			expect(request.headers).not.toHaveProperty('polar-organization');
	});
});

describe('With a personal token', () => {
	it('without an Organization ID, fails each item before any request, naming the credential field', async () => {
		const result = await runOperation(polar(), 'customer', 'create', {
			parameters: newCustomer,
			items: [{}, {}],
			credential: { accessToken: PERSONAL_TOKEN },
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.error)
			expect(item.json.message).toBe(
				'The Polar credential needs an Organization ID for this operation',
			);
		expect(polar().requests).toEqual([]);
	});

	it('names the credential’s organization in a create body', async () => {
		const result = await runOperation(polar(), 'customer', 'create', {
			parameters: { ...newCustomer, email: 'personal@example.com' },
			credential: personal,
		});
		expect(result.executionError).toBeUndefined();
		expect((polar().requests[0].body as IDataObject).organization_id).toBe(own);
	});

	it('lists only the credential’s organization: the other one’s customers and products stay out', async () => {
		const customers = await runOperation(polar(), 'customer', 'getAll', {
			parameters: { returnAll: true },
			credential: personal,
		});
		const products = await runOperation(polar(), 'product', 'getAll', {
			parameters: { returnAll: true },
			credential: personal,
		});
		const organizations = [...jsonOf(customers.success), ...jsonOf(products.success)].map(
			(record) => record.organization_id,
		);
		expect(organizations.length).toBeGreaterThan(0);
		expect(organizations).not.toContain(OTHER_ORGANIZATION_ID);
	});

	it.each([
		['customer', 'getAll'],
		['product', 'getAll'],
		['discount', 'getAll'],
		['checkout', 'getAll'],
		['checkoutLink', 'getAll'],
		['licenseKey', 'getAll'],
		['meter', 'getAll'],
		['customerMeter', 'getAll'],
		['benefit', 'getAll'],
		['benefitGrant', 'getAll'],
		['refund', 'getAll'],
		['dispute', 'getAll'],
		['payment', 'getAll'],
		['order', 'getAll'],
		['event', 'getAll'],
		['event', 'listNames'],
		['subscription', 'getAll'],
		['customer', 'export'],
		['order', 'export'],
		['subscription', 'export'],
		['metric', 'get'],
		['metric', 'export'],
	])('%s → %s filters by the credential’s organization', async (resource, operation) => {
		const result = await runOperation(polar(), resource, operation, {
			parameters: resource === 'metric' ? AUTUMN : { returnAll: true },
			credential: personal,
		});
		expect(result.executionError).toBeUndefined();
		const scoped = polar().requests.filter(
			(r) => ORGANIZATION_PLACES[`${r.method} ${r.path}`] === 'query',
		);
		expect(scoped.length).toBeGreaterThan(0);
		for (const request of scoped) expect(request.queryLists.organization_id).toEqual([own]);
	});

	it('names the organization in every ingested event', async () => {
		const result = await runOperation(polar(), 'event', 'ingest', {
			parameters: ingestParameters,
			items: [{}, {}],
			credential: personal,
		});
		expect(result.executionError).toBeUndefined();
		const { events } = polar().requests[0].body as { events: IDataObject[] };
		expect(events.map((event) => event.organization_id)).toEqual([own, own]);
	});

	it('without an Organization ID, fails every event to ingest unsent', async () => {
		const result = await runOperation(polar(), 'event', 'ingest', {
			parameters: ingestParameters,
			items: [{}, {}],
			credential: { accessToken: PERSONAL_TOKEN },
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => item.json.message)).toEqual([
			'The Polar credential needs an Organization ID for this operation',
			'The Polar credential needs an Organization ID for this operation',
		]);
		expect(polar().requests).toEqual([]);
	});
});

describe('License Key → Validate with a wrong Organization ID', () => {
	const wrong = '1dbfc517-0bbf-4301-9ba8-555ca42b9737';

	it.each([
		[
			'an organization token that may not read organizations',
			DEFAULT_TOKEN,
			'Polar has no license key in the credential’s Organization ID for this access token: the Organization ID may be wrong',
		],
		[
			'a personal token',
			PERSONAL_TOKEN,
			'The credential’s Organization ID is not an organization this access token reaches',
		],
	])(
		'with %s, fails naming the field instead of answering valid: false for a good key',
		async (_, token, message) => {
			const result = await runOperation(polar(), 'licenseKey', 'validate', {
				parameters: { key: 'POLAR-ACTIVE-0001', invalidAsItem: true },
				credential: { accessToken: token, organizationId: wrong },
				onError: 'continueErrorOutput',
			});
			expect(result.success).toEqual([]);
			expect(result.error[0].json.message).toBe(message);
			expect(result.error[0].pairedItem).toEqual({ item: 0 });
		},
	);

	it('with the right one, an unknown key is still { valid: false }', async () => {
		const result = await runOperation(polar(), 'licenseKey', 'validate', {
			parameters: { key: 'NO-SUCH-KEY', invalidAsItem: true },
			credential: personal,
		});
		expect(jsonOf(result.success)).toEqual([{ valid: false, reason: 'License key not found.' }]);
		expect(sent()).toEqual(['POST /v1/license-keys/validate', 'GET /v1/license-keys/']);
	});
});
