// Every request the node can send, held against Polar API 2026-10 (Current since 2026-10-01)
// and 2027-01 (Current from Polar's January 2027 release, when 2026-04 is removed), as Polar's
// official SDK @polar-sh/sdk 1.0.1 ships their contracts: each route, each query parameter and
// body field, and the kinds of JSON each carries.

import { ENDPOINTS_PATH } from '../../nodes/Polar/trigger/endpoint';
import { PROBE_PATH } from '../../nodes/Polar/transport/connectionTest';
import {
	CONTRACT_VERSIONS,
	contractProblems,
	offeredRequests,
	requestFromSpec,
	type RequestShape,
} from './contract';
import { sdkContract } from './sdkContract';

const PAGE = ['query.limit', 'query.page'];

/** What the node sends besides its operations' declared endpoints. */
const OTHER_REQUESTS: Array<[string, RequestShape]> = [
	// From list (methods/listSearch.ts): one page; the typed text is Polar's `query` where it has one.
	...['/v1/customers/', '/v1/products/', '/v1/meters/', '/v1/benefits/', '/v1/discounts/'].map(
		(path): [string, RequestShape] => [
			'From list',
			requestFromSpec({ method: 'GET', path }, ['query.query', ...PAGE]),
		],
	),
	...['/v1/subscriptions/', '/v1/orders/', ENDPOINTS_PATH].map((path): [string, RequestShape] => [
		'From list',
		requestFromSpec({ method: 'GET', path }, PAGE),
	]),
	// License keys: the token's organization (helpers/licenseKey.ts).
	[
		'license key organization',
		requestFromSpec({ method: 'GET', path: '/v1/organizations/' }, ['query.limit']),
	],
	['Test connection', requestFromSpec({ method: 'POST', path: PROBE_PATH }, ['body.customer_id'])],
	// The Polar Trigger's endpoint (trigger/endpoint.ts); its real bodies are held in
	// test/engine/versionContract.test.ts, api_version included.
	['Polar Trigger', requestFromSpec({ method: 'GET', path: ENDPOINTS_PATH }, PAGE)],
	[
		'Polar Trigger',
		requestFromSpec({ method: 'POST', path: ENDPOINTS_PATH }, [
			'body.url',
			'body.format',
			'body.events',
			'body.organization_id',
		]),
	],
	...(['GET', 'DELETE'] as const).map((method): [string, RequestShape] => [
		'Polar Trigger',
		requestFromSpec({ method, path: `${ENDPOINTS_PATH}/{id}` }, []),
	]),
	[
		'Polar Trigger',
		requestFromSpec({ method: 'PATCH', path: `${ENDPOINTS_PATH}/{id}` }, [
			'body.url',
			'body.events',
			'body.format',
			'body.enabled',
		]),
	],
];

describe.each(CONTRACT_VERSIONS)('Polar API %s, as the SDK 1.0.1 ships it', (version) => {
	const contract = () => sdkContract(version);

	it('has each route, query parameter and body field the node’s operations send, of its kind', () => {
		const requests = offeredRequests();
		// Every operation the node offers, each endpoint it declares (fields.ts: 80 operations).
		expect(new Set(requests.map((r) => r.operation)).size).toBe(80);
		const problems = requests.flatMap(({ operation, request }) =>
			contractProblems(contract(), request).map((problem) => `${operation}: ${problem}`),
		);
		expect(problems).toEqual([]);
	});

	it('has what From list, Test connection and the Polar Trigger send', () => {
		const problems = OTHER_REQUESTS.flatMap(([who, request]) =>
			contractProblems(contract(), request).map((problem) => `${who}: ${problem}`),
		);
		expect(problems).toEqual([]);
	});
});

describe('the contract check', () => {
	const contract = () => sdkContract('2027-01');

	it('names a route the version lacks: Polar’s 2026-04 spec has GET /v1/members/, the SDK not', () => {
		expect(
			contractProblems(
				contract(),
				requestFromSpec({ method: 'GET', path: '/v1/members/' }, ['query.customer_id']),
			),
		).toEqual(['GET /v1/members/: no such route']);
	});

	it('names a body field the version lacks, a kind it does not take, a body it takes none of', () => {
		const problems = (request: RequestShape) => contractProblems(contract(), request);
		expect(
			problems({
				method: 'POST',
				path: ENDPOINTS_PATH,
				query: {},
				body: { url: ['string'], secret: ['string'], api_version: ['string'] },
			}),
		).toEqual([`POST ${ENDPOINTS_PATH}: no body.secret`]);
		expect(
			problems({
				method: 'PATCH',
				path: '/v1/subscriptions/{id}',
				query: {},
				body: { seats: ['number', 'null'] },
			}),
		).toEqual(['PATCH /v1/subscriptions/{id}: body.seats takes number, not null']);
		expect(
			problems({ method: 'GET', path: '/v1/products/', query: { external_id: ['string'] } }),
		).toEqual(['GET /v1/products/: no query.external_id']);
		expect(
			problems({ method: 'GET', path: '/v1/products/{id}', query: {}, body: { id: ['string'] } }),
		).toEqual(['GET /v1/products/{id}: takes no body']);
	});
});
