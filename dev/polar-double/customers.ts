// The double's customers: a store the routes share, and the customer endpoints as Polar's
// server behaves (uniqueness of email and external ID per organization, By ID and By External
// ID variants, 204 on delete, 404 ResourceNotFound for a customer that does not exist).
// Modelled on server/polar/customer/service.py: create (lines 226-277: both "already exists"
// errors in one 422, email compared without case) and update (lines 442-530).

import { randomUUID } from 'crypto';

import type { SeededCustomer } from './fixtures';
import { LIST_CUSTOMERS_PATH, validateListCustomersRequest } from './contract';
import { jsonResponse, polarErrors, type CannedResponse } from './responses';
import type { Customer } from './types';
import { requestBody, type ControlRoute, type Route } from './route';
import type { RecordedRequest } from './server';

/** A customer reference as the path names it. */
export type PathRef = { id: string } | { externalId: string };

export class CustomerStore {
	/** Newest first, Polar's default order. */
	private readonly entries: SeededCustomer[];

	constructor(
		seeded: SeededCustomer[],
		readonly organizationId: string,
	) {
		this.entries = seeded
			.slice()
			.sort((a, b) => b.customer.created_at.localeCompare(a.customer.created_at));
	}

	get customers(): Customer[] {
		return this.entries.map((entry) => entry.customer);
	}

	find(ref: PathRef): SeededCustomer | undefined {
		return 'id' in ref
			? this.entries.find((e) => e.customer.id.toLowerCase() === ref.id.toLowerCase())
			: this.entries.find((e) => e.customer.external_id === ref.externalId);
	}

	/** The field another customer of the organization already holds, if any. */
	taken(field: 'email' | 'external_id', value: unknown, except?: string): boolean {
		if (value === undefined || value === null) return false;
		return this.entries.some(
			(e) =>
				e.customer.id !== except &&
				(field === 'email'
					? e.customer.email?.toLowerCase() === String(value).toLowerCase()
					: e.customer.external_id === value),
		);
	}

	/** A create another client sends just before the next POST /v1/customers/ (see raceNextCreate). */
	private racer: Record<string, unknown> | undefined;

	/**
	 * Makes the next create race another client's: the customer `body` describes is created the
	 * moment the next POST /v1/customers/ arrives, before it is handled, as when two runs look a
	 * customer up, both find none, and the other one's create lands first.
	 */
	raceNextCreate(body: Record<string, unknown>): void {
		this.racer = body;
	}

	takeRacer(): Record<string, unknown> | undefined {
		const racer = this.racer;
		this.racer = undefined;
		return racer;
	}

	add(customer: Customer): void {
		this.entries.unshift({ customer, members: [] });
	}

	/** A change other clients make while a list is read (see changeListAfterPage). */
	private listChange: ListChange | undefined;

	/**
	 * Once the next GET /v1/customers/ has answered page `change.afterPage`, other clients create
	 * the customers `change.insert` describes (the newest, so at the head of Polar's default
	 * -created_at order) and delete those `change.remove` names. Polar pages by offset
	 * (kit/pagination.py paginate: offset = limit × (page − 1)), so the pages read after it
	 * shift: by the inserts, the last records of a page read come again on the next; by the
	 * deletes, the first records of the next page move back onto one already read.
	 */
	changeListAfterPage(change: ListChange): void {
		this.listChange = change;
	}

	/** Called once a list page is answered: carries out a change due after it. */
	pageAnswered(page: number, create: (body: Record<string, unknown>) => void): void {
		const change = this.listChange;
		if (!change || change.afterPage !== page) return;
		this.listChange = undefined;
		for (const body of change.insert) create(body);
		for (const id of change.remove) {
			const entry = this.find({ id });
			if (entry) this.remove(entry);
		}
	}

	remove(entry: SeededCustomer): void {
		this.entries.splice(this.entries.indexOf(entry), 1);
	}
}

type Body = Record<string, unknown>;

/** What other clients do to the customers between two pages of a list (changeListAfterPage). */
export interface ListChange {
	afterPage: number;
	/** CustomerCreate bodies, created in order (so the last is the newest). */
	insert: Body[];
	/** IDs of customers deleted. */
	remove: string[];
}

const taken = (field: 'email' | 'external_id', input: unknown) => ({
	loc: ['body', field],
	msg:
		field === 'email'
			? 'A customer with this email address already exists.'
			: 'A customer with this external ID already exists.',
	type: 'value_error',
	input,
});

const alreadyExists = (field: 'email' | 'external_id', input: unknown): CannedResponse =>
	polarErrors.validation([taken(field, input)]);

/** Polar keeps a tax ID with its type; the double types every one as an EU VAT number. */
const taxId = (value: unknown): [string, string] | null =>
	typeof value === 'string' && value ? [value, 'eu_vat'] : null;

/** The fields of CustomerCreate / CustomerUpdate that map one to one onto the customer. */
function applyFields(customer: Customer, body: Body): void {
	const target = customer as unknown as Record<string, unknown>;
	for (const key of ['email', 'name', 'locale', 'external_id', 'metadata', 'type'] as const) {
		if (body[key] !== undefined) target[key] = body[key] ?? (key === 'metadata' ? {} : null);
	}
	if (body.billing_address !== undefined)
		customer.billing_address = body.billing_address as Customer['billing_address'];
	if (body.tax_id !== undefined) customer.tax_id = taxId(body.tax_id);
}

export function createCustomer(store: CustomerStore, body: Body): CannedResponse {
	const racer = store.takeRacer();
	if (racer) createCustomer(store, racer);
	// Polar checks both keys before answering, and names each one taken.
	const errors = (['email', 'external_id'] as const)
		.filter((field) => store.taken(field, body[field]))
		.map((field) => taken(field, body[field]));
	if (errors.length > 0) return polarErrors.validation(errors);
	const now = new Date().toISOString();
	const customer = {
		id: randomUUID(),
		created_at: now,
		modified_at: null,
		metadata: {},
		external_id: null,
		email: null,
		email_verified: false,
		type: 'individual',
		name: null,
		billing_name: null,
		billing_address: null,
		tax_id: null,
		locale: null,
		organization_id: store.organizationId,
		default_payment_method_id: null,
		deleted_at: null,
		first_user_event_at: null,
		avatar_url: null,
	} as unknown as Customer;
	applyFields(customer, { ...body, owner: undefined, organization_id: undefined });
	customer.billing_name = customer.name;
	store.add(customer);
	return jsonResponse(201, customer);
}

export function getCustomer(store: CustomerStore, ref: PathRef): CannedResponse {
	const entry = store.find(ref);
	return entry ? jsonResponse(200, entry.customer) : polarErrors.notFound();
}

export function updateCustomer(store: CustomerStore, ref: PathRef, body: Body): CannedResponse {
	const entry = store.find(ref);
	if (!entry) return polarErrors.notFound();
	const { customer } = entry;
	if (store.taken('email', body.email, customer.id)) return alreadyExists('email', body.email);
	if (
		body.external_id !== undefined &&
		customer.external_id !== null &&
		body.external_id !== customer.external_id
	) {
		return polarErrors.validation([
			{
				loc: ['body', 'external_id'],
				msg: 'Customer external ID cannot be updated.',
				type: 'value_error',
				input: body.external_id,
			},
		]);
	}
	if (store.taken('external_id', body.external_id, customer.id))
		return alreadyExists('external_id', body.external_id);
	applyFields(customer, body);
	customer.modified_at = new Date().toISOString();
	return jsonResponse(200, customer);
}

export function deleteCustomer(store: CustomerStore, ref: PathRef): CannedResponse {
	const entry = store.find(ref);
	if (!entry) return polarErrors.notFound();
	store.remove(entry);
	return { status: 204, headers: {}, body: '' };
}

export function customerState(store: CustomerStore, ref: PathRef): CannedResponse {
	const entry = store.find(ref);
	if (!entry) return polarErrors.notFound();
	return jsonResponse(200, {
		...entry.customer,
		active_subscriptions: [],
		granted_benefits: [],
		active_meters: [],
	});
}

/** GET /v1/customers/ with Polar's filters: query, email, metadata[key]. */
export function listCustomers(store: CustomerStore, query: Record<string, string>): CannedResponse {
	// Polar's get_pagination_params: 10 by default, more than API_PAGINATION_MAX_LIMIT cut to it.
	const limit = Math.min(100, Number(query.limit ?? 10));
	const page = Number(query.page ?? 1);
	const needle = (query.query ?? '').toLowerCase();
	const metadata = Object.entries(query)
		.map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
		.filter(([key]) => key !== undefined);
	const matches = store.customers.filter(
		(c) =>
			(!needle ||
				[c.name, c.email, c.external_id].some((f) => f?.toLowerCase().includes(needle))) &&
			(query.email === undefined || c.email?.toLowerCase() === query.email.toLowerCase()) &&
			metadata.every(([key, value]) => String(c.metadata[key as string]) === value),
	);
	const items = matches.slice((page - 1) * limit, page * limit);
	const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
	const answer = jsonResponse(200, { items, pagination });
	store.pageAnswered(page, (body) => createCustomer(store, body));
	return answer;
}

// Polar accepts any one of an endpoint's scopes; the 403 challenge lists them all.
const READ_SCOPES = ['customers:read', 'customers:write'];
const WRITE_SCOPES = ['customers:write'];

const byRef =
	(handler: (ref: PathRef, request: RecordedRequest) => CannedResponse) =>
	(request: RecordedRequest, ref: PathRef | undefined) =>
		handler(ref!, request);

/** The customer endpoints, by ID and by external ID. */
export function customerRoutes(store: CustomerStore): Route[] {
	return [
		{
			method: 'GET',
			template: LIST_CUSTOMERS_PATH,
			scopes: READ_SCOPES,
			contract: validateListCustomersRequest,
			answer: (request) => listCustomers(store, request.query),
		},
		{
			method: 'POST',
			template: LIST_CUSTOMERS_PATH,
			scopes: WRITE_SCOPES,
			answer: (request) => createCustomer(store, requestBody(request)),
		},
		...(['/v1/customers/{id}', '/v1/customers/external/{external_id}'] as const).flatMap(
			(template) => [
				{
					method: 'GET',
					template,
					scopes: READ_SCOPES,
					answer: byRef((ref) => getCustomer(store, ref)),
				},
				{
					method: 'PATCH',
					template,
					scopes: WRITE_SCOPES,
					answer: byRef((ref, request) => updateCustomer(store, ref, requestBody(request))),
				},
				{
					method: 'DELETE',
					template,
					scopes: WRITE_SCOPES,
					answer: byRef((ref) => deleteCustomer(store, ref)),
				},
				{
					method: 'GET',
					template: `${template}/state`,
					scopes: READ_SCOPES,
					answer: byRef((ref) => customerState(store, ref)),
				},
			],
		),
	];
}

/**
 * POST /__double/customers/race-next-create with a CustomerCreate body (e.g. the email and
 * external ID a node is about to create): that customer is created by "another client" when the
 * next create arrives, so the node's create meets Polar's "already exists" after its look-up
 * found none. POST /__double/customers/change-list-after-page {"afterPage": 1, "insert":
 * [CustomerCreate…], "remove": [id…]}: the list changes once that page is answered
 * (CustomerStore.changeListAfterPage).
 */
export function customerControlRoutes(store: CustomerStore): ControlRoute[] {
	return [
		{
			method: 'POST',
			pattern: /^customers\/race-next-create$/,
			answer: (_match, body) => {
				store.raceNextCreate(body);
				return { status: 204, headers: {}, body: '' };
			},
		},
		{
			method: 'POST',
			pattern: /^customers\/change-list-after-page$/,
			answer: (_match, body) => {
				store.changeListAfterPage({
					afterPage: Number(body.afterPage ?? 1),
					insert: (body.insert as Body[] | undefined) ?? [],
					remove: (body.remove as string[] | undefined) ?? [],
				});
				return { status: 204, headers: {}, body: '' };
			},
		},
	];
}
