// The double's orders, modelled on Polar's server (polarsource/polar at c6c3645e, server/polar/order/):
// - endpoints.py 93-175 (list filters), 177-231 (CSV export), 280-293 (update), 343-423
//   (invoice: 202 on generate, 404 until it exists; receipt: 202 while it renders);
// - service.py 185-216 (MissingInvoiceBillingDetails 422, OrderNotEligibleForInvoice 409,
//   InvoiceDoesNotExist and ReceiptNotAllocated 404), 478-515 (update: country and state of
//   the billing address cannot change), 541-618 (trigger_invoice_generation: draft and void
//   orders refused, billing name and address required, skipped when the invoice's checksum
//   still matches; get_order_invoice, get_order_receipt); 371-470 (list: created_after and
//   created_before exclusive);
// - export.py (the CSV's columns, headers, default columns and file name); sorting.py;
// - models/order.py 415-420 (Invoice-<number>.pdf, Receipt-<number>.pdf); receipt/service.py
//   117-127 (no receipt yet: receipt.render queued, 202).
// Polar's spec lists only ResourceNotFound for these 404s; its server also sends
// InvoiceDoesNotExist and ReceiptNotAllocated, so those answers are marked offSpec.
//
// Polar's task queue, modelled with the double's clock: generating an invoice (or rendering a
// receipt) is a job that completes `jobDelayMs` after it was queued; until then GET .../invoice
// answers 404 InvoiceDoesNotExist (and GET .../receipt 202). A test sets the delay with
// POST /__double/orders/job-delay {"ms": n}, or {"ms": null} for a queue that never runs.
// The PDFs are served where Polar's presigned S3 URLs would point: GET /__double/files/...

import { randomUUID } from 'crypto';

import type { CustomerStore } from './customers';
import { FIXTURE_IDS } from './fixtures';
import { csvResponse, pythonFloat, pythonIso, type CsvValue } from './csv';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import { requestBody, type ControlRoute, type Route } from './route';
import type { RecordedRequest } from './server';

type Json = Record<string, unknown>;

export const ORDER_IDS = {
	/** Ada's first Pro Monthly payment: paid, billing name and address set. */
	adaPro: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c01',
	/** Ada's e-book: paid, but no billing name or address (422 on generating an invoice). */
	adaEbook: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c02',
	/** Grace's Team Yearly: partially refunded, its invoice already generated. */
	graceTeam: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c03',
	/** Alan's e-book: pending (not paid yet), so no receipt number. */
	alanPending: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c04',
	/** Acme's Pro Monthly: void (409 on generating an invoice). */
	acmeVoid: '5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c05',
} as const;

export const ORDER_SUBSCRIPTION_IDS = {
	adaPro: '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d01',
	graceTeam: '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d02',
	acmePro: '6b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d03',
} as const;

export const ORDER_CHECKOUT_IDS = {
	adaEbook: '7c2d3e4f-5a6b-4c7d-8e8f-9a0b1c2d3e01',
} as const;

/** Polar's default invoice and receipt job delay in the double: "a few seconds" made short. */
export const DEFAULT_JOB_DELAY_MS = 300;

/** The keys of Polar's OrderProduct: the product without prices, benefits and media. */
const ORDER_PRODUCT_KEYS = [
	'metadata',
	'id',
	'created_at',
	'modified_at',
	'trial_interval',
	'trial_interval_count',
	'name',
	'description',
	'visibility',
	'recurring_interval',
	'recurring_interval_count',
	'meter_interval',
	'meter_interval_count',
	'is_recurring',
	'is_archived',
	'organization_id',
];

/** What an order is made of, for the builder (seeds and, later, completed checkouts). */
export interface OrderSeed {
	id?: string;
	createdAt: string;
	customerId: string;
	product: Json;
	status: 'draft' | 'pending' | 'paid' | 'refunded' | 'partially_refunded' | 'void';
	billingReason?: 'purchase' | 'subscription_create' | 'subscription_cycle' | 'subscription_update';
	subscriptionId?: string | null;
	checkoutId?: string | null;
	billingName?: string | null;
	billingAddress?: Json | null;
	refundedAmount?: number;
	/** Tax in cents on top of the price; 0 by default. */
	taxAmount?: number;
	metadata?: Json;
	invoiceNumber?: string | null;
	/** An invoice generated before the double started. */
	invoiceGenerated?: boolean;
}

/** The product's first price, in cents. */
const priceOf = (product: Json): number =>
	Number(((product.prices as Json[] | undefined)?.[0] ?? {}).price_amount ?? 0);

let invoiceCounter = 0;

/**
 * An order shaped as Polar's Order schema, without `customer` (embedded when answered, as the
 * customer is now). Amounts: the product's price, no discount, no balance applied.
 */
export function buildOrder(organizationId: string, seed: OrderSeed): Json {
	const subtotal = priceOf(seed.product);
	const tax = seed.taxAmount ?? 0;
	const refunded = seed.refundedAmount ?? 0;
	const paid = ['paid', 'refunded', 'partially_refunded'].includes(seed.status);
	const id = seed.id ?? randomUUID();
	const productId = String(seed.product.id);
	const invoiceNumber =
		seed.invoiceNumber !== undefined
			? seed.invoiceNumber
			: seed.status === 'draft'
				? null
				: `POLAR-${String(++invoiceCounter).padStart(4, '0')}`;
	return {
		id,
		created_at: seed.createdAt,
		modified_at: null,
		status: seed.status,
		paid,
		subtotal_amount: subtotal,
		discount_amount: 0,
		net_amount: subtotal,
		tax_amount: tax,
		total_amount: subtotal + tax,
		applied_balance_amount: 0,
		due_amount: paid ? 0 : subtotal + tax,
		refunded_amount: refunded,
		refunded_tax_amount: 0,
		currency: 'usd',
		billing_reason:
			seed.billingReason ?? (seed.product.is_recurring ? 'subscription_create' : 'purchase'),
		billing_name: seed.billingName ?? null,
		billing_address: seed.billingAddress ?? null,
		invoice_number: invoiceNumber,
		is_invoice_generated: false,
		// Set once the order is paid (Polar allocates it with the payment).
		receipt_number: paid && invoiceNumber ? invoiceNumber.replace('POLAR-', 'R-') : null,
		customer_id: seed.customerId,
		product_id: productId,
		discount_id: null,
		subscription_id: seed.subscriptionId ?? null,
		checkout_id: seed.checkoutId ?? null,
		metadata: seed.metadata ?? {},
		custom_field_data: {},
		platform_fee_amount: Math.round(subtotal * 0.04),
		platform_fee_currency: 'usd',
		product: Object.fromEntries(ORDER_PRODUCT_KEYS.map((key) => [key, seed.product[key]])),
		discount: null,
		subscription: null,
		items: [
			{
				created_at: seed.createdAt,
				modified_at: null,
				id: randomUUID(),
				label: String(seed.product.name),
				amount: subtotal,
				tax_amount: tax,
				proration: false,
				product_price_id: ((seed.product.prices as Json[] | undefined)?.[0]?.id as string) ?? null,
			},
		],
		description: String(seed.product.name),
		refundable_amount: paid ? subtotal - refunded : 0,
		refundable_tax_amount: 0,
		organization_id: organizationId,
	};
}

/** Ada, Grace, Alan and Acme's orders for the seeded products, newest first. */
export function seedOrders(organizationId: string, products: readonly Json[]): Json[] {
	const product = (name: string) => products.find((p) => p.name === name) ?? products[0];
	const us = {
		line1: '1 Main Street',
		line2: null,
		postal_code: '94105',
		city: 'San Francisco',
		state: 'US-CA',
		country: 'US',
	};
	const seeds: OrderSeed[] = [
		{
			id: ORDER_IDS.acmeVoid,
			createdAt: '2025-11-05T10:00:00Z',
			customerId: FIXTURE_IDS.acmeTeam,
			product: product('Pro Monthly'),
			status: 'void',
			subscriptionId: ORDER_SUBSCRIPTION_IDS.acmePro,
			billingName: 'Acme Corporation',
			billingAddress: {
				...us,
				line1: '1 Desert Road',
				city: 'Phoenix',
				state: 'US-AZ',
				postal_code: '85001',
			},
		},
		{
			id: ORDER_IDS.alanPending,
			createdAt: '2025-11-01T10:00:00Z',
			customerId: FIXTURE_IDS.alan,
			product: product('Pricing Field Guide (e-book)'),
			status: 'pending',
		},
		{
			id: ORDER_IDS.graceTeam,
			createdAt: '2025-10-15T10:00:00Z',
			customerId: FIXTURE_IDS.grace,
			product: product('Team Yearly'),
			status: 'partially_refunded',
			refundedAmount: 5000,
			subscriptionId: ORDER_SUBSCRIPTION_IDS.graceTeam,
			billingName: 'Grace Hopper',
			billingAddress: {
				...us,
				line1: '2 Navy Yard',
				city: 'Arlington',
				state: 'US-VA',
				postal_code: '22202',
			},
			invoiceGenerated: true,
			metadata: { plan: 'team' },
		},
		{
			id: ORDER_IDS.adaEbook,
			createdAt: '2025-10-01T10:00:00Z',
			customerId: FIXTURE_IDS.ada,
			product: product('Pricing Field Guide (e-book)'),
			status: 'paid',
			checkoutId: ORDER_CHECKOUT_IDS.adaEbook,
			metadata: { source: 'newsletter' },
		},
		{
			id: ORDER_IDS.adaPro,
			createdAt: '2025-09-20T10:00:00Z',
			customerId: FIXTURE_IDS.ada,
			product: product('Pro Monthly'),
			status: 'paid',
			taxAmount: 152,
			subscriptionId: ORDER_SUBSCRIPTION_IDS.adaPro,
			billingName: 'Ada Lovelace',
			billingAddress: us,
			metadata: { plan: 'pro' },
		},
	];
	return seeds.map((seed) => ({
		...buildOrder(organizationId, seed),
		...(seed.invoiceGenerated ? { is_invoice_generated: true } : {}),
	}));
}

/** A job of Polar's task queue: done at `readyAt` (never when null). */
interface Job {
	readyAt: number | null;
	/** The billing details the invoice was made from (Polar's invoice checksum). */
	checksum: string;
	billingName?: unknown;
}

interface Documents {
	/** The invoice as generated (Polar's invoice_path and invoice_checksum), with the billing
	 * name it shows: a PDF keeps what it was made from. */
	invoice?: { checksum: string; billingName: unknown };
	pendingInvoice?: Job;
	receipt?: boolean;
	pendingReceipt?: Job;
}

/** invoice/service.py compute_order_checksum: the template version, billing name and address,
 * tax ID and the customer's locale (the invoice number never changes once set). */
const checksumOf = (order: Json, customer?: { locale?: string | null }): string =>
	JSON.stringify([
		order.billing_name,
		order.billing_address,
		order.tax_id ?? null,
		customer?.locale ?? null,
	]);

/** The orders the routes share: add() takes one built by buildOrder. */
export class OrderStore {
	/** Newest first, Polar's default order. */
	private readonly entries: Json[] = [];

	private readonly documents = new Map<string, Documents>();

	/** How long Polar's queue takes to render an invoice or a receipt; null: never. */
	jobDelayMs: number | null = DEFAULT_JOB_DELAY_MS;

	/** Where the presigned PDF URLs point: the double's own base URL, set once it listens. */
	baseUrl = '';

	/** PDF downloads, with whether they carried an Authorization header (S3 needs none). */
	readonly downloads: Array<{ path: string; authorization: boolean }> = [];

	constructor(
		orders: Json[],
		private readonly customers: CustomerStore,
		private readonly now: () => number = Date.now,
	) {
		for (const order of orders) this.add(order);
	}

	add(order: Json): void {
		const documents: Documents = {};
		if (order.is_invoice_generated) {
			documents.invoice = {
				checksum: checksumOf(order, this.customerOf(order)),
				billingName: order.billing_name,
			};
		}
		this.documents.set(String(order.id), documents);
		this.entries.push(order);
		this.entries.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
	}

	get orders(): Json[] {
		return this.entries.map((order) => this.render(order));
	}

	find(id: string): Json | undefined {
		return this.entries.find((o) => String(o.id).toLowerCase() === id.toLowerCase());
	}

	/** Completes the jobs whose time has come, as Polar's worker would have by now. */
	private settle(order: Json): Documents {
		const documents = this.documents.get(String(order.id))!;
		const done = (job: Job | undefined) => job && job.readyAt !== null && this.now() >= job.readyAt;
		if (done(documents.pendingInvoice)) {
			const job = documents.pendingInvoice!;
			documents.invoice = { checksum: job.checksum, billingName: job.billingName };
			documents.pendingInvoice = undefined;
			// order/service.py generate_invoice updates invoice_path and invoice_checksum, so the
			// order's modified_at moves (kit/db/models/base.py: onupdate=utc_now).
			order.modified_at = new Date(job.readyAt!).toISOString();
		}
		if (done(documents.pendingReceipt)) {
			documents.receipt = true;
			documents.pendingReceipt = undefined;
		}
		return documents;
	}

	render(order: Json): Json {
		const documents = this.settle(order);
		// Polar's Order has no organization_id; the double keeps it for the builder's callers.
		const rest = { ...order };
		delete rest.organization_id;
		const customer = this.customerOf(order);
		return {
			...rest,
			is_invoice_generated: documents.invoice !== undefined,
			customer: customer ?? null,
		};
	}

	private customerOf(order: Json) {
		return this.customers.find({ id: String(order.customer_id) })?.customer;
	}

	private job(): Job['readyAt'] {
		return this.jobDelayMs === null ? null : this.now() + this.jobDelayMs;
	}

	/** POST /v1/orders/{id}/invoice: trigger_invoice_generation. */
	generateInvoice(order: Json): CannedResponse {
		if (order.status === 'draft' || order.status === 'void') {
			return jsonResponse(409, {
				error: 'OrderNotEligibleForInvoice',
				detail: `Order ${String(order.id)} is not eligible for invoice generation (current status: ${String(order.status)}).`,
			});
		}
		if (order.billing_name === null || order.billing_address === null) {
			return jsonResponse(422, {
				error: 'MissingInvoiceBillingDetails',
				detail: 'Billing name and address are required to generate an invoice for this order.',
			});
		}
		const documents = this.settle(order);
		const checksum = checksumOf(order, this.customerOf(order));
		// An invoice of the same details, made or queued, is kept as it is: nothing more is queued.
		if (
			documents.invoice?.checksum !== checksum &&
			documents.pendingInvoice?.checksum !== checksum
		) {
			documents.pendingInvoice = { readyAt: this.job(), checksum, billingName: order.billing_name };
		}
		// FastAPI's answer for a 202 route returning None: JSON null.
		return jsonResponse(202, null);
	}

	/** GET /v1/orders/{id}/invoice: get_order_invoice. */
	invoice(order: Json): CannedResponse {
		const documents = this.settle(order);
		if (!documents.invoice) {
			return {
				...jsonResponse(404, {
					error: 'InvoiceDoesNotExist',
					detail: `No invoice exists for order ${String(order.id)}.`,
				}),
				offSpec:
					'Polar’s server answers InvoiceDoesNotExist where its spec lists only ResourceNotFound',
			};
		}
		const file = `Invoice-${String(order.invoice_number)}.pdf`;
		// invoice/service.py create_order_invoice uploads a regenerated invoice to the same key
		// (order.invoice_filename), so its link does not change.
		return jsonResponse(200, { url: this.fileUrl(`invoices/${String(order.id)}/${file}`) });
	}

	/** GET /v1/orders/{id}/receipt: get_order_receipt (202 while receipt.render runs). */
	receipt(order: Json): CannedResponse {
		if (order.receipt_number === null) {
			return {
				...jsonResponse(404, {
					error: 'ReceiptNotAllocated',
					detail: `No receipt allocated for order ${String(order.id)}.`,
				}),
				offSpec:
					'Polar’s server answers ReceiptNotAllocated where its spec lists only ResourceNotFound',
			};
		}
		const documents = this.settle(order);
		if (!documents.receipt) {
			documents.pendingReceipt ??= { readyAt: this.job(), checksum: '' };
			return { status: 202, headers: {}, body: '' };
		}
		const file = `Receipt-${String(order.receipt_number)}.pdf`;
		return jsonResponse(200, { url: this.fileUrl(`receipts/${String(order.id)}/${file}`) });
	}

	private fileUrl(path: string): string {
		// A presigned URL carries its signature in the query: the node must not add a token.
		return `${this.baseUrl}/__double/files/${path}?X-Amz-Signature=${randomUUID().replace(/-/g, '')}`;
	}

	/** The PDF at a presigned URL: a small real PDF naming the order. */
	file(path: string, authorization: boolean): CannedResponse {
		this.downloads.push({ path, authorization });
		const match = /^(invoices|receipts)\/([^/]+)\/(?:\d+\/)?([^/]+\.pdf)$/.exec(path);
		const order = match && this.find(match[2]);
		if (!match || !order) {
			return {
				status: 404,
				headers: { 'content-type': 'application/xml' },
				body: '<Error><Code>NoSuchKey</Code></Error>',
			};
		}
		const shown =
			match[1] === 'invoices'
				? this.documents.get(String(order.id))?.invoice?.billingName
				: order.billing_name;
		const title = `${match[1] === 'invoices' ? 'Invoice' : 'Receipt'} ${String(order.invoice_number)} for ${String(shown ?? '')}`;
		return {
			status: 200,
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${match[3]}"`,
			},
			body: minimalPdf(title),
		};
	}

	reset(): void {
		this.downloads.length = 0;
		this.jobDelayMs = DEFAULT_JOB_DELAY_MS;
	}
}

/** A one-page PDF (ASCII only, so its bytes are its characters) showing `text`. */
function minimalPdf(text: string): string {
	const safe = text.replace(/[()\\]/g, '');
	const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(pdf.length);
		pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return pdf;
}

/** Every value of a query parameter Polar takes one or many of (?status=paid&status=void). */
export function queryValues(request: RecordedRequest, name: string): string[] | undefined {
	const values = new URLSearchParams(request.rawQuery ?? '').getAll(name);
	return values.length > 0 ? values : undefined;
}

const SORT_KEYS: Record<string, (order: Json) => string | number> = {
	created_at: (o) => String(o.created_at),
	status: (o) => String(o.status),
	invoice_number: (o) => String(o.invoice_number ?? ''),
	amount: (o) => Number(o.total_amount),
	net_amount: (o) => Number(o.net_amount),
	customer: (o) => String((o.customer as Json | null)?.email ?? ''),
	product: (o) => String((o.product as Json | null)?.name ?? ''),
	discount: (o) => String(o.discount_id ?? ''),
	subscription: (o) => String(o.subscription_id ?? ''),
};

/** service.py list: every filter given must match; several values of one filter are "any of". */
function filterOrders(store: OrderStore, request: RecordedRequest): Json[] {
	const anyOf = (name: string, value: (order: Json) => unknown) => {
		const wanted = queryValues(request, name);
		return (order: Json) =>
			wanted === undefined ||
			wanted.some((w) => String(value(order)).toLowerCase() === w.toLowerCase());
	};
	const after = request.query.created_after;
	const before = request.query.created_before;
	const metadata = Object.entries(request.query)
		.map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
		.filter(([key]) => key !== undefined);
	const tests = [
		anyOf('product_id', (o) => o.product_id),
		anyOf('product_billing_type', (o) =>
			(o.product as Json).is_recurring ? 'recurring' : 'one_time',
		),
		anyOf('discount_id', (o) => o.discount_id),
		anyOf('customer_id', (o) => o.customer_id),
		anyOf('external_customer_id', (o) => (o.customer as Json | null)?.external_id),
		anyOf('checkout_id', (o) => o.checkout_id),
		anyOf('subscription_id', (o) => o.subscription_id),
		anyOf('status', (o) => o.status),
		(o: Json) => !after || Date.parse(String(o.created_at)) > Date.parse(after),
		(o: Json) => !before || Date.parse(String(o.created_at)) < Date.parse(before),
		(o: Json) =>
			metadata.every(([key, value]) => String((o.metadata as Json)[key as string]) === value),
	];
	return store.orders.filter((order) => tests.every((test) => test(order)));
}

function sortOrders(orders: Json[], sorting: string[]): Json[] {
	return orders.slice().sort((a, b) => {
		for (const criterion of sorting) {
			const descending = criterion.startsWith('-');
			const key = SORT_KEYS[criterion.replace(/^-/, '')];
			const x = key(a);
			const y = key(b);
			if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
		}
		return 0;
	});
}

/** GET /v1/orders/: Polar's filters, sorting (default -created_at) and pages. */
export function listOrders(store: OrderStore, request: RecordedRequest): CannedResponse {
	const limit = Math.min(100, Number(request.query.limit ?? 10));
	const page = Number(request.query.page ?? 1);
	const matches = sortOrders(
		filterOrders(store, request),
		queryValues(request, 'sorting') ?? ['-created_at'],
	);
	const items = matches.slice((page - 1) * limit, page * limit);
	const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
	return jsonResponse(200, { items, pagination });
}

/** export.py: the headers, and each column's value as _row writes it. */
export const ORDER_EXPORT_COLUMNS: Record<string, [string, (order: Json) => CsvValue]> = {
	email: ['Email', (o) => (o.customer as Json).email as string],
	created_at: ['Created At', (o) => pythonIso(String(o.created_at))],
	product: ['Product', (o) => o.description as string],
	net_amount: ['Net Amount', (o) => pythonFloat(Number(o.net_amount) / 100)],
	currency: ['Currency', (o) => o.currency as string],
	status: ['Status', (o) => o.status as string],
	invoice_number: ['Invoice number', (o) => o.invoice_number as string | null],
	customer_name: ['Customer Name', (o) => (o.customer as Json).name as string | null],
	billing_name: ['Billing Name', (o) => o.billing_name as string | null],
	billing_country: [
		'Billing Country',
		(o) => ((o.billing_address as Json | null)?.country as string | undefined) ?? null,
	],
	subtotal_amount: ['Subtotal', (o) => pythonFloat(Number(o.subtotal_amount) / 100)],
	discount_amount: ['Discount', (o) => pythonFloat(Number(o.discount_amount) / 100)],
	tax_amount: ['Tax', (o) => pythonFloat(Number(o.tax_amount) / 100)],
	total_amount: ['Total', (o) => pythonFloat(Number(o.total_amount) / 100)],
	refunded_amount: ['Refunded Amount', (o) => pythonFloat(Number(o.refunded_amount) / 100)],
	billing_reason: ['Billing Reason', (o) => o.billing_reason as string],
};

export const ORDER_EXPORT_DEFAULT_COLUMNS = [
	'email',
	'created_at',
	'product',
	'net_amount',
	'currency',
	'status',
	'invoice_number',
];

/** GET /v1/orders/export: product, status and date filters; the columns asked for, in order. */
export function exportOrders(store: OrderStore, request: RecordedRequest): CannedResponse {
	const columns = queryValues(request, 'columns') ?? ORDER_EXPORT_DEFAULT_COLUMNS;
	const timezone = request.query.timezone ?? 'UTC';
	if (timezone !== 'UTC') {
		// The double renders dates in UTC only; Polar accepts any IANA zone.
		return polarErrors.validation([
			{
				loc: ['query', 'timezone'],
				msg: 'The double renders UTC only',
				type: 'value_error',
				input: timezone,
			},
		]);
	}
	const orders = filterOrders(store, {
		...request,
		rawQuery: new URLSearchParams(
			[...new URLSearchParams(request.rawQuery ?? '')].filter(([key]) =>
				['product_id', 'status'].includes(key),
			),
		).toString(),
	});
	let fileName = 'polar-orders';
	for (const bound of [request.query.created_after, request.query.created_before]) {
		if (bound) fileName += `-${new Date(bound).toISOString().slice(0, 10)}`;
	}
	return csvResponse(`${fileName}.csv`, [
		columns.map((column) => ORDER_EXPORT_COLUMNS[column][0]),
		...orders.map((order) => columns.map((column) => ORDER_EXPORT_COLUMNS[column][1](order))),
	]);
}

/** PATCH /v1/orders/{id}: billing name and address; country and state cannot change. */
export function updateOrder(store: OrderStore, order: Json, body: Json): CannedResponse {
	const address = body.billing_address as Json | null | undefined;
	const current = order.billing_address as Json | null;
	if (address && current) {
		const errors = [];
		if (address.country !== current.country) {
			errors.push({
				loc: ['body', 'billing_address', 'country'],
				msg: 'Country cannot be changed',
				type: 'value_error',
				input: address.country,
			});
		}
		if ((address.state ?? null) !== (current.state ?? null)) {
			errors.push({
				loc: ['body', 'billing_address', 'state'],
				msg: 'State cannot be changed',
				type: 'value_error',
				input: address.state ?? null,
			});
		}
		if (errors.length > 0) return polarErrors.validation(errors);
	}
	if (body.billing_name !== undefined) order.billing_name = body.billing_name;
	if (address !== undefined) {
		order.billing_address = address && {
			line1: address.line1 ?? null,
			line2: address.line2 ?? null,
			postal_code: address.postal_code ?? null,
			city: address.city ?? null,
			state: address.state ?? null,
			country: address.country,
		};
	}
	order.modified_at = new Date().toISOString();
	return jsonResponse(200, store.render(order));
}

const READ_SCOPES = ['orders:read'];
const WRITE_SCOPES = ['orders:write'];

/** The order endpoints; export before {id}, which would take "export" for an ID. */
export function orderRoutes(store: OrderStore): Route[] {
	const withOrder =
		(handler: (order: Json, request: RecordedRequest) => CannedResponse) =>
		(request: RecordedRequest, ref: unknown) => {
			const order = store.find((ref as { id: string }).id);
			return order ? handler(order, request) : polarErrors.notFound();
		};
	return [
		{
			method: 'GET',
			template: '/v1/orders/',
			scopes: READ_SCOPES,
			answer: (r) => listOrders(store, r),
		},
		{
			method: 'GET',
			template: '/v1/orders/export',
			scopes: READ_SCOPES,
			answer: (r) => exportOrders(store, r),
		},
		{
			method: 'GET',
			template: '/v1/orders/{id}',
			scopes: READ_SCOPES,
			answer: withOrder((o) => jsonResponse(200, store.render(o))),
		},
		{
			method: 'PATCH',
			template: '/v1/orders/{id}',
			scopes: WRITE_SCOPES,
			answer: withOrder((o, r) => updateOrder(store, o, requestBody(r))),
		},
		// Scope orders:read, as Polar's spec says, though it creates a permanent invoice.
		{
			method: 'POST',
			template: '/v1/orders/{id}/invoice',
			scopes: READ_SCOPES,
			answer: withOrder((o) => store.generateInvoice(o)),
		},
		{
			method: 'GET',
			template: '/v1/orders/{id}/invoice',
			scopes: READ_SCOPES,
			answer: withOrder((o) => store.invoice(o)),
		},
		{
			method: 'GET',
			template: '/v1/orders/{id}/receipt',
			scopes: READ_SCOPES,
			answer: withOrder((o) => store.receipt(o)),
		},
	];
}

/** The test's levers: the queue's delay; and the PDFs behind the presigned URLs. */
export function orderControlRoutes(store: OrderStore): ControlRoute[] {
	return [
		{
			method: 'POST',
			pattern: /^orders\/job-delay$/,
			answer: (_match, body) => {
				store.jobDelayMs = body.ms === null ? null : Number(body.ms);
				return jsonResponse(200, { ms: store.jobDelayMs });
			},
		},
		{
			method: 'GET',
			pattern: /^files\/(.+)$/,
			answer: (match, _body, headers) => store.file(match[1], Boolean(headers?.authorization)),
		},
	];
}
