// The double's disputes and payments against Polar's rules (server/polar/dispute/service.py,
// server/polar/payment/service.py), over real HTTP: Accept only for a dispute awaiting a response,
// the list filters, and every answer valid against the spec.

import {
	DEFAULT_TOKEN,
	DISPUTE_IDS,
	PAYMENT_IDS,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';

const HEADERS = { authorization: `Bearer ${DEFAULT_TOKEN}`, 'polar-version': '2026-04' };

let polar: PolarDouble;
beforeEach(async () => {
	polar = await startPolarDouble({
		tokens: { [DEFAULT_TOKEN]: ['disputes:write', 'payments:read'] },
	});
});
afterEach(async () => {
	expect(polar.violations.map((v) => v.message)).toEqual([]);
	await polar.close();
});

const call = async (method: string, path: string) => {
	const response = await fetch(`${polar.url}${path}`, { method, headers: HEADERS });
	return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('the double’s disputes', () => {
	it('accepts a dispute in needs_response once: it is lost, and a second accept is a 409', async () => {
		const first = await call('POST', `/v1/disputes/${DISPUTE_IDS.open}/accept`);
		expect([first.status, first.body.status, first.body.closed]).toEqual([200, 'lost', true]);
		const again = await call('POST', `/v1/disputes/${DISPUTE_IDS.open}/accept`);
		expect(again).toEqual({
			status: 409,
			body: {
				error: 'DisputeNotOpenError',
				detail: `Dispute ${DISPUTE_IDS.open} is not awaiting a response.`,
			},
		});
		polar.reset();
		expect(polar.disputes.find((d) => d.id === DISPUTE_IDS.open)?.status).toBe('needs_response');
	});

	it('refuses a won dispute and answers 404 for an unknown one', async () => {
		expect((await call('POST', `/v1/disputes/${DISPUTE_IDS.won}/accept`)).status).toBe(409);
		const unknown = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
		expect((await call('GET', `/v1/disputes/${unknown}`)).status).toBe(404);
	});

	it('filters the list by status, given once or several times', async () => {
		const open = await call('GET', '/v1/disputes/?status=needs_response');
		expect(open.body.items.map((d: { id: string }) => d.id)).toEqual([DISPUTE_IDS.open]);
		const closed = await call('GET', '/v1/disputes/?status=won&status=lost');
		expect(closed.body.pagination).toEqual({ total_count: 2, max_page: 1 });
	});
});

describe('the double’s payments', () => {
	it('filters by status and gets one by ID', async () => {
		const failed = await call('GET', '/v1/payments/?status=failed');
		expect(failed.body.items.map((p: { id: string }) => p.id)).toEqual([PAYMENT_IDS.declined]);
		const one = await call('GET', `/v1/payments/${PAYMENT_IDS.oneTime}`);
		expect(one.body.method_metadata).toEqual({ brand: 'mastercard', last4: '4444' });
	});
});
