/**
 * The one way the node keeps a secret (the access token) out of what it shows: a server may echo
 * it back in any form, e.g. a debugging proxy quoting the Authorization header, base64 in a
 * Basic header, percent-encoded in a URL, or escaped inside JSON. Redact before a text is cut or
 * excerpted: a quote cut short would no longer match the secret whole.
 */

export const REDACTED = '[redacted]';

/** Shorter secrets would match ordinary words; the credential refuses none of them anyway. */
const MIN_SECRET_LENGTH = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const percentEncodeAll = (text: string) =>
	Array.from(Buffer.from(text, 'utf8'), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join(
		'',
	);

/** JSON's escapes, once and twice (JSON quoted inside JSON), and with every character as \uXXXX. */
function jsonForms(secret: string): string[] {
	const once = JSON.stringify(secret).slice(1, -1);
	const twice = JSON.stringify(once).slice(1, -1);
	const unicode = Array.from(secret, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	return [once, once.replace(/\//g, '\\/'), twice, unicode.join('')];
}

/**
 * The part of the base64 of any text that contains the secret which depends on the secret
 * alone, for each of the three alignments the secret can have in that text.
 */
function base64Forms(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const forms: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const stable = encoded.slice(offset === 0 ? 0 : 4, Math.floor((offset + bytes.length) / 3) * 4);
		forms.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return forms;
}

/** Every form of the secret to look for, longest first so that no shorter one splits a longer. */
function secretForms(secret: string): string[] {
	const forms = new Set<string>([
		secret,
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		percentEncodeAll(secret),
		Buffer.from(secret, 'utf8').toString('hex'),
		...jsonForms(secret),
		...base64Forms(secret),
	]);
	return [...forms]
		.filter((form) => form.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
}

/** Built per call, not cached: a cache would keep the token in memory after the run. */
const patternFor = (secret: string): RegExp =>
	new RegExp(secretForms(secret).map(escapeRegExp).join('|'), 'gi');

/** The text with every form of each secret, in any case, replaced by [redacted]. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
		result = result.replace(patternFor(secret), REDACTED);
	}
	return result;
}

/** A JSON-like value (a response body, headers) with every string in it, keys too, redacted. */
export function redactValue<T>(value: T, secrets: ReadonlyArray<string | undefined>): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [redact(k, secrets), redactValue(v, secrets)]),
		) as T;
	}
	return value;
}
