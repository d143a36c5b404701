import {
	NodeApiError,
	NodeOperationError,
	sleep as n8nSleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	classifyConnectionError,
	describeConnectionError,
	describeFailedResponse,
	isPolarNotFound,
	isVersionNotServed,
	keepMessage,
	notRepeatedNote,
	versionNotServedFailure,
	type PolarFailure,
	type RefineFailure,
} from './errors';
import { tokenBudgets, TokenBudgets, type BudgetSlot } from './budget';
import { readCredential, type TokenKind } from './credential';
import { MISSING_ORGANIZATION, organizationPlace, withOrganization } from './organization';
import { Permits } from './permits';
import { redactValue } from './redact';
import {
	isAmbiguousStatus,
	isRetryableStatus,
	nextRetryDelayMs,
	parseRetryAfterMs,
	spreadDelayMs,
	type RetryPolicy,
} from './retry';
import { POLAR_API_VERSION } from './servers';
import { nextWaitMs, type WaitPolicy } from './wait';

export const CREDENTIAL_NAME = 'polarApi';

/** One request's attempts: its item, and whether Polar may have acted on one of them. */
interface Turn {
	itemIndex?: number;
	mayHaveActed: boolean;
	/** The request's own stop (PolarRequest.signal). */
	signal?: AbortSignal;
}

/** A request that stop() kept from being sent. */
export function isNotSent(error: unknown): error is NodeOperationError {
	return error instanceof NodeOperationError && error.context.notSent === true;
}

export interface PolarRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. /v1/customer-sessions/ */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Whether sending it twice is harmless (a read, a delete). When not (a create), a failure
	 * after which Polar may have acted (a timeout, a reset, 500, 502, 504) is not retried.
	 */
	repeatable: boolean;
	/** What Polar may have done when such a failure ends the request, e.g. "created the session". */
	effect?: string;
	/** Polar answers 204 with no body (a delete) or 202 with null (a job queued): success, read as {}. */
	noContent?: boolean;
	/** Polar answers with a file (a CSV export): its bytes, type and name, as a PolarFile. */
	file?: boolean;
	/**
	 * Answers that mean "not ready yet" (Polar's queue is still making it), for `poll`, which
	 * asks again.
	 */
	pending?: (status: number, body: unknown) => boolean;
	/** The operation's own wording for some answers. */
	refine?: RefineFailure;
	/**
	 * Once aborted, the request is not sent if it has not been yet (it fails unsent, as after
	 * stop()): e.g. the other pages of a list one of whose pages failed.
	 */
	signal?: AbortSignal;
	/** A batch request's items (event ingestion), besides the one it fails for: all sent with it. */
	items?: readonly number[];
	/**
	 * Set by the client when an attempt may have been acted on (its answer lost): the answer or
	 * refusal of a repeat then follows what that attempt did (helpers/alreadyDone.ts).
	 */
	retried?: { afterLostAnswer: boolean };
}

export interface ClientOptions {
	timeoutMs: number;
	/** Max Concurrent Requests: at most this many requests of the run underway; unset for no cap. */
	concurrency?: number;
	/** A cap of the node's own, below Polar's limit; 0 or undefined for none. */
	maxRequestsPerMinute?: number;
	retry: RetryPolicy;
	/** Injected by unit tests; n8n-workflow's sleep otherwise (community nodes may not use timers). */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	random?: () => number;
	now?: () => number;
	/** Injected by unit tests; the budgets this process shares otherwise. */
	budgets?: TokenBudgets;
}

/** A file Polar answered with, or one downloaded from a link Polar gave. */
export interface PolarFile {
	data: Buffer;
	mimeType: string;
	/** From Content-Disposition, when the answer names one. */
	fileName?: string;
}

/** What a `pending` answer of `poll`'s request resolves to. */
const PENDING = Symbol('pending');

/** The file name of a Content-Disposition header (RFC 6266), e.g. attachment; filename="a.csv". */
export function dispositionFileName(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	const encoded = /filename\*=UTF-8''([^;]+)/i.exec(value);
	if (encoded) {
		try {
			return decodeURIComponent(encoded[1].trim());
		} catch {
			// fall back to the plain name
		}
	}
	const plain = /filename="((?:[^"\\]|\\.)*)"|filename=([^;]+)/i.exec(value);
	const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
	return name || undefined;
}

const isBytes = (value: unknown): value is Buffer => ArrayBuffer.isView(value);

/** An error answer of a file request comes as bytes: read as JSON when it is JSON. */
function decodeBody(body: unknown): unknown {
	if (!isBytes(body)) return body;
	const text = body.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

type PolarContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/**
 * The one place that talks HTTP to Polar: base URL and headers, timeouts, retries with a
 * back-off shared by every request of a node run, and mapping failures to n8n errors.
 */
export class PolarClient {
	/** While Polar is rate limiting us, no request of this run starts before this time. */
	private resumeAt = 0;

	/** Polar asked for a longer wait than Max Retry Wait: until then, requests fail unsent. */
	private refusedUntil: { until: number; failure: PolarFailure } | undefined;

	/** With Max Requests per Minute, the earliest start of the next request: starts are evenly spaced. */
	private nextSlotAt = 0;

	/** This token's budget, shared with every run in the process: a hash, never the token. */
	private readonly budgetKey: string;

	/** Set by stop(): requests still waiting for their turn are not sent. */
	private readonly stopper = new AbortController();

	/** The items a request was sent for, to tell a stopped run's unsent items. */
	private readonly sentItems = new Set<number>();

	/** Max Concurrent Requests over the whole run: items and the pages of their lists alike. */
	private readonly permits: Permits | undefined;

	private constructor(
		private readonly context: PolarContext,
		readonly baseUrl: string,
		/** Whether the token is an organization's (its own organization) or a user's. */
		readonly tokenKind: TokenKind,
		/** The credential's Organization ID, or '' when it names none. */
		readonly organizationId: string,
		private readonly secret: string,
		private readonly requestsPerMinute: number,
		private readonly options: ClientOptions,
	) {
		this.budgetKey = TokenBudgets.key(secret);
		this.permits = options.concurrency ? new Permits(options.concurrency) : undefined;
	}

	/** How many requests of the run may be underway at once (1 when the run sets no cap). */
	get concurrency(): number {
		return this.options.concurrency ?? 1;
	}

	static async create(context: PolarContext, options: ClientOptions): Promise<PolarClient> {
		const credential = readCredential(await context.getCredentials(CREDENTIAL_NAME));
		if ('problem' in credential) {
			const message = `Polar credential: ${credential.problem}`;
			const error = new NodeOperationError(context.getNode(), message, {
				description: `Open the Polar credential and correct its ${credential.field}.`,
				failure: { cause: 'configuration-invalid' },
			});
			throw keepMessage(error, message);
		}
		const { baseUrl, tokenKind, organizationId, accessToken, requestsPerMinute } = credential;
		return new PolarClient(
			context,
			baseUrl,
			tokenKind,
			organizationId,
			accessToken,
			requestsPerMinute,
			options,
		);
	}

	/**
	 * With On Error: Stop, after an item failed: requests waiting for their turn (Max Requests
	 * per Minute, a back-off, the token's budget) fail unsent and give their place back. Requests
	 * in flight finish.
	 */
	stop(): void {
		this.stopper.abort();
	}

	/**
	 * The organization_id Polar needs with this token (see organization.ts): none with an
	 * organization's token, whose organization Polar knows and which may not name one; the
	 * credential's Organization ID with a user's token. Throws, before any request, when a
	 * user's token has none.
	 */
	organizationFor(itemIndex?: number): string | undefined {
		const missing = this.missingOrganization(itemIndex);
		if (missing) throw missing;
		return this.tokenKind === 'user' ? this.organizationId : undefined;
	}

	/** The item's error when a user's token has no Organization ID, which Polar needs. */
	missingOrganization(itemIndex?: number): NodeOperationError | undefined {
		if (this.tokenKind === 'organization' || this.organizationId) return undefined;
		const error = new NodeOperationError(this.context.getNode(), MISSING_ORGANIZATION.message, {
			description: MISSING_ORGANIZATION.description,
			itemIndex,
			failure: { cause: 'configuration-invalid' },
		});
		return keepMessage(error, MISSING_ORGANIZATION.message);
	}

	/** Whether a request was sent to Polar for this item. */
	wasSent(itemIndex: number): boolean {
		return this.sentItems.has(itemIndex);
	}

	async request<T = IDataObject>(request: PolarRequest, itemIndex?: number): Promise<T> {
		return (await this.exchange<T>(request, false, itemIndex)) as T;
	}

	/** As `request`, but undefined when Polar's answer is `pending` (not made yet). */
	async check<T = IDataObject>(request: PolarRequest, itemIndex?: number): Promise<T | undefined> {
		const answer = await this.exchange<T>(request, false, itemIndex);
		return answer === PENDING ? undefined : (answer as T);
	}

	/**
	 * Sends the request until Polar's answer is no longer `pending` (waiting between checks as
	 * `policy` says, with the same cancel and stop as every wait); after `policy.maxWaitMs`, fails
	 * with `gaveUp`'s wording.
	 */
	async poll<T = IDataObject>(
		request: PolarRequest,
		policy: WaitPolicy,
		gaveUp: (waitedMs: number, checks: number) => PolarFailure,
		itemIndex?: number,
	): Promise<T> {
		const turn: Turn = { itemIndex, mayHaveActed: false, signal: request.signal };
		let waited = 0;
		for (let checks = 1; ; checks++) {
			const answer = await this.exchange<T>(request, false, itemIndex);
			if (answer !== PENDING) return answer as T;
			const delay = nextWaitMs(policy, checks, waited);
			if (delay === undefined) throw this.toNodeError(gaveUp(waited, checks), itemIndex);
			await this.sleep(delay, turn);
			waited += delay;
		}
	}

	/**
	 * Downloads a file from a presigned link Polar gave (its file storage, not its API): the
	 * link is the permission, so the token is not sent with it.
	 */
	async download(url: string, what: string, itemIndex?: number): Promise<PolarFile> {
		let response: FullResponse;
		try {
			response = (await this.context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'arraybuffer',
				json: false,
				timeout: this.options.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: this.signal,
			})) as FullResponse;
		} catch (error) {
			if (this.signal?.aborted) throw this.cancelled(itemIndex);
			throw this.toNodeError(
				{
					message: `Could not download the ${what} from the link Polar gave`,
					description: `${(error as Error).message}. The link is Polar’s file storage, not its API; run the node again for a fresh link.`,
				},
				itemIndex,
			);
		}
		const { statusCode, body, headers } = response;
		if (statusCode < 200 || statusCode >= 300 || !isBytes(body)) {
			throw this.toNodeError(
				{
					message: `Could not download the ${what}: Polar’s file storage answered ${statusCode}`,
					description:
						'The link Polar gave expires after a while; run the node again for a fresh link.',
					httpCode: String(statusCode),
				},
				itemIndex,
			);
		}
		return this.fileOf(body, headers);
	}

	private fileOf(data: Buffer, headers: Record<string, unknown>): PolarFile {
		const type = headers['content-type'];
		return {
			data,
			mimeType:
				(typeof type === 'string' ? type.split(';')[0].trim() : '') || 'application/octet-stream',
			fileName: dispositionFileName(headers['content-disposition']),
		};
	}

	/** As `request`, but undefined when Polar itself answers that the object does not exist. */
	async find<T = IDataObject>(request: PolarRequest, itemIndex?: number): Promise<T | undefined> {
		return (await this.exchange<T>(request, true, itemIndex)) as T | undefined;
	}

	/** One request, from waiting for its permit to its last attempt. */
	private async exchange<T>(
		request: PolarRequest,
		absentIsUndefined: boolean,
		itemIndex?: number,
	): Promise<T | undefined | typeof PENDING> {
		const place = organizationPlace(request.method, request.path);
		const organizationId = place && this.organizationFor(itemIndex);
		if (place && organizationId) request = withOrganization(request, place, organizationId);
		const turn: Turn = { itemIndex, mayHaveActed: false, signal: request.signal };
		if (!this.permits) return await this.attempts<T>(request, absentIsUndefined, turn);
		if (!(await this.permits.acquire(this.stopSignals(turn)))) {
			if (this.signal?.aborted) throw this.cancelled(itemIndex);
			throw this.notSent(turn);
		}
		try {
			return await this.attempts<T>(request, absentIsUndefined, turn);
		} finally {
			this.permits.release();
		}
	}

	/** What ends a wait: n8n's cancel, stop(), the request's own signal. */
	private stopSignals(turn: Turn): AbortSignal[] {
		return [this.stopper.signal, this.signal, turn.signal].filter(
			(signal): signal is AbortSignal => signal !== undefined,
		);
	}

	private async attempts<T>(
		request: PolarRequest,
		absentIsUndefined: boolean,
		turn: Turn,
	): Promise<T | undefined | typeof PENDING> {
		const { itemIndex } = turn;
		const { retry } = this.options;
		for (let attempt = 1; ; attempt++) {
			const slot = await this.waitForTurn(turn);
			let response: FullResponse;
			try {
				response = await this.send(request, itemIndex);
				// Polar counted it before answering: from now, its slot frees a minute after the answer.
				slot.settle(this.now());
			} catch (error) {
				const kind = classifyConnectionError(error);
				// Refused before it left this machine: Polar never counted it.
				if (kind === 'not-sent') slot.release();
				else slot.settle(this.now());
				if (this.signal?.aborted) throw this.cancelled(itemIndex);
				if (kind === 'maybe-sent') this.mayHaveActed(turn, request);
				const retryable = kind === 'not-sent' || (kind === 'maybe-sent' && request.repeatable);
				const delay = retryable
					? nextRetryDelayMs(retry, attempt - 1, undefined, this.random)
					: undefined;
				if (delay === undefined) {
					const maybeActed = kind === 'maybe-sent';
					const failure = describeConnectionError(
						error,
						this.baseUrl,
						this.options.timeoutMs,
						attempt,
						maybeActed && !request.repeatable,
					);
					throw this.toNodeError(this.noteIfNotRepeated(failure, request, maybeActed), itemIndex);
				}
				await this.sleep(delay, turn);
				continue;
			}

			const { statusCode, headers } = response;
			const success = statusCode >= 200 && statusCode < 300;
			if (success && request.file && isBytes(response.body)) {
				return this.fileOf(response.body, headers) as T;
			}
			const body = decodeBody(response.body);
			// Before any reading of a 404 (find, pending, an operation's refine): not "no such
			// object" but Polar refusing the node's API version. Polar did nothing: not retried.
			if (isVersionNotServed(statusCode, body, headers))
				throw this.toNodeError(versionNotServedFailure(), itemIndex);
			if (request.pending?.(statusCode, body)) return PENDING;
			const isObject = body !== null && typeof body === 'object';
			if (success) {
				if (isObject) return body as T;
				if (request.noContent && (body === undefined || body === '' || body === null))
					return {} as T;
			}
			if (absentIsUndefined && isPolarNotFound(statusCode, body)) return undefined;

			const retryAfterMs = parseRetryAfterMs(headers['retry-after'], this.now());
			const delay = isRetryableStatus(statusCode, request.repeatable)
				? nextRetryDelayMs(retry, attempt - 1, retryAfterMs, this.random)
				: undefined;
			if (statusCode === 429) this.holdRun(retryAfterMs ?? delay);
			if (isAmbiguousStatus(statusCode)) this.mayHaveActed(turn, request);
			if (delay === undefined) {
				// Redacted before it is read: a quote of the body cut short would keep part of the token.
				const answer = {
					status: statusCode,
					body: this.redact(body),
					headers: this.redact(headers),
					requestBody: request.body,
				};
				const described = describeFailedResponse(answer, attempt);
				const refined = request.refine ? request.refine(described, answer) : described;
				const failure = this.noteIfNotRepeated(refined, request, isAmbiguousStatus(statusCode));
				if (statusCode === 429 && retryAfterMs !== undefined && retryAfterMs > retry.maxWaitMs) {
					// Polar asked for a longer wait than allowed: the rest of the run fails the same way
					// instead of being sent into the limit.
					this.refusedUntil = { until: this.now() + retryAfterMs, failure };
				}
				throw this.toNodeError(failure, itemIndex);
			}
			if (statusCode !== 429) await this.sleep(delay, turn);
		}
	}

	private mayHaveActed(turn: Turn, request: PolarRequest): void {
		turn.mayHaveActed = true;
		if (request.retried) request.retried.afterLostAnswer = true;
	}

	/** A 429 holds every request of this run, not just the one that hit the limit. */
	private holdRun(waitMs: number | undefined): void {
		if (waitMs !== undefined) this.resumeAt = Math.max(this.resumeAt, this.now() + waitMs);
	}

	private noteIfNotRepeated(
		failure: PolarFailure,
		request: PolarRequest,
		mayHaveActed: boolean,
	): PolarFailure {
		if (!mayHaveActed || request.repeatable) return failure;
		return {
			...failure,
			description: `${failure.description} ${notRepeatedNote(request.effect)}`,
			mayHaveActed: true,
		};
	}

	private get signal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.context
			? this.context.getExecutionCancelSignal?.()
			: undefined;
	}

	private async send(request: PolarRequest, itemIndex?: number): Promise<FullResponse> {
		const headers: IDataObject = { 'Polar-Version': POLAR_API_VERSION };
		if (itemIndex !== undefined) this.sentItems.add(itemIndex);
		for (const item of request.items ?? []) this.sentItems.add(item);
		return await this.sendNow(request, headers);
	}

	private async sendNow(request: PolarRequest, headers: IDataObject): Promise<FullResponse> {
		// Serialized here: the HTTP client deep-copies an object body, and drops keys such as
		// "constructor" and "__proto__", which are a user's metadata keys as much as any other.
		if (request.body !== undefined) headers['Content-Type'] = 'application/json';
		return (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_NAME,
			{
				method: request.method,
				url: `${this.baseUrl}${request.path}`,
				qs: request.qs,
				body: request.body === undefined ? undefined : JSON.stringify(request.body),
				headers,
				// A file's bytes as they came (a CSV), not text JSON.parse might mangle.
				...(request.file ? { encoding: 'arraybuffer' as const, json: false } : { json: true }),
				// Polar (FastAPI) reads a list as the parameter repeated: ?status=paid&status=void.
				arrayFormat: 'repeat',
				timeout: this.options.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// Polar does not redirect these paths; following one could hand the token to another host.
				disableFollowRedirect: true,
				abortSignal: this.signal,
			},
		)) as FullResponse;
	}

	private now(): number {
		return (this.options.now ?? Date.now)();
	}

	private readonly random = (): number => (this.options.random ?? Math.random)();

	/**
	 * Waits for this request's slot under the node's own cap, then out any 429 back-off, then for
	 * room in the token's budget (at most Rate Limit requests in any minute); fails
	 * at once while Polar has asked the run to wait longer than it may.
	 */
	private async waitForTurn(turn: Turn): Promise<BudgetSlot> {
		const { itemIndex } = turn;
		if (this.refusedUntil && this.now() < this.refusedUntil.until) {
			const { failure } = this.refusedUntil;
			throw this.toNodeError(
				{
					...failure,
					description: `Not sent: Polar asked this run to wait longer than Max Retry Wait. ${failure.description}`,
				},
				itemIndex,
			);
		}
		const perMinute = this.options.maxRequestsPerMinute ?? 0;
		if (this.stopper.signal.aborted || turn.signal?.aborted) throw this.notSent(turn);
		if (perMinute > 0) {
			const slot = Math.max(this.now(), this.nextSlotAt);
			this.nextSlotAt = slot + 60_000 / perMinute;
			if (slot > this.now()) await this.sleep(slot - this.now(), turn);
		}
		let waited = 0;
		for (let wait = this.resumeAt - this.now(); wait > 0; wait = this.resumeAt - this.now()) {
			await this.sleep(wait, turn);
			waited += wait;
		}
		// Requests released by the same wait would otherwise all arrive in the same instant.
		if (waited > 0) await this.sleep(spreadDelayMs(waited, this.random), turn);
		// Last, so a slot of the token's budget is not spent waiting for anything else.
		const budgets = this.options.budgets ?? tokenBudgets;
		const slot = budgets.reserve(this.budgetKey, this.requestsPerMinute, this.now());
		let reached = false;
		try {
			if (slot.start > this.now()) await this.sleep(slot.start - this.now(), turn);
			reached = true;
		} finally {
			// Cancelled or stopped before it was sent: the place goes to the next request.
			if (!reached) slot.release();
		}
		return slot;
	}

	/** Waits, unless the execution is cancelled (n8n's signal) or the run stopped (stop()). */
	private async sleep(ms: number, turn: Turn): Promise<void> {
		const { itemIndex } = turn;
		const cancel = this.signal;
		const signals = this.stopSignals(turn);
		const stopped = () => signals.some((signal) => signal.aborted);
		try {
			await (this.options.sleep ?? n8nSleep)(
				ms,
				signals.length === 1 ? signals[0] : AbortSignal.any(signals),
			);
		} catch (error) {
			if (cancel?.aborted) throw this.cancelled(itemIndex);
			if (stopped()) throw this.notSent(turn);
			throw new NodeOperationError(this.context.getNode(), error as Error);
		}
		if (cancel?.aborted) throw this.cancelled(itemIndex);
		if (stopped()) throw this.notSent(turn);
	}

	/** Stopped before this attempt was sent; an earlier one, retried, may have been acted on. */
	private notSent(turn: Turn): NodeOperationError {
		const error = new NodeOperationError(
			this.context.getNode(),
			'Not sent: the node stopped after another item failed',
			{ itemIndex: turn.itemIndex },
		);
		error.context.notSent = true;
		if (turn.mayHaveActed) error.context.mayHaveActed = true;
		return error;
	}

	private cancelled(itemIndex?: number): NodeOperationError {
		return new NodeOperationError(this.context.getNode(), 'The execution was cancelled', {
			itemIndex,
		});
	}

	/** The token is scrubbed from anything a server echoed back, so no error can leak it. */
	private redact<T>(value: T): T {
		return redactValue(value, [this.secret]);
	}

	private toNodeError(failure: PolarFailure, itemIndex?: number): NodeApiError {
		const message = this.redact(failure.message);
		const description = this.redact(failure.description);
		const details = failure.details ? (this.redact(failure.details) as JsonObject) : {};
		const error = new NodeApiError(this.context.getNode(), details, {
			message,
			description,
			httpCode: failure.httpCode,
			itemIndex,
			failure: failure.failure,
		});
		// n8n's error view shows context.data beside the status code ("From Polar"): Polar's answer.
		if (Object.keys(details).length > 0) error.context.data = details;
		if (failure.mayHaveActed) error.context.mayHaveActed = true;
		return keepMessage(error, message);
	}
}
