import {
	NodeApiError,
	NodeOperationError,
	sleep as n8nSleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	describeConnectionError,
	describeFailedResponse,
	isRetryableConnectionError,
	type PolarFailure,
} from './errors';
import { isRetryableStatus, nextRetryDelayMs, parseRetryAfterMs, type RetryPolicy } from './retry';
import { POLAR_API_VERSION, resolveBaseUrl } from './servers';

export const CREDENTIAL_NAME = 'polarApi';

export interface PolarRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. /v1/customer-sessions/ */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

export interface ClientOptions {
	timeoutMs: number;
	/** A cap of the node's own, below Polar's limit; 0 or undefined for none. */
	maxRequestsPerMinute?: number;
	retry: RetryPolicy;
	/** Injected by unit tests; n8n-workflow's sleep otherwise (community nodes may not use timers). */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	random?: () => number;
	now?: () => number;
}

type PolarContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

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

	/** With Max Requests per Minute, the earliest start of the next request: starts are evenly spaced. */
	private nextSlotAt = 0;

	private constructor(
		private readonly context: PolarContext,
		readonly baseUrl: string,
		private readonly organizationId: string,
		private readonly secret: string,
		private readonly options: ClientOptions,
	) {}

	static async create(context: PolarContext, options: ClientOptions): Promise<PolarClient> {
		const credentials = await context.getCredentials(CREDENTIAL_NAME);
		const resolved = resolveBaseUrl(credentials);
		if ('problem' in resolved) {
			throw new NodeOperationError(context.getNode(), `Polar credential: ${resolved.problem}`, {
				description: 'Open the Polar credential and correct its Environment or Base URL.',
				failure: { cause: 'configuration-invalid' },
			});
		}
		const organizationId =
			typeof credentials.organizationId === 'string' ? credentials.organizationId.trim() : '';
		const secret =
			typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
		return new PolarClient(context, resolved.baseUrl, organizationId, secret, options);
	}

	async request<T = IDataObject>(request: PolarRequest, itemIndex?: number): Promise<T> {
		const { retry } = this.options;
		for (let attempt = 1; ; attempt++) {
			await this.waitForTurn();
			let response: FullResponse;
			try {
				response = await this.send(request);
			} catch (error) {
				if (this.signal?.aborted) throw this.cancelled(itemIndex);
				const delay = isRetryableConnectionError(error)
					? nextRetryDelayMs(retry, attempt - 1, undefined, this.options.random)
					: undefined;
				if (delay === undefined) {
					throw this.toNodeError(
						describeConnectionError(error, this.baseUrl, this.options.timeoutMs, attempt),
						itemIndex,
					);
				}
				await this.sleep(delay);
				continue;
			}

			const { statusCode, body, headers } = response;
			const isObject = body !== null && typeof body === 'object';
			if (statusCode >= 200 && statusCode < 300 && isObject) return body as T;
			if (statusCode === 204) return {} as T; // No Content, e.g. a DELETE

			const retryAfterMs = parseRetryAfterMs(headers['retry-after']);
			const delay = isRetryableStatus(statusCode)
				? nextRetryDelayMs(retry, attempt - 1, retryAfterMs, this.options.random)
				: undefined;
			if (delay === undefined) {
				const failure = describeFailedResponse(
					{ status: statusCode, body, headers, requestBody: request.body },
					attempt,
				);
				throw this.toNodeError(failure, itemIndex);
			}
			if (statusCode === 429) {
				// Every request of this run waits out the limit, not just the one that hit it.
				this.resumeAt = Math.max(this.resumeAt, this.now() + delay);
			} else {
				await this.sleep(delay);
			}
		}
	}

	private get signal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.context
			? this.context.getExecutionCancelSignal?.()
			: undefined;
	}

	private async send(request: PolarRequest): Promise<FullResponse> {
		const headers: IDataObject = { 'Polar-Version': POLAR_API_VERSION };
		if (this.organizationId) headers['Polar-Organization'] = this.organizationId;
		return (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_NAME,
			{
				method: request.method,
				url: `${this.baseUrl}${request.path}`,
				qs: request.qs,
				body: request.body,
				headers,
				json: true,
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

	/** Waits for this request's slot under the node's own cap, then out any 429 back-off. */
	private async waitForTurn(): Promise<void> {
		const perMinute = this.options.maxRequestsPerMinute ?? 0;
		if (perMinute > 0) {
			const slot = Math.max(this.now(), this.nextSlotAt);
			this.nextSlotAt = slot + 60_000 / perMinute;
			if (slot > this.now()) await this.sleep(slot - this.now());
		}
		for (let wait = this.resumeAt - this.now(); wait > 0; wait = this.resumeAt - this.now()) {
			await this.sleep(wait);
		}
	}

	private async sleep(ms: number): Promise<void> {
		try {
			await (this.options.sleep ?? n8nSleep)(ms, this.signal);
		} catch (error) {
			if (this.signal?.aborted) throw this.cancelled();
			throw new NodeOperationError(this.context.getNode(), error as Error);
		}
	}

	private cancelled(itemIndex?: number): NodeOperationError {
		return new NodeOperationError(this.context.getNode(), 'The execution was cancelled', {
			itemIndex,
		});
	}

	/** The token is scrubbed from anything a server echoed back, so no error can leak it. */
	private redact(text: string): string {
		return this.secret.length >= 8 ? text.split(this.secret).join('[redacted]') : text;
	}

	private toNodeError(failure: PolarFailure, itemIndex?: number): NodeApiError {
		const message = this.redact(failure.message);
		const description = this.redact(failure.description);
		const details = failure.details
			? (JSON.parse(this.redact(JSON.stringify(failure.details))) as JsonObject)
			: {};
		return new NodeApiError(this.context.getNode(), details, {
			message,
			description,
			httpCode: failure.httpCode,
			itemIndex,
			failure: failure.failure,
		});
	}
}
