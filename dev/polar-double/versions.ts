// The API versions the double serves, as Polar's server picks one (server/polar/kit/versioning.py
// `APIVersionMiddleware`, versions from server/polar/version.py): the `Polar-Version` request
// header, parsed as YYYY-MM (`APIVersion.parse`); none (or empty) means Current. A malformed,
// unknown or removed version is answered 404 `{"detail":"Not Found"}` before any route, rate
// limit or body check, and without a `Polar-Version` header; every other answer of Polar's app
// names the version served in one (`send_wrapper`).
//
// Polar serves three versions at a time; at each quarterly release the Deprecated one is
// removed (API-FACTS.md "API versions"). `remove()` plays that release.
//
// Requests and answers of every version are checked against the one vendored spec (2026-04 at
// c6c3645, spec.ts): Polar's docs/openapi/2026-10.openapi.json at that commit differs from it
// only in `info.version` and its code samples (the server had no version-dependent field or
// route yet), and no 2027-01 file exists there. What the later versions change, read from the
// SDK 1.0.1 per-version models, adds answer fields the spec's schemas let through (none of them
// forbids additional properties), or drops an input (webhook endpoint `secret`, gone in 2026-10)
// that the hand contract refuses in every version already.

import type { CannedResponse } from './responses';

export const DEPRECATED_API_VERSION = '2026-04';
export const CURRENT_API_VERSION = '2026-10';
export const NEXT_API_VERSION = '2027-01';
export const SERVED_API_VERSIONS: readonly string[] = [
	DEPRECATED_API_VERSION,
	CURRENT_API_VERSION,
	NEXT_API_VERSION,
];

export const VERSION_HEADER = 'polar-version';

/** `APIVersion.parse`: exactly four digits, a dash, two digits. */
const VERSION_RE = /^\d{4}-\d{2}$/;

/** Whether `version` is `since` or newer: YYYY-MM strings order as the versions do. */
export const isAtLeast = (version: string | undefined, since: string): boolean =>
	version !== undefined && version >= since;

/** The middleware's answer for a version it does not serve: JSONResponse, no Polar-Version. */
export const versionNotServed = (): CannedResponse => ({
	status: 404,
	headers: { 'content-type': 'application/json' },
	body: '{"detail":"Not Found"}',
	offSpec: 'APIVersionMiddleware answers before any route',
	unversioned: 'APIVersionMiddleware refuses the version',
});

export interface ApiVersionOptions {
	/** The versions served (default: 2026-04, 2026-10, 2027-01). */
	served?: readonly string[];
	/** The version of a request without Polar-Version (default: 2026-10); must be served. */
	current?: string;
}

export class ApiVersions {
	private readonly initial: readonly string[];
	private readonly served: Set<string>;
	readonly current: string;

	constructor(options: ApiVersionOptions = {}) {
		this.initial = [...(options.served ?? SERVED_API_VERSIONS)];
		for (const version of this.initial)
			if (!VERSION_RE.test(version)) throw new Error(`Not an API version (YYYY-MM): ${version}`);
		this.current = options.current ?? CURRENT_API_VERSION;
		// add_versioned_routers: "Default API version … is not supported".
		if (!this.initial.includes(this.current))
			throw new Error(`The current API version ${this.current} is not among those served`);
		this.served = new Set(this.initial);
	}

	/** The version a request is served in, or undefined when Polar answers 404 to it. */
	serve(header: string | string[] | undefined): string | undefined {
		const raw = Array.isArray(header) ? header[0] : header;
		const version = raw ? raw : this.current;
		return VERSION_RE.test(version) && this.served.has(version) ? version : undefined;
	}

	/** Polar's release removing a version: from now on it is answered 404. */
	remove(version: string): void {
		this.served.delete(version);
	}

	/** Serves a removed version again (only one served at start). */
	restore(version: string): void {
		if (!this.initial.includes(version))
			throw new Error(`${version} was not served at start (${this.initial.join(', ')})`);
		this.served.add(version);
	}

	/** What is served now, and what was removed. */
	state(): { served: string[]; current: string; removed: string[] } {
		return {
			served: this.initial.filter((v) => this.served.has(v)),
			current: this.current,
			removed: this.initial.filter((v) => !this.served.has(v)),
		};
	}

	reset(): void {
		for (const version of this.initial) this.served.add(version);
	}
}
