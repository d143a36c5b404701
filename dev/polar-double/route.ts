// How a resource module of the double adds its endpoints: a list of routes by the spec's path
// template, each with the scopes Polar accepts and an answer; and control routes (under
// /__double/) that let a test act as Polar's other side (a buyer paying, time passing).

import type { IncomingHttpHeaders } from 'http';

import type { ContractViolation } from './contract';
import type { PathRef } from './customers';
import type { CannedResponse } from './responses';
import type { RecordedRequest } from './server';

export interface Route {
	method: string;
	/** The spec's path template, e.g. /v1/products/{id}. */
	template: string;
	/** Any one of these scopes lets a token in, as Polar checks them. */
	scopes: readonly string[];
	/**
	 * The body as the spec's check should see it, where Polar's server takes what the spec's JSON
	 * schema refuses (e.g. {CHECKOUT_ID} in a success URL, which Polar fills in).
	 */
	specBody?: (request: RecordedRequest) => unknown;
	/** A hand contract, stricter than the spec, for the routes the node used first. */
	contract?: (request: RecordedRequest) => ContractViolation[];
	/**
	 * The request takes failNext's queued failures (as a customer session's create does): for the
	 * creates whose lost answer a test plays out.
	 */
	faultable?: boolean;
	/** `ref` is the first path parameter: an ID, or an external ID for `{external_id}` templates. */
	answer(request: RecordedRequest, ref: PathRef | undefined): CannedResponse;
}

/** A test's lever on the double: POST /__double/<path> with a JSON body. */
export interface ControlRoute {
	method: string;
	/** Matched against the path after /__double/, e.g. /^checkouts\/([^/]+)\/complete$/. */
	pattern: RegExp;
	/** `headers` are the request's, e.g. to tell whether a download carried a token. */
	answer(
		match: RegExpExecArray,
		body: Record<string, unknown>,
		headers?: IncomingHttpHeaders,
	): CannedResponse;
}

/** The request's JSON body as an object ({} when empty). */
export const requestBody = (request: RecordedRequest) =>
	(request.body ?? {}) as Record<string, unknown>;

/** The path's segments after /v1/<resource>/, e.g. [id, 'activations', activationId]. */
export const pathIds = (request: RecordedRequest) => request.path.split('/').slice(3);
