import {
	DEFAULT_TOKEN,
	FIXTURE_EXTERNAL_IDS,
	FIXTURE_IDS,
	validateCustomerSession,
} from '../../../dev/polar-double';
import { byExternalId, byId, createSessions, jsonOf, usePolarDouble } from '../fixtures';

const polar = usePolarDouble();

describe('Customer Session → Create, in n8n’s engine against the Polar double', () => {
	it('creates a session By ID and outputs what Polar returned', async () => {
		const result = await createSessions(polar(), { customer: byId(FIXTURE_IDS.ada) });

		expect(result.executionError).toBeUndefined();
		expect(result.success).toHaveLength(1);
		const session = result.success[0].json;
		expect(validateCustomerSession(session)).toEqual([]);
		expect(session).toMatchObject({ customer_id: FIXTURE_IDS.ada, return_url: null });
		expect(session.customer_portal_url).toEqual(expect.stringContaining(String(session.token)));
		expect(result.success[0].pairedItem).toEqual({ item: 0 });

		const [request] = polar().requests;
		expect(request.body).toEqual({ customer_id: FIXTURE_IDS.ada });
		expect(request.headers['polar-version']).toBe('2026-10');
		expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
		expect(polar().violations).toEqual([]);
	});

	it('makes one session per item By External ID from an expression, in order and paired', async () => {
		const ids = [FIXTURE_EXTERNAL_IDS.ada, FIXTURE_EXTERNAL_IDS.grace, FIXTURE_EXTERNAL_IDS.ada];
		const result = await createSessions(polar(), {
			customer: byExternalId('={{ $json.userId }}'),
			items: ids.map((userId) => ({ userId })),
			options: { concurrency: 1 },
		});

		expect(result.success.map((item) => item.json.customer_id)).toEqual([
			FIXTURE_IDS.ada,
			FIXTURE_IDS.grace,
			FIXTURE_IDS.ada,
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(polar().requests.map((request) => request.body)).toEqual(
			ids.map((external_customer_id) => ({ external_customer_id })),
		);
		expect(polar().violations).toEqual([]);
	});

	it('sends the Return URL and a member, and Polar’s answer echoes the Return URL', async () => {
		const returnUrl = 'https://example.com/account?from=n8n';
		const withMember = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.acmeTeam),
			additionalFields: { returnUrl, memberId: FIXTURE_IDS.acmeMember },
		});
		expect(withMember.success[0].json).toMatchObject({ return_url: returnUrl });
		expect(String(withMember.success[0].json.token)).toMatch(/^polar_mst_/);

		const withExternalMember = await createSessions(polar(), {
			customer: byExternalId(FIXTURE_EXTERNAL_IDS.acmeTeam),
			additionalFields: { externalMemberId: FIXTURE_EXTERNAL_IDS.acmeMember },
		});
		expect(withExternalMember.executionError).toBeUndefined();

		expect(polar().requests.map((request) => request.body)).toEqual([
			{
				customer_id: FIXTURE_IDS.acmeTeam,
				return_url: returnUrl,
				member_id: FIXTURE_IDS.acmeMember,
			},
			{
				external_customer_id: FIXTURE_EXTERNAL_IDS.acmeTeam,
				external_member_id: FIXTURE_EXTERNAL_IDS.acmeMember,
			},
		]);
		expect(polar().violations).toEqual([]);
	});

	it('takes the customer picked From List', async () => {
		const result = await createSessions(polar(), {
			customer: { __rl: true, mode: 'list', value: FIXTURE_IDS.grace, cachedResultName: 'Grace' },
		});
		expect(result.success[0].json.customer_id).toBe(FIXTURE_IDS.grace);
	});

	it('with Simplify, keeps what a workflow uses', async () => {
		const result = await createSessions(polar(), {
			customer: byId(FIXTURE_IDS.ada),
			simplify: true,
		});
		const session = result.success[0].json;
		expect(Object.keys(session).sort()).toEqual(
			[
				'customer_email',
				'customer_external_id',
				'customer_id',
				'customer_name',
				'customer_portal_url',
				'expires_at',
				'id',
				'return_url',
				'token',
			].sort(),
		);
		const customer = polar().customers.find((c) => c.id === FIXTURE_IDS.ada)!;
		expect(session).toMatchObject({
			customer_email: customer.email,
			customer_name: customer.name,
			customer_external_id: FIXTURE_EXTERNAL_IDS.ada,
		});
		expect(Date.parse(String(session.expires_at))).toBeGreaterThan(Date.now());
	});
});

describe('bad input is caught before any request', () => {
	const cases: Array<[string, Parameters<typeof createSessions>[1], RegExp]> = [
		[
			'a customer ID from an expression that is not a UUID',
			{ customer: byId('={{ $json.id }}'), items: [{ id: 'usr_1337' }] },
			/^Customer \(By ID\) "usr_1337" is not a Polar ID/,
		],
		[
			'a whitespace external ID',
			{ customer: byExternalId('   ') },
			/^Customer \(Ext\. ID\) is empty/,
		],
		[
			'an expression that resolved to an object',
			{ customer: byExternalId('={{ $json.user }}'), items: [{ user: { id: 1 } }] },
			/^Customer \(Ext\. ID\) resolved to an object, not text/,
		],
		[
			'both member fields',
			{
				customer: byId(FIXTURE_IDS.ada),
				additionalFields: { memberId: FIXTURE_IDS.adaOwnerMember, externalMemberId: 'x' },
			},
			/^Member ID and External Member ID are both set/,
		],
		[
			'a member ID that is not a UUID',
			{ customer: byId(FIXTURE_IDS.ada), additionalFields: { memberId: 'member-1' } },
			/^Member ID "member-1" is not a Polar ID/,
		],
		[
			'a relative Return URL',
			{ customer: byId(FIXTURE_IDS.ada), additionalFields: { returnUrl: '/account' } },
			/^Return URL "\/account" is not an absolute http\(s\) URL/,
		],
		[
			'a Return URL over 2083 characters',
			{
				customer: byId(FIXTURE_IDS.ada),
				additionalFields: { returnUrl: `https://e.com/${'a'.repeat(2080)}` },
			},
			/^Return URL is 2094 characters long/,
		],
	];

	it.each(cases)('%s', async (_name, run, message) => {
		const result = await createSessions(polar(), run);
		expect(result.executionError?.message).toMatch(message);
		expect(result.executionError?.message).toMatch(/\[item 0\]$/);
		expect(result.executionError?.itemIndex).toBe(0);
		expect(polar().requests).toEqual([]);
	});

	it('a typed customer ID that is not a UUID is flagged by n8n before the run', async () => {
		const result = await createSessions(polar(), { customer: byId('usr_1337') });
		expect(result.executionError?.message).toMatch(/Not a Polar customer ID \(a UUID\)/);
		expect(polar().requests).toEqual([]);
	});

	it('stops a batch before sending anything when a later item is bad', async () => {
		const result = await createSessions(polar(), {
			customer: byId('={{ $json.id }}'),
			items: [{ id: FIXTURE_IDS.ada }, { id: FIXTURE_IDS.grace }, { id: 'oops' }],
		});
		expect(result.executionError).toMatchObject({
			itemIndex: 2,
			message: expect.stringMatching(/\[item 2\]$/),
		});
		expect(polar().requests).toEqual([]);
	});
});

describe('On Error settings: every item ends as exactly one output item', () => {
	// A good item, an unknown customer (Polar's 422), bad input, and another good item.
	const items = [
		{ id: FIXTURE_IDS.ada },
		{ id: '11111111-1111-4111-8111-111111111111' },
		{ id: 'not-a-uuid' },
		{ id: FIXTURE_IDS.grace },
	];
	const customer = byId('={{ $json.id }}');

	it('Stop: fails the node, naming the item', async () => {
		const result = await createSessions(polar(), {
			customer,
			items: items.slice(0, 2),
			options: { concurrency: 1 },
		});
		expect(result.executionError).toMatchObject({
			message: 'No Polar customer with ID "11111111-1111-4111-8111-111111111111"',
			itemIndex: 1,
			httpCode: '422',
		});
	});

	it('Continue: outputs the error as the item, on the success output', async () => {
		const result = await createSessions(polar(), {
			customer,
			items,
			onError: 'continueRegularOutput',
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success).toHaveLength(4);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			items.map((_, item) => ({ item })),
		);
		expect(result.success[0].json.customer_id).toBe(FIXTURE_IDS.ada);
		// Exactly `message` and `error`: the json every n8n version accepts as a failed item.
		const noCustomer = 'No Polar customer with ID "11111111-1111-4111-8111-111111111111"';
		expect(result.success[1].json).toEqual({
			message: noCustomer,
			error: {
				message: noCustomer,
				description: expect.stringMatching(/environment/),
				httpCode: '422',
			},
		});
		const notAUuid = /^Customer \(By ID\) "not-a-uuid" is not a Polar ID.*\[item 2\]$/;
		expect(result.success[2].json).toEqual({
			message: expect.stringMatching(notAUuid),
			error: {
				message: expect.stringMatching(notAUuid),
				description: expect.any(String),
				httpCode: null,
			},
		});
		expect(result.success[3].json.customer_id).toBe(FIXTURE_IDS.grace);
		expect(polar().requests).toHaveLength(3);
	});

	it('Continue (using error output): failed items go to the error output, paired with their input', async () => {
		const result = await createSessions(polar(), {
			customer,
			items,
			onError: 'continueErrorOutput',
		});
		expect(result.executionError).toBeUndefined();
		expect(result.success.map((item) => [item.pairedItem, item.json.customer_id])).toEqual([
			[{ item: 0 }, FIXTURE_IDS.ada],
			[{ item: 3 }, FIXTURE_IDS.grace],
		]);
		expect(result.error.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(jsonOf(result.error)).toEqual([
			{
				id: items[1].id,
				message: expect.stringMatching(/^No Polar customer/),
				error: expect.objectContaining({ httpCode: '422' }),
			},
			{
				id: 'not-a-uuid',
				message: expect.stringMatching(/not a Polar ID/),
				error: expect.objectContaining({ httpCode: null }),
			},
		]);
	});
});
