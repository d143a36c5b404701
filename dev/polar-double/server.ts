// A fake Polar API over real HTTP on loopback: the node under test talks to it exactly as it
// would to api.polar.sh. Every request is recorded and checked against the hand contract, so a
// test can assert both what the node did with Polar's answer and that it asked correctly.

import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'http';
import type { AddressInfo, Socket } from 'net';

import {
	CREATE_SESSION_PATH,
	validateCommonHeaders,
	validateCreateSessionRequest,
	type ContractViolation,
} from './contract';
import {
	buildCustomerSession,
	DEFAULT_ORGANIZATION_SLUG,
	FIXTURE_IDS,
	seedCustomers,
	type SeededCustomer,
	type SeedMember,
} from './fixtures';
import { customerControlRoutes, customerRoutes, CustomerStore, type PathRef } from './customers';
import { bodyLimit, eventRoutes, EventStore } from './events';
import {
	licenseKeyRoutes,
	LicenseKeyStore,
	seedLicenseKeys,
	type SeededLicenseKey,
} from './license-keys';
import { createLimiter, retryAfterSeconds, type RateLimit } from './rate-limit';
import { polarSpec, type SpecProblem } from './spec';
import {
	FAILURE_SCENARIOS,
	failureResponse,
	isFailureScenario,
	jsonResponse,
	lostAnswer,
	polarErrors,
	type CannedResponse,
	type FailureOptions,
	type FailureScenario,
} from './responses';
import { buildOrganization, organizationRoutes } from './organizations';
import { OTHER_ORGANIZATION_ID, organizationScope } from './organization-scope';
import { BenefitStore, benefitRoutes, seedBenefits } from './benefits';
import { customerMeterRoutes } from './customer-meters';
import type { IngestedEvent } from './meter-aggregation';
import { meterRoutes, seedMeters, seedUsageEvents, type Meter } from './meters';
import { DiscountStore, discountRoutes } from './discounts';
import { REFUNDABLE_ORDER_IDS, refundableOrders, refundRoutes, RefundStore } from './refunds';
import { PRODUCT_IDS, productRoutes, seedProducts } from './products';
import {
	seedSubscriptions,
	subscriptionControlRoutes,
	subscriptionRoutes,
	SubscriptionStore,
} from './subscriptions';
import {
	Catalog,
	checkoutControlRoutes,
	checkoutRoutes,
	CheckoutStore,
	DoubleClock,
	LostAnswers,
} from './checkouts';
import { checkoutLinkRoutes, CheckoutLinkStore } from './checkout-links';
import { completeCheckout, type BuyerInput, type CompletionDeps } from './checkout-completion';
import { orderControlRoutes, orderRoutes, OrderStore, seedOrders } from './orders';
import { metricRoutes } from './metrics';
import { customerExportRoute } from './customer-export';
import type { ControlRoute, Route } from './route';
import type { Customer, CustomerSession, CustomerSessionCreate } from './types';
import {
	createWebhookEndpointStore,
	validateWebhookRequest,
	WEBHOOK_ENDPOINTS_PATH,
	webhookRoute,
	type WebhookEndpointStore,
} from './webhooks';
import { webhookDeliveryRoutes } from './webhook-history';
import type { Delivery } from './webhook-deliveries';
import type { WebhookUrlPolicy } from './webhook-urls';
import { disputeRoutes, seedDisputes } from './disputes';
import { paymentRoutes, seedPayments } from './payments';
import { ApiVersions, versionNotServed, VERSION_HEADER, type ApiVersionOptions } from './versions';

export const DEFAULT_TOKEN = 'polar_oat_double_valid_token';
export const DEFAULT_TOKEN_SCOPES: readonly string[] = [
	'customer_sessions:write',
	'customers:read',
];
export const CONTROL_PREFIX = '/__double/';

// Polar accepts any one of an endpoint's scopes; the 403 challenge lists them all.
const CREATE_SCOPES = ['customer_sessions:write'];

export interface PolarDoubleOptions {
	/** 0 (default) picks a free ephemeral port. */
	port?: number;
	host?: string;
	/** Token → scopes. Default: `{ [DEFAULT_TOKEN]: DEFAULT_TOKEN_SCOPES }`. */
	tokens?: Record<string, readonly string[]>;
	/** Delay before every API answer (not the control API). */
	latencyMs?: number;
	/**
	 * A limit over all /v1 requests, sliding (default) or fixed as Polar's server counts; over it
	 * → 429, empty body, Retry-After in seconds.
	 */
	rateLimit?: RateLimit;
	organizationId?: string;
	/** Used in customer_portal_url. */
	organizationSlug?: string;
	/** Replaces the seeded customers (default: `seedCustomers(organizationId)`). */
	customers?: SeededCustomer[];
	/** Replaces the seeded license keys (default: `seedLicenseKeys(organizationId, ada)`). */
	licenseKeys?: SeededLicenseKey[];
	/** Replaces the seeded products (default: `seedProducts(organizationId)`), newest first. */
	products?: Record<string, unknown>[];
	/** Replaces the seeded meters (default: `seedMeters(organizationId)`). */
	meters?: Meter[];
	/** Replaces the seeded usage events the meters aggregate (default: `seedUsageEvents`). */
	usageEvents?: IngestedEvent[];
	/** Replaces the seeded subscriptions (default: `seedSubscriptions` of the seeded customers and products). */
	subscriptions?: () => Record<string, unknown>[];
	/** Replaces the seeded orders (default: `seedOrders(organizationId, products)`). */
	orders?: Record<string, unknown>[];
	/**
	 * Each create-session request (with no failNext queued) fails with probability `rate`, with a
	 * scenario drawn from `scenarios`; seeded, so a run can be repeated.
	 */
	faults?: { rate: number; seed?: number; scenarios?: readonly FailureScenario[] };
	/**
	 * Which webhook endpoint URLs create and update accept: `polar` (default) only what Polar
	 * accepts; `allow-loopback` also http and https URLs on loopback, for receivers on this
	 * machine (n8n in the tests, a test server).
	 */
	webhookUrls?: WebhookUrlPolicy;
	/**
	 * The largest request body accepted (413 beyond): Polar's 10 MiB by default; less to play a
	 * proxy in front of Polar with a lower limit.
	 */
	maxRequestBodyBytes?: number;
	/** The API versions served and the Current one (default: 2026-04, 2026-10, 2027-01; 2026-10). */
	apiVersions?: ApiVersionOptions;
}

/** Faults a real Polar and the network in front of it can produce, before or after acting. */
export const RANDOM_FAULTS: readonly FailureScenario[] = [
	'commit-then-hang',
	'commit-then-reset',
	'commit-then-502',
	'internal-server-error',
	'connection-reset',
	'service-unavailable',
];

/**
 * Whether a finding of the spec is only that an event type is newer than the 2026-04 spec
 * (`subscription.migrated`, webhooks.ts WEBHOOK_EVENT_TYPES): an endpoint's events, or a
 * delivery's event type.
 */
function isNewerEventType(route: string, loc: string): boolean {
	return route.startsWith('/v1/webhooks/') && /\.(events\.\d+|webhook_event\.type)$/.test(loc);
}

/** mulberry32: a small seeded generator, so a faulty run can be repeated exactly. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface RecordedRequest {
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
	/** Every value of each query parameter, in order (customer_id=a&customer_id=b: both). */
	queryLists: Record<string, string[]>;
	/** The query string as sent, for parameters given several times (?status=a&status=b). */
	rawQuery?: string;
	headers: IncomingHttpHeaders;
	/** Parsed JSON, or undefined when the body is empty or not JSON (see rawBody). */
	body: unknown;
	rawBody: string;
	/** Arrival, ms since the epoch. */
	time: number;
	/** What the double answered; undefined while pending, and for 'hang'/'connection-reset'. */
	status?: number;
	/** When the answer was sent, ms since the epoch. */
	answeredAt?: number;
	/** The spec's path template this request was routed to, e.g. /v1/customer-sessions/. */
	route?: string;
	/** The API version it was served in; undefined when its version is not served (404). */
	apiVersion?: string;
}

export interface RecordedViolation extends ContractViolation {
	request: RecordedRequest;
}

export interface PolarDouble {
	/** Base URL, e.g. http://127.0.0.1:43123 (no trailing slash). */
	readonly url: string;
	readonly port: number;
	readonly organizationId: string;
	/** The seeded customers, newest first (Polar's default order). */
	readonly customers: readonly Customer[];
	/** The license keys as they are now (validate counts, activations), newest first. */
	readonly licenseKeys: readonly SeededLicenseKey[];
	/** The seeded products, newest first; the double only reads them. */
	readonly products: readonly Record<string, unknown>[];
	/** The seeded meters; the double only reads them. */
	readonly meters: readonly Meter[];
	/** The events the meters aggregate now. */
	readonly usageEvents: readonly IngestedEvent[];
	/** The seeded benefits, newest first, and their grants. */
	readonly benefits: BenefitStore;
	/** The refunds Polar holds, seeded ones and those made, newest first. */
	readonly refunds: readonly Record<string, unknown>[];
	/** The seeded disputes as they are now (Accept settles one as lost; reset() reseeds), newest first. */
	readonly disputes: readonly Record<string, unknown>[];
	/** The discounts, deleted ones included (flagged), newest first. */
	readonly discounts: DiscountStore;
	/** The subscriptions as they are now; `restore()` reseeds them (reset() leaves them). */
	readonly subscriptions: SubscriptionStore;
	/** The orders (add() more), their invoice and receipt jobs, and the PDFs downloaded. */
	readonly orders: OrderStore;
	readonly requests: RecordedRequest[];
	readonly violations: RecordedViolation[];
	readonly sessions: CustomerSession[];
	/** Webhook endpoints the node registered, and a deliverer of signed events to them. */
	readonly webhooks: WebhookEndpointStore;
	/** Checkout sessions created, as Polar would answer them now (status from the double's clock). */
	readonly checkouts: CheckoutStore;
	/** Checkout links, deleted ones kept (soft delete) for tests to see. */
	readonly checkoutLinks: CheckoutLinkStore;
	/** The double's time, which tests move forward (e.g. past a checkout's expiry). */
	readonly clock: DoubleClock;
	/**
	 * The API versions served: `remove('2026-10')` plays Polar's release that drops it (also
	 * POST /__double/versions {"remove": "2026-10"}); reset() serves them all again.
	 */
	readonly versions: ApiVersions;
	/**
	 * A buyer completes the checkout (POST /__double/checkouts/{id}/complete does the same): the
	 * answer, and the webhook deliveries Polar's server then makes, all awaited.
	 */
	completeCheckout(
		id: string,
		buyer?: BuyerInput,
	): Promise<{ status: number; body: unknown; deliveries: Delivery[] }>;
	/** The next request to `route` (e.g. "POST /v1/checkouts/") is carried out, then answered 502. */
	loseAnswer(route: string, count?: number): void;
	/** The events ingested, as GET /v1/events/ returns them (newest first); reset clears them. */
	readonly events: EventStore;
	/**
	 * The next `count` create-session requests, or requests to a faultable route (a refund's or a
	 * discount's create), get `scenario` instead of a real answer (queued FIFO).
	 */
	failNext(scenario: FailureScenario, count?: number, options?: FailureOptions): void;
	/**
	 * Back to the seeded state for the next test: clears recordings, queued failures and the
	 * rate-limit window (arrays are emptied in place), and forgets the registered webhook
	 * endpoints and what tests made (orders, events, checkouts, links; disputes reseeded). The
	 * subscriptions stay: `subscriptions.restore()` reseeds them.
	 */
	reset(): void;
	/** Stops listening and destroys every socket, keep-alive and hung ones included. */
	close(): Promise<void>;
}

interface QueuedFailure {
	scenario: FailureScenario;
	remaining: number;
	options: FailureOptions;
}

const parseJson = (raw: string): unknown => {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return undefined;
	}
};

const noContent: CannedResponse = { status: 204, headers: {}, body: '' };

export async function startPolarDouble(options: PolarDoubleOptions = {}): Promise<PolarDouble> {
	const host = options.host ?? '127.0.0.1';
	const latencyMs = options.latencyMs ?? 0;
	const organizationId = options.organizationId ?? FIXTURE_IDS.organization;
	const organizationSlug = options.organizationSlug ?? DEFAULT_ORGANIZATION_SLUG;
	const tokens = new Map(
		Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_TOKEN_SCOPES }),
	);
	const limiter = options.rateLimit ? createLimiter(options.rateLimit) : undefined;
	const store = new CustomerStore(
		options.customers ?? seedCustomers(organizationId),
		organizationId,
	);
	/** The seeded customers as they were at start (the customers getter of the double). */
	const customers = store.customers;
	const licenseKeys = new LicenseKeyStore(
		options.licenseKeys ?? seedLicenseKeys(organizationId, FIXTURE_IDS.ada),
		() => store.customers,
	);
	// The meters are read at ingestion only, once `meters` below is set.
	const events = new EventStore(organizationId, store, Date.now, () => meters);
	// An organization token reaches its own organization only (get_accessible_org_ids); the
	// personal token also another (organization-scope.ts). License keys are the organization's.
	const reachable = [organizationId];
	const scope = organizationScope(organizationId);
	const organizations = [
		buildOrganization(organizationId, organizationSlug),
		buildOrganization(OTHER_ORGANIZATION_ID, 'other-organization'),
	];
	const products = options.products ?? seedProducts(organizationId);
	const meters = options.meters ?? seedMeters(organizationId);
	const usageEvents =
		options.usageEvents ??
		seedUsageEvents(organizationId, { ada: FIXTURE_IDS.ada, grace: FIXTURE_IDS.grace });
	// What the meters aggregate: what was ingested (newest first), then the seeded usage history.
	const meteredEvents = (): readonly IngestedEvent[] => [...events.events, ...usageEvents];
	const benefits = new BenefitStore(seedBenefits(organizationId), () => store.customers);
	const meterSources = { meters, events: meteredEvents, customers: () => store.customers };
	// Refund tests seed the orders whose cases refunds tell apart (seedRefundableOrders).
	const orders = new OrderStore(options.orders ?? seedOrders(organizationId, products), store);
	const refunds = new RefundStore(refundableOrders(orders), {
		organizationId,
		disputed: [REFUNDABLE_ORDER_IDS.disputed],
		blocked: [REFUNDABLE_ORDER_IDS.blocked],
		customerIds: (externalId) =>
			store.customers.filter((c) => c.external_id === externalId).map((c) => c.id),
	});
	const disputes = seedDisputes(organizationId);
	const discounts = new DiscountStore(organizationId, products);
	const subscriptions = new SubscriptionStore(
		options.subscriptions ??
			(() =>
				seedSubscriptions(
					store.customers,
					products,
					{
						ada: FIXTURE_IDS.ada,
						grace: FIXTURE_IDS.grace,
						alan: FIXTURE_IDS.alan,
						acme: FIXTURE_IDS.acmeTeam,
					},
					PRODUCT_IDS,
				)),
		() => store.customers,
		() => products,
		organizationId,
		discounts,
	);
	const clock = new DoubleClock();
	const versions = new ApiVersions(options.apiVersions);
	const lostAnswers = new LostAnswers();
	const catalog = new Catalog(organizationId, products, () =>
		discounts.discounts.filter((d) => !d.deleted).map((d) => ({ ...d })),
	);
	const checkouts = new CheckoutStore(catalog, store, clock);
	const checkoutLinks = new CheckoutLinkStore(catalog, clock);
	const webhookUrls = options.webhookUrls ?? 'polar';
	const webhooks = createWebhookEndpointStore(organizationId, { urlPolicy: webhookUrls });
	const completion: CompletionDeps = {
		checkouts,
		customers: store,
		orders,
		subscriptions,
		webhooks,
		product: (id) => catalog.product(id),
		discount: (id) => {
			const found = discounts.discounts.find((d) => d.id === id);
			return found && discounts.toJson(found);
		},
	};
	const spec = polarSpec();
	const specViolation = (problem: SpecProblem): ContractViolation => ({
		message: `${problem.where}: ${problem.message} (Polar's spec)`,
		msg: problem.message,
		loc: problem.loc,
		type: 'spec',
	});
	const requests: RecordedRequest[] = [];
	const violations: RecordedViolation[] = [];
	const sessions: CustomerSession[] = [];
	const failures: QueuedFailure[] = [];
	const sockets = new Set<Socket>();
	const random = seededRandom(options.faults?.seed ?? 1);
	/** A one-off failure for this request, drawn at the configured rate. */
	const randomFault = (): QueuedFailure | undefined => {
		const { rate = 0, scenarios = RANDOM_FAULTS } = options.faults ?? {};
		if (rate <= 0 || random() >= rate) return undefined;
		const scenario = scenarios[Math.floor(random() * scenarios.length)];
		return { scenario, remaining: 1, options: {} };
	};
	const timers = new Set<NodeJS.Timeout>();

	/** Runs `fn` after `ms`, tracking the timer so close() can cancel it. */
	const after = (ms: number, fn: () => void): void => {
		if (ms <= 0) return fn();
		const timer = setTimeout(() => {
			timers.delete(timer);
			fn();
		}, ms);
		timers.add(timer);
	};

	const send = (
		res: ServerResponse,
		answer: CannedResponse,
		recorded?: RecordedRequest,
		delayMs = latencyMs,
	): void => {
		// The double's own answers must be what Polar's spec says Polar sends.
		if (recorded?.route && !answer.offSpec && /json/.test(answer.headers['content-type'] ?? '')) {
			const problems = spec.checkResponse(
				recorded.method,
				recorded.route,
				answer.status,
				JSON.parse(answer.body) as unknown,
			);
			for (const p of problems) {
				const found = specViolation(p);
				if (!isNewerEventType(recorded.route, found.loc.join('.')))
					violations.push({ ...found, request: recorded });
			}
		}
		// Latency counts from the request's arrival, as a client sees a server's: the double's own
		// work (one thread for every request, unlike Polar's many workers) is part of it.
		const waited = recorded ? Date.now() - recorded.time : 0;
		after(delayMs - waited, () => {
			if (recorded) {
				recorded.status = answer.status;
				recorded.answeredAt = Date.now();
			}
			const length =
				answer.status === 204 ? {} : { 'content-length': String(Buffer.byteLength(answer.body)) };
			// Polar's version middleware names the version on every answer its app sends.
			const version =
				recorded?.apiVersion && !answer.unversioned
					? { [VERSION_HEADER]: recorded.apiVersion }
					: {};
			res.writeHead(answer.status, { ...answer.headers, ...version, ...length });
			res.end(answer.body);
		});
	};

	const validationFailed = (found: ContractViolation[]): CannedResponse =>
		polarErrors.validation(
			found.map((v) => ({ loc: v.loc, msg: v.msg, type: v.type, input: v.input ?? null })),
		);

	/** Polar's order: no usable Bearer token → 401, unknown token → 401, missing scope → 403. */
	const authenticate = (
		authorization: string | undefined,
		accepted: readonly string[],
	): CannedResponse | undefined => {
		const match = authorization === undefined ? null : /^bearer +(\S+) *$/i.exec(authorization);
		if (!match) return polarErrors.noToken();
		const scopes = tokens.get(match[1]);
		if (!scopes) return polarErrors.invalidToken();
		return scopes.some((s) => accepted.includes(s))
			? undefined
			: polarErrors.insufficientScope(accepted.join(' '));
	};

	const memberNotFound = (
		field: 'member_id' | 'external_member_id',
		input: unknown,
	): CannedResponse =>
		polarErrors.validation([
			{
				loc: ['body', field],
				msg: 'Member does not exist for this customer.',
				type: 'value_error',
				input,
			},
		]);

	function createSession(
		req: IncomingMessage,
		res: ServerResponse,
		recorded: RecordedRequest,
		found: ContractViolation[],
	): void {
		const actOut = (scenario: FailureScenario, options: FailureOptions): void => {
			const answer = failureResponse(scenario, recorded.body, options);
			if (answer === 'hang') return; // never answered; close() destroys the socket
			if (answer === 'connection-reset')
				return after(latencyMs, () => req.socket.resetAndDestroy());
			send(res, answer, recorded);
		};
		const failure = failures[0] ?? randomFault();
		if (failure && --failure.remaining <= 0) failures.shift();
		const lost = failure && lostAnswer(failure.scenario);
		if (failure && !lost) return actOut(failure.scenario, failure.options);
		// With a commit-then-… scenario the request is carried out, then its answer is lost.
		const reply = (answer: CannedResponse): void =>
			lost ? actOut(lost, failure.options) : send(res, answer, recorded);

		const denied = authenticate(req.headers.authorization, CREATE_SCOPES);
		if (denied) return reply(denied);
		if (found.length > 0) return reply(validationFailed(found));

		const body = recorded.body as CustomerSessionCreate;
		const target = store.find(
			body.customer_id !== undefined
				? { id: body.customer_id }
				: { externalId: body.external_customer_id as string },
		);
		if (!target) {
			return reply(
				body.customer_id !== undefined
					? polarErrors.customerDoesNotExist('customer_id', body.customer_id)
					: polarErrors.customerDoesNotExist('external_customer_id', body.external_customer_id),
			);
		}
		// Member resolution as Polar's member model does it: member_id wins over external_member_id;
		// a team customer must name one.
		let member: SeedMember | undefined;
		if (body.member_id != null) {
			const id = body.member_id.toLowerCase();
			member = target.members.find((m) => m.id === id);
			if (!member) return reply(memberNotFound('member_id', body.member_id));
		} else if (body.external_member_id != null) {
			member = target.members.find((m) => m.external_id === body.external_member_id);
			if (!member) return reply(memberNotFound('external_member_id', body.external_member_id));
		} else if (target.customer.type === 'team') {
			return reply(
				polarErrors.validation([
					{
						loc: ['body', 'member_id'],
						msg: 'member_id is required for team customers.',
						type: 'value_error',
						input: null,
					},
				]),
			);
		}
		// Polar stores str(HttpUrl): normalised, e.g. a bare origin gains a trailing slash.
		const returnUrl = body.return_url == null ? null : new URL(body.return_url).href;
		const session = buildCustomerSession(target.customer, {
			returnUrl,
			memberSession: member !== undefined,
			organizationSlug,
		});
		sessions.push(session);
		reply(jsonResponse(201, session));
	}

	/** A faultable route's answer, or failNext's queued failure instead of it or after it. */
	function answerFaultable(
		req: IncomingMessage,
		res: ServerResponse,
		recorded: RecordedRequest,
		answer: () => CannedResponse,
	): void {
		const failure = failures[0];
		if (!failure) return send(res, answer(), recorded);
		if (--failure.remaining <= 0) failures.shift();
		const lost = lostAnswer(failure.scenario);
		// With a commit-then-… scenario the request is carried out, then its answer is lost.
		if (lost) answer();
		const canned = failureResponse(lost ?? failure.scenario, recorded.body, failure.options);
		if (canned === 'hang') return; // never answered; close() destroys the socket
		if (canned === 'connection-reset') return after(latencyMs, () => req.socket.resetAndDestroy());
		send(res, canned, recorded);
	}

	/** Polar's routes the double plays, by method and the spec's path template. */
	const routes: Route[] = [
		...licenseKeyRoutes(licenseKeys, reachable),
		// Before customerRoutes, whose /v1/customers/{id} would take "export" for an ID.
		customerExportRoute(store),
		...customerRoutes(store),
		...productRoutes(products),
		...organizationRoutes((request) =>
			organizations.filter((o) => scope.reachable(request).includes(o.id as string)),
		),
		...meterRoutes(meterSources),
		...customerMeterRoutes({ ...meterSources, credits: () => benefits.credits() }),
		...benefitRoutes(benefits),
		...refundRoutes(refunds),
		...discountRoutes(discounts),
		...subscriptionRoutes(subscriptions),
		...checkoutRoutes(checkouts, lostAnswers),
		...checkoutLinkRoutes(checkoutLinks, lostAnswers),
		...orderRoutes(orders),
		...eventRoutes(events, (request) =>
			scope.reachable(request).length > 1 ? scope.reachable(request) : undefined,
		),
		...disputeRoutes(disputes, organizationId, lostAnswers),
		...paymentRoutes(seedPayments(organizationId)),
		...metricRoutes({
			orders: () => orders.orders,
			subscriptions: () => subscriptions.subscriptions,
		}),
		...webhookDeliveryRoutes(webhooks, lostAnswers),
	];
	/** The levers a test pulls on the double beside the built-in ones, under /__double/. */
	const controlRoutes: ControlRoute[] = [
		...customerControlRoutes(store),
		...subscriptionControlRoutes(subscriptions),
		...checkoutControlRoutes(clock, lostAnswers),
		{
			method: 'POST',
			pattern: /^checkouts\/([^/]+)\/complete$/,
			answer: (match, body) => {
				const done = completeCheckout(completion, match[1], body as BuyerInput);
				done.delivered.catch(() => undefined); // an endpoint gone meanwhile
				return done.answer;
			},
		},
		...orderControlRoutes(orders),
	];

	/** The route for a request, and the customer its path names. */
	function findRoute(method: string, path: string): { route: Route; ref?: PathRef } | undefined {
		// Like Polar's server (ASGI), route on the decoded path: an encoded "/" in an ID splits it.
		let decoded: string;
		try {
			decoded = decodeURIComponent(path);
		} catch {
			return undefined;
		}
		for (const route of routes) {
			if (route.method !== method) continue;
			const pattern = new RegExp(`^${route.template.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`);
			const match = pattern.exec(decoded);
			if (!match) continue;
			const value = match[1];
			const ref =
				value === undefined
					? undefined
					: route.template.includes('{external_id}')
						? { externalId: value }
						: { id: value };
			return { route, ref };
		}
		return undefined;
	}

	function control(
		method: string,
		path: string,
		rawBody: string,
		res: ServerResponse,
		headers: IncomingHttpHeaders = {},
	): void {
		const reply = (answer: CannedResponse): void => send(res, answer, undefined, 0);
		const input = (parseJson(rawBody) ?? {}) as Record<string, unknown>;
		for (const route of controlRoutes) {
			const match =
				route.method === method && route.pattern.exec(path.slice(CONTROL_PREFIX.length));
			if (match) return reply(route.answer(match, input, headers));
		}
		const legacy = /^webhooks\/endpoints\/([^/]+)\/legacy$/.exec(path.slice(CONTROL_PREFIX.length));
		if (method === 'POST' && legacy) {
			// Makes the endpoint one whose secret predates the cutoff: Polar's original signing.
			try {
				const endpoint = webhooks.makeLegacy(legacy[1], {
					secret: input.secret as string | undefined,
					secretGeneratedAt: input.secret_generated_at as string | null | undefined,
				});
				return reply(jsonResponse(200, endpoint));
			} catch (error) {
				const detail = (error as Error).message;
				return reply(jsonResponse(400, { error: 'BadControlRequest', detail }));
			}
		}
		switch (`${method} ${path.slice(CONTROL_PREFIX.length)}`) {
			case 'GET health':
				return reply(jsonResponse(200, { status: 'ok', url: double.url }));
			case 'GET requests':
				return reply(jsonResponse(200, requests));
			case 'GET violations':
				return reply(jsonResponse(200, violations));
			case 'GET sessions':
				return reply(jsonResponse(200, sessions));
			case 'GET events':
				return reply(jsonResponse(200, events.events));
			case 'GET webhooks':
				return reply(
					jsonResponse(200, {
						endpoints: [...webhooks.endpoints.values()].map((e) => ({
							...e,
							secret_generated_at: webhooks.secretGeneratedAt(e.id),
						})),
						events: [...webhooks.events.values()],
						deliveries: webhooks.deliveries,
						emails: webhooks.emails,
					}),
				);
			case 'POST reset':
				double.reset();
				return reply(noContent);
			case 'GET versions':
				return reply(jsonResponse(200, versions.state()));
			case 'POST versions': {
				// {"remove": "2026-10"} plays Polar's release that drops it; {"restore": …} undoes it.
				try {
					if (typeof input.remove === 'string') versions.remove(input.remove);
					else if (typeof input.restore === 'string') versions.restore(input.restore);
					else throw new Error('Give {"remove": "YYYY-MM"} or {"restore": "YYYY-MM"}');
				} catch (error) {
					const detail = (error as Error).message;
					return reply(jsonResponse(400, { error: 'BadControlRequest', detail }));
				}
				return reply(jsonResponse(200, versions.state()));
			}
			case 'POST fail-next': {
				try {
					if (!isFailureScenario(input.scenario))
						throw new Error(`Unknown scenario: ${String(input.scenario)}`);
					double.failNext(input.scenario, (input.count as number | undefined) ?? 1, {
						retryAfterSeconds: input.retryAfterSeconds as number | undefined,
					});
				} catch (error) {
					const detail = (error as Error).message;
					return reply(
						jsonResponse(400, { error: 'BadControlRequest', detail, scenarios: FAILURE_SCENARIOS }),
					);
				}
				return reply(noContent);
			}
			default:
				return reply(
					jsonResponse(404, { error: 'ResourceNotFound', detail: 'Unknown control route' }),
				);
		}
	}

	function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
		const target = req.url ?? '/';
		const q = target.indexOf('?');
		const path = q === -1 ? target : target.slice(0, q);
		const method = req.method ?? 'GET';
		if (path.startsWith(CONTROL_PREFIX)) return control(method, path, rawBody, res, req.headers);

		const recorded: RecordedRequest = {
			method,
			path,
			query: q === -1 ? {} : Object.fromEntries(new URLSearchParams(target.slice(q + 1))),
			queryLists: q === -1 ? {} : queryLists(target.slice(q + 1)),
			rawQuery: q === -1 ? '' : target.slice(q + 1),
			headers: req.headers,
			body: parseJson(rawBody),
			rawBody,
			time: Date.now(),
			apiVersion: versions.serve(req.headers[VERSION_HEADER]),
		};
		requests.push(recorded);
		const isCreateSession = method === 'POST' && path === CREATE_SESSION_PATH;
		const matched = isCreateSession ? undefined : findRoute(method, path);
		const hook = isCreateSession || matched ? undefined : webhookRoute(method, path);
		const found: ContractViolation[] = [];
		if (isCreateSession) {
			recorded.route = CREATE_SESSION_PATH;
			found.push(...validateCreateSessionRequest(recorded));
		} else if (matched) {
			recorded.route = matched.route.template;
			found.push(
				...(matched.route.contract?.(recorded) ?? validateCommonHeaders(recorded.headers)),
			);
		} else if (hook) {
			// The webhook endpoints keep their own contract and handler (webhooks.ts).
			recorded.route = path.includes('/secret')
				? `${WEBHOOK_ENDPOINTS_PATH}/{id}/secret`
				: /^\/v1\/webhooks\/endpoints\/?$/.test(path)
					? WEBHOOK_ENDPOINTS_PATH
					: `${WEBHOOK_ENDPOINTS_PATH}/{id}`;
			found.push(...validateWebhookRequest(recorded, webhookUrls));
		} else {
			found.push({
				message: `${method} ${path}: not a Polar route the node should call`,
				msg: 'not a Polar route the node should call',
				loc: ['path'],
				type: 'unknown_route',
				input: `${method} ${path}`,
			});
		}
		if (recorded.route) {
			// The spec's findings, less those the hand contracts already made about the same spot.
			// A webhook URL is Polar's pydantic check's alone: it strips the string and takes IDNs,
			// which the spec's `format: uri` would refuse. Events and `api_version` are the webhook
			// contract's alone too: Polar serves more than the 2026-04 spec knows (webhooks.ts).
			const seen = new Set(found.map((v) => v.loc.join('.')));
			const handChecked = (loc: string) =>
				seen.has(loc) || (hook !== undefined && /^body\.(url|events|api_version)\b/.test(loc));
			const body = matched?.route.specBody?.(recorded) ?? recorded.body;
			const problems = spec.checkRequest(method, recorded.route, body, recordedQuery(recorded));
			found.push(...problems.map(specViolation).filter((v) => !handChecked(v.loc.join('.'))));
		}
		for (const v of found) violations.push({ ...v, request: recorded });

		// Polar's version middleware is outside every other: an unserved version is refused first.
		if (recorded.apiVersion === undefined) return send(res, versionNotServed(), recorded);

		// Polar's body size limit is further out still (MaxBodySizeMiddleware, see events.ts).
		const bodyRefused = bodyLimit(
			method,
			req.headers['content-length'],
			options.maxRequestBodyBytes,
		);
		if (bodyRefused) return send(res, bodyRefused, recorded);
		// Polar's limiter sits in front of everything else.
		const waitMs = limiter ? limiter.take(recorded.time) : 0;
		if (waitMs > 0)
			return send(res, polarErrors.rateLimited(String(retryAfterSeconds(waitMs))), recorded);
		if (isCreateSession) return createSession(req, res, recorded, found);
		// Polar's service resolves the organization after the body's checks (organization-scope.ts).
		const route = recorded.route ?? '';
		if (hook) {
			const authorize = (scopes: string[]) =>
				authenticate(req.headers.authorization, scopes) ??
				(found.length > 0 ? undefined : scope.refuseCreate(route, recorded));
			const handled = webhooks.handle(hook, recorded, found, authorize);
			return send(res, scope.scopeList(route, recorded, handled), recorded);
		}
		if (!matched) return send(res, polarErrors.noSuchRoute(), recorded);
		const answer = (): CannedResponse =>
			authenticate(req.headers.authorization, matched.route.scopes) ??
			(found.length > 0
				? validationFailed(found)
				: (scope.refuseCreate(route, recorded) ??
					scope.scopeList(route, recorded, matched.route.answer(recorded, matched.ref))));
		if (matched.route.faultable) return answerFaultable(req, res, recorded, answer);
		send(res, answer(), recorded);
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			try {
				handle(req, res, Buffer.concat(chunks).toString('utf8'));
			} catch (error) {
				// A bug in the double must not pass for a Polar 500.
				const detail = (error as Error).stack ?? String(error);
				send(res, jsonResponse(500, { error: 'PolarDoubleBug', detail }), undefined, 0);
			}
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	let closing: Promise<void> | undefined;
	orders.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	const double: PolarDouble = {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		organizationId,
		customers,
		licenseKeys: licenseKeys.keys,
		products,
		meters,
		usageEvents,
		benefits,
		refunds: refunds.refunds,
		disputes,
		discounts,
		subscriptions,
		orders,
		requests,
		violations,
		sessions,
		webhooks,
		checkouts,
		checkoutLinks,
		clock,
		versions,
		async completeCheckout(id, buyer = {}) {
			const done = completeCheckout(completion, id, buyer);
			const body = JSON.parse(done.answer.body) as unknown;
			return { status: done.answer.status, body, deliveries: await done.delivered };
		},
		loseAnswer(route, count = 1) {
			lostAnswers.lose(route, count);
		},
		events,
		failNext(scenario, count = 1, failureOptions = {}) {
			if (!isFailureScenario(scenario)) throw new Error(`Unknown scenario: ${String(scenario)}`);
			if (!Number.isInteger(count) || count < 1)
				throw new Error('count must be a positive integer');
			failures.push({ scenario, remaining: count, options: failureOptions });
		},
		reset() {
			requests.length = 0;
			violations.length = 0;
			sessions.length = 0;
			failures.length = 0;
			webhooks.reset();
			orders.reset();
			// An accepted dispute is reseeded as open, for the next test.
			disputes.splice(0, disputes.length, ...seedDisputes(organizationId));
			events.clear();
			limiter?.reset();
			store.takeRacer();
			clock.reset();
			versions.reset();
			lostAnswers.reset();
			checkouts.reset();
			checkoutLinks.reset();
		},
		close() {
			closing ??= new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
	return double;
}

/** Each query parameter's values, repeated ones (Polar's lists) kept. */
function queryLists(search: string): Record<string, string[]> {
	const lists: Record<string, string[]> = {};
	for (const [key, value] of new URLSearchParams(search)) (lists[key] ??= []).push(value);
	return lists;
}

/** The query as the spec reads it: a repeated parameter as its list. */
const recordedQuery = (request: RecordedRequest): Record<string, string | string[]> =>
	Object.fromEntries(
		Object.entries(request.queryLists).map(([key, values]) => [
			key,
			values.length > 1 ? values : values[0],
		]),
	);

/** The most requests that were ever open at once (arrived and not yet answered). */
export function maxInFlight(requests: readonly RecordedRequest[]): number {
	const events = requests.flatMap((r) => [
		{ at: r.time, change: 1 },
		{ at: r.answeredAt ?? Infinity, change: -1 },
	]);
	// At equal times an answer is counted before an arrival: the slot was free again.
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let open = 0;
	let most = 0;
	for (const { change } of events) most = Math.max(most, (open += change));
	return most;
}
