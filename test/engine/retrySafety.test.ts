import { readFileSync } from 'fs';

import {
	FIXTURE_IDS,
	startPolarDouble,
	type FailureScenario,
	type PolarDouble,
} from '../../dev/polar-double';
import { byExternalId, byId, createSessions, usePolarDouble } from './fixtures';

const polar = usePolarDouble();
const customers = [FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.alan];
const customerFromItem = byId('={{ $json.id }}');
const itemsFor = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: customers[i % 3] }));
const failedText = (json: Record<string, unknown>) => JSON.stringify(json);

describe('a create that Polar may have carried out is not sent again', () => {
	const ambiguous: FailureScenario[] = [
		'internal-server-error',
		'bad-gateway-html',
		'gateway-timeout',
		'connection-reset',
		'hang',
		'commit-then-hang',
		'commit-then-reset',
		'commit-then-502',
	];

	it.each(ambiguous)('%s: one request, and the item says a session may exist', async (scenario) => {
		polar().failNext(scenario);
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			options: { maxRetries: 5, maxRetryWait: 1, timeout: 500 },
		});
		expect(polar().requests).toHaveLength(1);
		expect(result.executionError?.description).toMatch(
			/Polar may have created the session \(its link expires within an hour unused\) before the answer was lost\. The node did not send it again/,
		);
	});

	it('under commit-then-fail faults, every session Polar created is reported or flagged', async () => {
		const double = polar();
		// One request at a time: the first three requests meet the faults, in this order.
		for (const fault of ['commit-then-hang', 'commit-then-reset', 'commit-then-502'] as const) {
			double.failNext(fault);
		}
		const result = await createSessions(double, {
			customer: customerFromItem,
			items: itemsFor(12),
			onError: 'continueRegularOutput',
			options: { concurrency: 1, maxRetryWait: 1, timeout: 400 },
		});

		const reported = result.success.filter((item) => item.json.customer_portal_url);
		const flagged = result.success.filter((item) =>
			/may have created the session/.test(failedText(item.json)),
		);
		expect(reported).toHaveLength(9);
		expect(flagged.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// Created = reported + flagged: nothing unseen, nothing twice.
		expect(double.requests).toHaveLength(12);
		expect(double.sessions).toHaveLength(reported.length + flagged.length);
		const reportedIds = new Set(reported.map((item) => item.json.id));
		expect(double.sessions.filter((session) => !reportedIds.has(session.id))).toHaveLength(3);
	});
});

describe('On Error: Stop says what Polar already did', () => {
	let slow: PolarDouble;
	beforeAll(async () => {
		slow = await startPolarDouble({ latencyMs: 150 });
	});
	afterAll(async () => await slow.close());

	it('names the items whose sessions were created while the failing one was in flight', async () => {
		const items = [{ id: '11111111-1111-4111-8111-111111111111' }, ...itemsFor(4)];
		slow.failNext('validation-error');
		const result = await createSessions(slow, {
			customer: customerFromItem,
			items,
			options: { concurrency: 5 },
		});
		expect(result.executionError).toMatchObject({ itemIndex: 0, httpCode: '422' });
		expect(slow.sessions).toHaveLength(4);
		const description = result.executionError?.description ?? '';
		for (const [i, item] of items.slice(1).entries()) {
			expect(description).toContain(`item ${i + 1} (session for customer ID "${item.id}")`);
		}
		expect(description).toMatch(/^Check the customer ID/);
		expect(description).not.toMatch(/polar_cst_|https?:\/\//);
	});
});

describe('a wait Polar asks for is honoured by the whole run', () => {
	it('Continue: when the wait is longer than allowed, the rest fail at once, unsent', async () => {
		polar().failNext('rate-limited', 1, { retryAfterSeconds: 120 });
		const result = await createSessions(polar(), {
			customer: customerFromItem,
			items: itemsFor(30),
			onError: 'continueRegularOutput',
			options: { concurrency: 1 },
		});
		expect(polar().requests).toHaveLength(1);
		expect(result.success).toHaveLength(30);
		for (const [i, item] of result.success.entries()) {
			expect(item.pairedItem).toEqual({ item: i });
			expect(failedText(item.json)).toContain('Polar’s rate limit was reached (429)');
		}
	});

	it('Stop: the run stops after the one request', async () => {
		polar().failNext('rate-limited', 1, { retryAfterSeconds: 120 });
		const result = await createSessions(polar(), {
			customer: customerFromItem,
			items: itemsFor(10),
			options: { concurrency: 3 },
		});
		expect(result.executionError?.message).toBe('Polar’s rate limit was reached (429)');
		expect(polar().requests.length).toBeLessThanOrEqual(3);
		expect(polar().sessions).toHaveLength(polar().requests.length - 1);
	});
});

/** The system error codes whose presence makes n8n's error classes replace a message. */
function n8nRewrittenCodes(): string[] {
	const file = require.resolve('n8n-workflow/dist/cjs/errors/abstract/node.error.js');
	const source = readFileSync(file, 'utf8');
	const table = /const COMMON_ERRORS = \{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
	return [...table.matchAll(/^\s+([A-Z_]+):/gm)].map((match) => match[1]);
}

describe('messages survive n8n’s rewriting of system error codes', () => {
	const codes = n8nRewrittenCodes();

	it('finds n8n’s list', () => {
		expect(codes).toEqual(expect.arrayContaining(['EEXIST', 'EPERM', 'EACCES', 'ECONNREFUSED']));
	});

	it.each(['preexisting_user', 'keeperman', 'freeaccess-42'])(
		'an unknown external ID %s is named as it is',
		async (externalId) => {
			const result = await createSessions(polar(), { customer: byExternalId(externalId) });
			expect(result.executionError?.message).toBe(
				`No Polar customer with external ID "${externalId}"`,
			);
		},
	);

	it('every code on n8n’s list, in Stop and Continue', async () => {
		const ids = codes.map((code) => `usr_${code.toLowerCase()}_1`);
		const result = await createSessions(polar(), {
			customer: byExternalId('={{ $json.id }}'),
			items: ids.map((id) => ({ id })),
			onError: 'continueRegularOutput',
		});
		expect(result.success.map((item) => failedText(item.json))).toEqual(
			ids.map((id) => expect.stringContaining(`No Polar customer with external ID \\"${id}\\"`)),
		);
		const stopped = await createSessions(polar(), { customer: byExternalId(ids[0]) });
		expect(stopped.executionError?.message).toBe(`No Polar customer with external ID "${ids[0]}"`);
	});

	it('in a message about bad input', async () => {
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			additionalFields: { memberId: 'EEXIST' },
		});
		expect(result.executionError?.message).toMatch(/^Member ID "EEXIST" is not a Polar ID/);
		expect(polar().requests).toHaveLength(0);
	});
});
