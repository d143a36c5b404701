import {
	buildOrder,
	FIXTURE_IDS,
	ORDER_EXPORT_COLUMNS,
	ORDER_IDS,
	OrderStore,
	seedCustomers,
	seedOrders,
	seedProducts,
} from '../../dev/polar-double';
import { CustomerStore } from '../../dev/polar-double/customers';
import { exportOrders, listOrders, updateOrder } from '../../dev/polar-double/orders';
import type { RecordedRequest } from '../../dev/polar-double';

const organizationId = FIXTURE_IDS.organization;
const products = seedProducts(organizationId);

/** A store on a clock the test moves. */
function storeAt(start = 1_000_000) {
	const clock = { now: start };
	const customers = new CustomerStore(seedCustomers(organizationId), organizationId);
	const store = new OrderStore(seedOrders(organizationId, products), customers, () => clock.now);
	return { store, clock };
}

const get = (rawQuery = ''): RecordedRequest => ({
	method: 'GET',
	path: '/v1/orders/',
	query: Object.fromEntries(new URLSearchParams(rawQuery)),
	rawQuery,
	queryLists: {},
	headers: {},
	body: undefined,
	rawBody: '',
	time: 0,
});

const bodyOf = (answer: { body: string }) => JSON.parse(answer.body) as Record<string, unknown>;
const idsOf = (answer: { body: string }) =>
	(bodyOf(answer).items as Array<{ id: string }>).map((order) => order.id);

describe('the Polar double’s orders', () => {
	it('an invoice is made by the queue a moment after it is asked for, as Polar’s job would', () => {
		const { store, clock } = storeAt();
		const order = store.find(ORDER_IDS.adaPro)!;
		expect(store.invoice(order).status).toBe(404);
		expect(store.generateInvoice(order)).toMatchObject({ status: 202, body: 'null' });
		expect(bodyOf(store.invoice(order))).toMatchObject({ error: 'InvoiceDoesNotExist' });
		clock.now += store.jobDelayMs! - 1;
		expect(store.invoice(order).status).toBe(404);
		clock.now += 1;
		const url = String(bodyOf(store.invoice(order)).url);
		expect(url).toMatch(/\/invoices\/[^/]+\/Invoice-POLAR-\d{4}\.pdf\?/);
		expect(store.render(order).is_invoice_generated).toBe(true);
		const pdf = () => String(store.file(/files\/(.+)\?/.exec(url)![1], false).body);
		const before = pdf();
		// Same billing details: kept; changed ones: made again, as Polar's checksum decides.
		store.generateInvoice(order);
		expect(store.invoice(order).status).toBe(200);
		updateOrder(store, order, { billing_name: 'Countess of Lovelace' });
		const updatedAt = store.render(order).modified_at;
		expect(pdf()).toBe(before);
		store.generateInvoice(order);
		clock.now += store.jobDelayMs!;
		// Same key, new PDF; storing the new checksum moves the order's modified_at.
		const pathOf = (link: unknown) => String(link).split('?')[0];
		expect(pathOf(bodyOf(store.invoice(order)).url)).toBe(pathOf(url));
		expect(pdf()).toContain('for Countess of Lovelace');
		expect(store.render(order).modified_at).not.toBe(updatedAt);
	});

	it('refuses an invoice as Polar does: 409 for a void order, 422 without billing details', () => {
		const { store } = storeAt();
		expect(bodyOf(store.generateInvoice(store.find(ORDER_IDS.acmeVoid)!))).toEqual({
			error: 'OrderNotEligibleForInvoice',
			detail: `Order ${ORDER_IDS.acmeVoid} is not eligible for invoice generation (current status: void).`,
		});
		const missing = store.generateInvoice(store.find(ORDER_IDS.adaEbook)!);
		expect(missing.status).toBe(422);
		expect(bodyOf(missing).error).toBe('MissingInvoiceBillingDetails');
	});

	it('a receipt renders on first request (202), and an unpaid order has none (404)', () => {
		const { store, clock } = storeAt();
		const paid = store.find(ORDER_IDS.adaPro)!;
		expect(store.receipt(paid).status).toBe(202);
		clock.now += store.jobDelayMs!;
		expect(bodyOf(store.receipt(paid)).url).toMatch(/Receipt-R-\d{4}\.pdf/);
		expect(bodyOf(store.receipt(store.find(ORDER_IDS.alanPending)!)).error).toBe(
			'ReceiptNotAllocated',
		);
	});

	it('lists with Polar’s filters (several values: any of them) and sorting', () => {
		const { store } = storeAt();
		expect(idsOf(listOrders(store, get('status=void&status=pending')))).toEqual([
			ORDER_IDS.acmeVoid,
			ORDER_IDS.alanPending,
		]);
		expect(
			idsOf(listOrders(store, get(`customer_id=${FIXTURE_IDS.ada}&sorting=created_at`))),
		).toEqual([ORDER_IDS.adaPro, ORDER_IDS.adaEbook]);
		expect(idsOf(listOrders(store, get('product_billing_type=one_time')))).toEqual([
			ORDER_IDS.alanPending,
			ORDER_IDS.adaEbook,
		]);
		expect(idsOf(listOrders(store, get('sorting=-amount&limit=1')))).toEqual([ORDER_IDS.graceTeam]);
	});

	it('refuses to change the billing country, as Polar’s update does', () => {
		const { store } = storeAt();
		const answer = updateOrder(store, store.find(ORDER_IDS.graceTeam)!, {
			billing_address: { country: 'FR', state: 'US-VA' },
		});
		expect(answer.status).toBe(422);
		expect(bodyOf(answer).detail).toEqual([
			expect.objectContaining({
				loc: ['body', 'billing_address', 'country'],
				msg: 'Country cannot be changed',
			}),
		]);
	});

	it('exports CSV with the headers export.py writes, quoting as Python’s csv module does', () => {
		const { store } = storeAt();
		const order = buildOrder(organizationId, {
			createdAt: '2025-12-01T08:30:00Z',
			customerId: FIXTURE_IDS.grace,
			product: products[0],
			status: 'paid',
			billingName: 'Hopper, Grace "Amazing"',
		});
		store.add(order);
		const answer = exportOrders(
			store,
			get('columns=billing_name&columns=created_at&columns=net_amount&status=paid'),
		);
		expect(answer.headers).toMatchObject({
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="polar-orders.csv"',
		});
		expect(answer.body.split('\r\n')).toEqual([
			'Billing Name,Created At,Net Amount',
			'"Hopper, Grace ""Amazing""",2025-12-01T08:30:00+00:00,29.0',
			',2025-10-01T10:00:00+00:00,29.0',
			'Ada Lovelace,2025-09-20T10:00:00+00:00,19.0',
			'',
		]);
		expect(Object.keys(ORDER_EXPORT_COLUMNS)).toHaveLength(16);
	});
});
