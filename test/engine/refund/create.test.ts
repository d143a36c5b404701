import { REFUNDABLE_ORDER_IDS, type FailureScenario } from '../../../dev/polar-double';
import { Polar } from '../../../nodes/Polar/Polar.node';
import { byId, NO_ORDER, orderIn, runRefund, sent, TOKENS, useRefundDouble } from './fixtures';

const polar = useRefundDouble();

const refund = (order: string, parameters: Record<string, unknown> = {}) => ({
	parameters: {
		order: byId(order),
		refundAmount: 'amount',
		reason: 'customer_request',
		...parameters,
	},
});

describe('Refund → Create, in n8n’s engine against the Polar double', () => {
	it('12.50 in a USD order is sent as 1250 cents; Polar adds the tax in proportion', async () => {
		const result = await runRefund(
			polar(),
			'create',
			refund(REFUNDABLE_ORDER_IDS.oneTime, { amount: 12.5 }),
		);
		expect(result.executionError).toBeUndefined();
		expect(sent(polar())).toEqual([
			`GET /v1/orders/${REFUNDABLE_ORDER_IDS.oneTime}`,
			'POST /v1/refunds/',
		]);
		expect(polar().requests[1].body).toEqual({
			order_id: REFUNDABLE_ORDER_IDS.oneTime,
			reason: 'customer_request',
			amount: 1250,
		});
		// 29.00 with 5.80 tax: 12.50 refunds 2.50 of tax.
		expect(result.success[0].json).toMatchObject({
			amount: 1250,
			tax_amount: 250,
			currency: 'usd',
			status: 'succeeded',
			order_id: REFUNDABLE_ORDER_IDS.oneTime,
		});
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expect(orderIn(polar(), REFUNDABLE_ORDER_IDS.oneTime)).toMatchObject({
			status: 'partially_refunded',
			refunded_amount: 1250,
			refundable_amount: 1650,
		});
	});

	it('a zero-decimal currency counts whole units: 1000 in a JPY order is 1000 yen', async () => {
		const result = await runRefund(
			polar(),
			'create',
			refund(REFUNDABLE_ORDER_IDS.yen, { amount: 1000 }),
		);
		expect(result.executionError).toBeUndefined();
		expect(polar().requests[1].body).toMatchObject({ amount: 1000 });
		expect(result.success[0].json).toMatchObject({ amount: 1000, currency: 'jpy' });
	});

	it('a fraction of a yen is refused once the order is read, and no refund is sent', async () => {
		const before = polar().refunds.length;
		const result = await runRefund(
			polar(),
			'create',
			refund(REFUNDABLE_ORDER_IDS.yen, { amount: 12.5 }),
		);
		expect(result.executionError).toMatchObject({
			message: 'Amount is 12.5 JPY, but JPY has no smaller unit: give whole JPY',
			description: expect.stringMatching(/is in JPY.*The node sent no refund/),
		});
		expect(sent(polar())).toEqual([`GET /v1/orders/${REFUNDABLE_ORDER_IDS.yen}`]);
		expect(polar().refunds).toHaveLength(before);
	});

	it('Whole Refundable Amount reads the order and refunds what is left; then nothing is left', async () => {
		const whole = refund(REFUNDABLE_ORDER_IDS.partiallyRefunded, { refundAmount: 'whole' });
		const left = orderIn(polar(), REFUNDABLE_ORDER_IDS.partiallyRefunded).refundable_amount;
		expect(left).toBe(6000);
		const first = await runRefund(polar(), 'create', whole);
		expect(first.executionError).toBeUndefined();
		expect(polar().requests[1].body).toMatchObject({ amount: left });
		expect(orderIn(polar(), REFUNDABLE_ORDER_IDS.partiallyRefunded)).toMatchObject({
			status: 'refunded',
			refundable_amount: 0,
		});

		polar().reset();
		const again = await runRefund(polar(), 'create', whole);
		expect(again.executionError).toMatchObject({
			// As Polar says it when an amount is sent for a fully refunded order.
			message: `Order ${REFUNDABLE_ORDER_IDS.partiallyRefunded} is already fully refunded`,
			description: expect.stringMatching(/status is refunded, with 100\.00 USD refunded already/),
		});
		expect(sent(polar())).toEqual([`GET /v1/orders/${REFUNDABLE_ORDER_IDS.partiallyRefunded}`]);
	});

	it('sends the comment, metadata and Revoke Benefits of a one-time order', async () => {
		const result = await runRefund(
			polar(),
			'create',
			refund(REFUNDABLE_ORDER_IDS.oneTime, {
				amount: '1.00',
				reason: 'satisfaction_guarantee',
				additionalFields: {
					comment: 'Ticket #4521',
					revokeBenefits: true,
					metadata: { entries: [{ key: 'ticket', type: 'number', value: '4521' }] },
				},
			}),
		);
		expect(result.executionError).toBeUndefined();
		expect(polar().requests[1].body).toEqual({
			order_id: REFUNDABLE_ORDER_IDS.oneTime,
			reason: 'satisfaction_guarantee',
			amount: 100,
			comment: 'Ticket #4521',
			revoke_benefits: true,
			metadata: { ticket: 4521 },
		});
		expect(result.success[0].json).toMatchObject({
			revoke_benefits: true,
			metadata: { ticket: 4521 },
		});
	});

	describe('Polar’s refusals say what happened, and nothing is refunded', () => {
		it.each([
			[
				'an order fully refunded',
				REFUNDABLE_ORDER_IDS.refunded,
				{ amount: 1 },
				'403',
				`Order ${REFUNDABLE_ORDER_IDS.refunded} is already fully refunded`,
			],
			[
				'a disputed payment',
				REFUNDABLE_ORDER_IDS.disputed,
				{ amount: 1 },
				'403',
				`Order ${REFUNDABLE_ORDER_IDS.disputed} cannot be refunded: its payment is disputed`,
			],
			[
				'refunds blocked',
				REFUNDABLE_ORDER_IDS.blocked,
				{ amount: 1 },
				'403',
				`Polar blocks refunds for order ${REFUNDABLE_ORDER_IDS.blocked}`,
			],
			[
				'an order not paid yet',
				REFUNDABLE_ORDER_IDS.pending,
				{ amount: 1 },
				'404',
				`Order ${REFUNDABLE_ORDER_IDS.pending} has no payment to refund`,
			],
			[
				'Revoke Benefits on a subscription’s order',
				REFUNDABLE_ORDER_IDS.subscription,
				{ amount: 1, additionalFields: { revokeBenefits: true } },
				'400',
				`Revoke Benefits is only for one-time orders: order ${REFUNDABLE_ORDER_IDS.subscription} is a subscription’s`,
			],
			[
				'more than is left to refund',
				REFUNDABLE_ORDER_IDS.subscription,
				{ amount: 50 },
				'422',
				`A refund of 50.00 USD is more than order ${REFUNDABLE_ORDER_IDS.subscription} has left to refund (19.00 USD)`,
			],
		])('%s', async (_case, order, parameters, httpCode, message) => {
			const before = polar().refunds.length;
			const result = await runRefund(polar(), 'create', refund(order, parameters));
			expect(result.executionError).toMatchObject({ message, httpCode, itemIndex: 0 });
			expect(sent(polar())).toEqual([`GET /v1/orders/${order}`, 'POST /v1/refunds/']);
			expect(polar().refunds).toHaveLength(before);
		});

		it('an order Polar does not have: named, and no refund is sent', async () => {
			const result = await runRefund(polar(), 'create', refund(NO_ORDER, { amount: 1 }));
			expect(result.executionError).toMatchObject({
				message: `No Polar order with ID "${NO_ORDER}"`,
				httpCode: '404',
			});
			expect(sent(polar())).toEqual([`GET /v1/orders/${NO_ORDER}`]);
		});

		it('a token without orders:read says which scope to add', async () => {
			const result = await runRefund(polar(), 'create', {
				...refund(REFUNDABLE_ORDER_IDS.oneTime, { amount: 1 }),
				token: TOKENS.refundsOnly,
			});
			expect(result.executionError?.message).toBe(
				'The access token lacks the orders:read scope (403)',
			);
		});

		it('a member’s token without the permission: Polar’s NotPermitted, in its words, not a scope', async () => {
			// refund/service.py user_create → authz assert_resource_permission(sales_manage).
			polar().failNext('not-permitted', 1, {
				detail: 'You don’t have permission to manage sales',
			});
			const result = await runRefund(
				polar(),
				'create',
				refund(REFUNDABLE_ORDER_IDS.oneTime, { amount: 1 }),
			);
			expect(result.executionError).toMatchObject({
				message: 'Polar refused the request (403 NotPermitted)',
				httpCode: '403',
			});
			expect(result.executionError?.description).toMatch(
				/^You don’t have permission to manage sales\. The token has the scope, but Polar does not let its owner do this/,
			);
			expect(result.executionError?.message).not.toMatch(/scope/);
		});

		it('with On Error: Continue, each refusal is its own item’s error output', async () => {
			const result = await runRefund(polar(), 'create', {
				...refund('={{ $json.order }}', { amount: 1 }),
				items: [{ order: REFUNDABLE_ORDER_IDS.refunded }, { order: REFUNDABLE_ORDER_IDS.oneTime }],
				onError: 'continueErrorOutput',
			});
			expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
				[`Order ${REFUNDABLE_ORDER_IDS.refunded} is already fully refunded`, { item: 0 }],
			]);
			expect(result.success.map((item) => [item.json.amount, item.pairedItem])).toEqual([
				[100, { item: 1 }],
			]);
		});
	});

	it.each([
		[{ amount: 0 }, 'Amount must be more than 0, not 0 [item 0]'],
		[{ amount: 12.345 }, 'Amount is 12.345: amounts go to the hundredth at most [item 0]'],
		[{ amount: 'twelve' }, 'Amount is "twelve", not an amount [item 0]'],
	])('bad input %j fails before anything is sent', async (parameters, message) => {
		const result = await runRefund(
			polar(),
			'create',
			refund(REFUNDABLE_ORDER_IDS.oneTime, parameters),
		);
		expect(result.executionError?.message).toBe(message);
		expect(polar().requests).toHaveLength(0);
	});

	it('an order ID that is not a UUID fails before anything is sent', async () => {
		// An expression: n8n checks a typed ID against the locator's pattern itself.
		const result = await runRefund(polar(), 'create', {
			...refund('={{ $json.order }}', { amount: 1 }),
			items: [{ order: '1234' }],
		});
		expect(result.executionError?.message).toMatch(/^Order \(By ID\) "1234" is not a Polar ID/);
		expect(polar().requests).toHaveLength(0);
	});
});

describe('a refund is never sent twice', () => {
	const lossy = useRefundDouble();

	it.each<FailureScenario>(['commit-then-502', 'commit-then-reset', 'commit-then-hang'])(
		'%s: Polar refunded, the answer was lost; one request, and the item says so',
		async (scenario) => {
			const before = lossy().refunds.length;
			lossy().failNext(scenario);
			const result = await runRefund(lossy(), 'create', {
				...refund(REFUNDABLE_ORDER_IDS.subscription, { amount: 1 }),
				parameters: {
					...refund(REFUNDABLE_ORDER_IDS.subscription, { amount: 1 }).parameters,
					options: { maxRetries: 5, maxRetryWait: 1, timeout: 500 },
				},
			});
			expect(sent(lossy())).toEqual([
				`GET /v1/orders/${REFUNDABLE_ORDER_IDS.subscription}`,
				'POST /v1/refunds/',
			]);
			expect(result.executionError?.description).toMatch(
				new RegExp(
					`Polar may have refunded 1\\.00 USD on order ${REFUNDABLE_ORDER_IDS.subscription} \\(Refund → Get Many with the order’s ID shows whether it did\\) before the answer was lost\\. The node did not send it again`,
				),
			);
			// Polar made exactly one refund.
			expect(lossy().refunds).toHaveLength(before + 1);
		},
	);

	it('a failure before Polar acted (500) is not retried either: Polar cannot tell', async () => {
		const before = lossy().refunds.length;
		lossy().failNext('internal-server-error');
		const result = await runRefund(lossy(), 'create', {
			parameters: {
				...refund(REFUNDABLE_ORDER_IDS.subscription, { amount: 1 }).parameters,
				options: { maxRetries: 5, maxRetryWait: 1 },
			},
		});
		expect(sent(lossy())).toHaveLength(2);
		expect(result.executionError?.description).toMatch(/The node did not send it again/);
		expect(lossy().refunds).toHaveLength(before);
	});

	it('a rate limit (429, refused before acting) is waited out and sent again', async () => {
		lossy().failNext('rate-limited', 1, { retryAfterSeconds: 1 });
		const result = await runRefund(lossy(), 'create', {
			parameters: {
				...refund(REFUNDABLE_ORDER_IDS.subscription, { amount: 1 }).parameters,
				options: { maxRetries: 2, maxRetryWait: 2 },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(sent(lossy()).filter((r) => r === 'POST /v1/refunds/')).toHaveLength(2);
	});
});

describe('Refund → Create’s Order field', () => {
	it('is the shared Order locator: From list (the newest orders) or By ID', () => {
		const field = new Polar().description.properties.find(
			(p) => p.name === 'order' && p.displayOptions?.show?.resource?.includes('refund'),
		);
		expect(field?.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(field?.modes?.[0].typeOptions?.searchListMethod).toBe('searchOrders');
		expect(field?.default).toEqual({ mode: 'list', value: '' });
	});

	it('refunds an order chosen From list', async () => {
		const result = await runRefund(polar(), 'create', {
			parameters: {
				order: { __rl: true, mode: 'list', value: REFUNDABLE_ORDER_IDS.oneTime },
				refundAmount: 'amount',
				amount: 1,
				reason: 'customer_request',
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(polar().requests[1].body).toMatchObject({ order_id: REFUNDABLE_ORDER_IDS.oneTime });
	});
});
