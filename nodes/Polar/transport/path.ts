/**
 * API paths with values in them (a customer's external ID, an ID). Every value becomes exactly
 * one path segment: percent-encoded, and refused when a server or proxy on the way could read it
 * as something else. Polar's server decodes the path before routing, so "/" would split the
 * value, and "." or ".." (also as %2e) would be resolved as a step up: Get Customer by external
 * ID ".." would list the organization's customers instead.
 */

/** Enough rounds of percent-decoding to see through a value encoded twice or three times. */
const DECODE_ROUNDS = 3;

function decodings(value: string): string[] {
	const forms = [value, value.normalize('NFKC')];
	let current = value;
	for (let round = 0; round < DECODE_ROUNDS; round++) {
		let decoded: string;
		try {
			decoded = decodeURIComponent(current);
		} catch {
			break;
		}
		if (decoded === current) break;
		forms.push(decoded, decoded.normalize('NFKC'));
		current = decoded;
	}
	return forms;
}

/** Why `value` cannot be one path segment, in words for an error after the field's name. */
export function pathSegmentProblem(value: string): string | undefined {
	const forms = decodings(value);
	if (forms.some((form) => /^\.+$/.test(form))) {
		return `"${value}" is made only of dots, which a server reads as a step in the path, not as an ID`;
	}
	if (forms.some((form) => form.includes('/'))) {
		return `"${value}" contains "/", which Polar cannot look up in a path`;
	}
	return undefined;
}

/**
 * A path whose interpolated values are each one encoded segment, e.g.
 * apiPath`/v1/customers/external/${externalId}/state`. Operations check their values with
 * requirePathSegment first, so that the error names the field and item; this refuses again,
 * so that no operation can send a path that steps elsewhere.
 */
export function apiPath(parts: TemplateStringsArray, ...values: string[]): string {
	return parts.reduce((path, part, i) => {
		if (i === 0) return part;
		const value = values[i - 1];
		const problem = value === '' ? 'is empty' : pathSegmentProblem(value);
		if (problem) throw new Error(`Not sent: a path segment ${problem}`);
		return `${path}${encodeURIComponent(value)}${part}`;
	}, '');
}
