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
	LIST_CUSTOMERS_PATH,
	validateCreateSessionRequest,
	validateListCustomersRequest,
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
import { retryAfterSeconds, SlidingWindowLimiter } from './rate-limit';
import {
	FAILURE_SCENARIOS,
	failureResponse,
	isFailureScenario,
	jsonResponse,
	polarErrors,
	type CannedResponse,
	type FailureOptions,
	type FailureScenario,
} from './responses';
import type { Customer, CustomerSession, CustomerSessionCreate } from './types';
import {
	createWebhookEndpointStore,
	validateWebhookRequest,
	webhookRoute,
	type WebhookEndpointStore,
} from './webhooks';

export const DEFAULT_TOKEN = 'polar_oat_double_valid_token';
export const DEFAULT_TOKEN_SCOPES: readonly string[] = [
	'customer_sessions:write',
	'customers:read',
];
export const CONTROL_PREFIX = '/__double/';

// Polar accepts any one of an endpoint's scopes; the 403 challenge lists them all.
const CREATE_SCOPES = ['customer_sessions:write'];
const LIST_SCOPES = ['customers:read', 'customers:write'];

export interface PolarDoubleOptions {
	/** 0 (default) picks a free ephemeral port. */
	port?: number;
	host?: string;
	/** Token → scopes. Default: `{ [DEFAULT_TOKEN]: DEFAULT_TOKEN_SCOPES }`. */
	tokens?: Record<string, readonly string[]>;
	/** Delay before every API answer (not the control API). */
	latencyMs?: number;
	/** Sliding window over all /v1 requests; over it → 429, empty body, Retry-After in seconds. */
	rateLimit?: { limit: number; windowMs: number };
	organizationId?: string;
	/** Used in customer_portal_url. */
	organizationSlug?: string;
	/** Replaces the seeded customers (default: `seedCustomers(organizationId)`). */
	customers?: SeededCustomer[];
}

export interface RecordedRequest {
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
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
	readonly requests: RecordedRequest[];
	readonly violations: RecordedViolation[];
	readonly sessions: CustomerSession[];
	/** Webhook endpoints the node registered, and a deliverer of signed events to them. */
	readonly webhooks: WebhookEndpointStore;
	/** The next `count` create-session requests get `scenario` instead of a real answer (queued FIFO). */
	failNext(scenario: FailureScenario, count?: number, options?: FailureOptions): void;
	/** Clears recordings, queued failures and the rate-limit window (arrays are emptied in place). */
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
	const limiter = options.rateLimit
		? new SlidingWindowLimiter(options.rateLimit.limit, options.rateLimit.windowMs)
		: undefined;
	const seeded = (options.customers ?? seedCustomers(organizationId))
		.slice()
		.sort((a, b) => b.customer.created_at.localeCompare(a.customer.created_at));
	const customers = seeded.map((s) => s.customer);
	const byId = new Map(seeded.map((s) => [s.customer.id.toLowerCase(), s]));
	const byExternalId = new Map<string, SeededCustomer>();
	for (const s of seeded)
		if (s.customer.external_id !== null) byExternalId.set(s.customer.external_id, s);

	const requests: RecordedRequest[] = [];
	const violations: RecordedViolation[] = [];
	const sessions: CustomerSession[] = [];
	const failures: QueuedFailure[] = [];
	const webhooks = createWebhookEndpointStore(organizationId);
	const sockets = new Set<Socket>();
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
	): void =>
		after(delayMs, () => {
			if (recorded) {
				recorded.status = answer.status;
				recorded.answeredAt = Date.now();
			}
			const length =
				answer.status === 204 ? {} : { 'content-length': String(Buffer.byteLength(answer.body)) };
			res.writeHead(answer.status, { ...answer.headers, ...length });
			res.end(answer.body);
		});

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
		const failure = failures[0];
		if (failure) {
			if (--failure.remaining <= 0) failures.shift();
			const answer = failureResponse(failure.scenario, recorded.body, failure.options);
			if (answer === 'hang') return; // never answered; close() destroys the socket
			if (answer === 'connection-reset')
				return after(latencyMs, () => req.socket.resetAndDestroy());
			return send(res, answer, recorded);
		}
		const denied = authenticate(req.headers.authorization, CREATE_SCOPES);
		if (denied) return send(res, denied, recorded);
		if (found.length > 0) return send(res, validationFailed(found), recorded);

		const body = recorded.body as CustomerSessionCreate;
		const target =
			body.customer_id !== undefined
				? byId.get(body.customer_id.toLowerCase())
				: byExternalId.get(body.external_customer_id as string);
		if (!target) {
			return send(
				res,
				body.customer_id !== undefined
					? polarErrors.customerDoesNotExist('customer_id', body.customer_id)
					: polarErrors.customerDoesNotExist('external_customer_id', body.external_customer_id),
				recorded,
			);
		}
		// Member resolution as Polar's member model does it: member_id wins over external_member_id;
		// a team customer must name one.
		let member: SeedMember | undefined;
		if (body.member_id != null) {
			const id = body.member_id.toLowerCase();
			member = target.members.find((m) => m.id === id);
			if (!member) return send(res, memberNotFound('member_id', body.member_id), recorded);
		} else if (body.external_member_id != null) {
			member = target.members.find((m) => m.external_id === body.external_member_id);
			if (!member)
				return send(res, memberNotFound('external_member_id', body.external_member_id), recorded);
		} else if (target.customer.type === 'team') {
			return send(
				res,
				polarErrors.validation([
					{
						loc: ['body', 'member_id'],
						msg: 'member_id is required for team customers.',
						type: 'value_error',
						input: null,
					},
				]),
				recorded,
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
		send(res, jsonResponse(201, session), recorded);
	}

	function listCustomers(
		req: IncomingMessage,
		res: ServerResponse,
		recorded: RecordedRequest,
		found: ContractViolation[],
	): void {
		const denied = authenticate(req.headers.authorization, LIST_SCOPES);
		if (denied) return send(res, denied, recorded);
		if (found.length > 0) return send(res, validationFailed(found), recorded);
		const { query } = recorded;
		const limit = Number(query.limit ?? 10);
		const page = Number(query.page ?? 1);
		const needle = (query.query ?? '').toLowerCase();
		const matches = needle
			? customers.filter((c) => [c.name, c.email].some((f) => f?.toLowerCase().includes(needle)))
			: customers;
		const items = matches.slice((page - 1) * limit, page * limit);
		const pagination = { total_count: matches.length, max_page: Math.ceil(matches.length / limit) };
		send(res, jsonResponse(200, { items, pagination }), recorded);
	}

	function control(method: string, path: string, rawBody: string, res: ServerResponse): void {
		const reply = (answer: CannedResponse): void => send(res, answer, undefined, 0);
		switch (`${method} ${path.slice(CONTROL_PREFIX.length)}`) {
			case 'GET health':
				return reply(jsonResponse(200, { status: 'ok', url: double.url }));
			case 'GET requests':
				return reply(jsonResponse(200, requests));
			case 'GET violations':
				return reply(jsonResponse(200, violations));
			case 'GET sessions':
				return reply(jsonResponse(200, sessions));
			case 'POST reset':
				double.reset();
				return reply(noContent);
			case 'POST fail-next': {
				const input = (parseJson(rawBody) ?? {}) as Record<string, unknown>;
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
		if (path.startsWith(CONTROL_PREFIX)) return control(method, path, rawBody, res);

		const recorded: RecordedRequest = {
			method,
			path,
			query: q === -1 ? {} : Object.fromEntries(new URLSearchParams(target.slice(q + 1))),
			headers: req.headers,
			body: parseJson(rawBody),
			rawBody,
			time: Date.now(),
		};
		requests.push(recorded);
		const route =
			method === 'POST' && path === CREATE_SESSION_PATH
				? 'create'
				: method === 'GET' && path === LIST_CUSTOMERS_PATH
					? 'list'
					: undefined;
		const hook = route === undefined ? webhookRoute(method, path) : undefined;
		const found = hook
			? validateWebhookRequest(recorded)
			: route === 'create'
				? validateCreateSessionRequest(recorded)
				: route === 'list'
					? validateListCustomersRequest(recorded)
					: [
							{
								message: `${method} ${path}: not a Polar route the node should call`,
								msg: 'not a Polar route the node should call',
								loc: ['path'],
								type: 'unknown_route',
								input: `${method} ${path}`,
							},
						];
		for (const v of found) violations.push({ ...v, request: recorded });

		// Polar's limiter sits in front of everything else.
		const waitMs = limiter ? limiter.take(recorded.time) : 0;
		if (waitMs > 0)
			return send(res, polarErrors.rateLimited(String(retryAfterSeconds(waitMs))), recorded);
		if (route === 'create') return createSession(req, res, recorded, found);
		if (route === 'list') return listCustomers(req, res, recorded, found);
		if (hook) {
			const authorize = (scopes: string[]) => authenticate(req.headers.authorization, scopes);
			return send(res, webhooks.handle(hook, recorded, found, authorize), recorded);
		}
		send(res, polarErrors.notFound(), recorded);
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

	const double: PolarDouble = {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		organizationId,
		customers,
		requests,
		violations,
		sessions,
		webhooks,
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
			limiter?.reset();
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
