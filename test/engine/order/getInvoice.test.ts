import { buildOrder, FIXTURE_IDS, ORDER_IDS, type PolarDouble } from '../../../dev/polar-double';
import { byId, calls, runOrder, setJobDelay, useOrderDouble } from './fixtures';

const polar = useOrderDouble();

const invoicePath = (id: string) => `/v1/orders/${id}/invoice`;

/** A new paid order with billing details and no invoice yet, as a completed checkout makes. */
function freshOrder(double: PolarDouble): string {
	const order = buildOrder(double.organizationId, {
		createdAt: new Date().toISOString(),
		customerId: FIXTURE_IDS.grace,
		product: double.products[0],
		status: 'paid',
		billingName: 'Grace Hopper',
		billingAddress: { country: 'US', state: 'US-VA', city: 'Arlington' },
	});
	double.orders.add(order);
	return String(order.id);
}

describe('Order → Get Invoice, in n8n’s engine against the Polar double', () => {
	it('asks Polar to make a missing invoice (202), then gets it once Polar’s queue has made it', async () => {
		await setJobDelay(polar(), 700);
		const started = Date.now();
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.adaPro) },
		});
		expect(result.executionError).toBeUndefined();
		const [item] = result.success;
		expect(item.json).toEqual({
			order_id: ORDER_IDS.adaPro,
			url: expect.stringMatching(
				new RegExp(`/__double/files/invoices/${ORDER_IDS.adaPro}/Invoice-POLAR-\\d{4}\\.pdf\\?`),
			),
		});
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
		// Not there; made on request; checked until Polar's job had run (0.5 s, then 1 s later).
		expect(calls(polar())).toEqual([
			`GET ${invoicePath(ORDER_IDS.adaPro)} → 404`,
			`POST ${invoicePath(ORDER_IDS.adaPro)} → 202`,
			`GET ${invoicePath(ORDER_IDS.adaPro)} → 404`,
			`GET ${invoicePath(ORDER_IDS.adaPro)} → 404`,
			`GET ${invoicePath(ORDER_IDS.adaPro)} → 200`,
		]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
		// The order now says so, as Polar's order.updated would.
		expect(polar().orders.find(ORDER_IDS.adaPro)).toBeDefined();
		expect(polar().orders.orders.find((o) => o.id === ORDER_IDS.adaPro)?.is_invoice_generated).toBe(
			true,
		);
	});

	it('an invoice Polar made already: its link, without asking for another', async () => {
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.graceTeam) },
		});
		expect(result.success[0].json.url).toMatch(/Invoice-POLAR-\d{4}\.pdf/);
		expect(calls(polar())).toEqual([`GET ${invoicePath(ORDER_IDS.graceTeam)} → 200`]);
	});

	it('stops at Max Wait when Polar has not made the invoice, saying what to do', async () => {
		await setJobDelay(polar(), null);
		const id = freshOrder(polar());
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(id), maxWait: 2 },
		});
		expect(result.executionError).toMatchObject({
			message: `Polar had not made the invoice of order "${id}" after 2 seconds`,
			description: expect.stringMatching(
				/run the node again later \(it does not make a second invoice\), or raise Max Wait/,
			),
			itemIndex: 0,
		});
		// 0.5 + 1 + 0.5 (what was left of the 2 s): three waits, then no more.
		expect(calls(polar())).toEqual([
			`GET ${invoicePath(id)} → 404`,
			`POST ${invoicePath(id)} → 202`,
			...Array(4).fill(`GET ${invoicePath(id)} → 404`),
		]);
	});

	it('puts the PDF in binary data with Download PDF: type, file name, bytes; no token sent to storage', async () => {
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: {
				order: byId(ORDER_IDS.graceTeam),
				download: true,
				binaryPropertyName: 'invoice',
			},
		});
		expect(result.executionError).toBeUndefined();
		const [item] = result.success;
		const binary = item.binary?.invoice;
		expect(binary).toMatchObject({
			mimeType: 'application/pdf',
			fileName: expect.stringMatching(/^Invoice-POLAR-\d{4}\.pdf$/),
			fileExtension: 'pdf',
		});
		const pdf = Buffer.from(binary!.data, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf).toContain('for Grace Hopper');
		expect(item.json.url).toEqual(expect.stringContaining('/__double/files/invoices/'));
		expect(polar().orders.downloads).toEqual([
			{ path: expect.stringMatching(/^invoices\//), authorization: false },
		]);
	});

	it('after Update Billing Details, gives the invoice Polar made again with the new name', async () => {
		await setJobDelay(polar(), 700);
		const update = await runOrder(polar(), 'update', {
			parameters: {
				order: byId(ORDER_IDS.graceTeam),
				updateFields: { billingName: 'Hopper Compilers Inc.' },
			},
		});
		expect(update.executionError).toBeUndefined();
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.graceTeam), download: true },
		});
		expect(result.executionError).toBeUndefined();
		const pdf = Buffer.from(result.success[0].binary!.data.data, 'base64').toString('latin1');
		expect(pdf).toContain('for Hopper Compilers Inc.');
	});

	it('an unchanged order: Get Invoice neither asks Polar to make it again nor waits', async () => {
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.graceTeam) },
		});
		expect(result.executionError).toBeUndefined();
		expect(calls(polar())).toEqual([`GET ${invoicePath(ORDER_IDS.graceTeam)} → 200`]);
	});

	it('an order without billing name or address: Polar’s 422, pointing to Update Billing Details', async () => {
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.adaEbook) },
		});
		expect(result.executionError).toMatchObject({
			message: `Order "${ORDER_IDS.adaEbook}" has no billing name or address, which Polar needs for an invoice`,
			description: expect.stringContaining(
				'Add them with Order → Update Billing Details (Billing Name and Billing Address)',
			),
			httpCode: '422',
		});
		expect(calls(polar())).toEqual([
			`GET ${invoicePath(ORDER_IDS.adaEbook)} → 404`,
			`POST ${invoicePath(ORDER_IDS.adaEbook)} → 422`,
		]);
	});

	it('a void order: Polar’s 409, naming the status', async () => {
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.acmeVoid) },
		});
		expect(result.executionError).toMatchObject({
			message: `Order "${ORDER_IDS.acmeVoid}" cannot have an invoice: it is void`,
			description: expect.stringContaining('not for draft or void ones'),
			httpCode: '409',
		});
	});

	it('with On Error: Continue, each order ends as one item: invoice or error', async () => {
		await setJobDelay(polar(), 0);
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId('={{ $json.id }}') },
			items: [{ id: ORDER_IDS.adaEbook }, { id: freshOrder(polar()) }],
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((item) => [item.json.message, item.pairedItem])).toEqual([
			[expect.stringMatching(/has no billing name or address/), { item: 0 }],
		]);
		expect(result.success.map((item) => [typeof item.json.url, item.pairedItem])).toEqual([
			['string', { item: 1 }],
		]);
	});

	it('refuses a Max Wait out of range before sending, naming the field', async () => {
		const result = await runOrder(polar(), 'getInvoice', {
			parameters: { order: byId(ORDER_IDS.adaPro), maxWait: 0 },
		});
		expect(result.executionError?.message).toBe(
			'Max Wait (Seconds) is 0; give a number of seconds from 1 to 300 [item 0]',
		);
		expect(polar().requests).toHaveLength(0);
	});
});
