import { createHmac, timingSafeEqual } from 'crypto';

/** Polar's (and Standard Webhooks') tolerance for the sender's clock, both ways. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** The three Standard Webhooks headers of a delivery, and the body exactly as it arrived. */
export interface SignedDelivery {
	id?: string;
	timestamp?: string;
	signature?: string;
	body: Uint8Array;
}

export type Verification = { valid: true } | { valid: false; reason: string };

/**
 * How Polar keys an endpoint's HMAC. Secrets generated since 2026-09-08 are Standard Webhooks
 * proper (`standard`: the base64-decoded part after `whsec_`); older ones keep Polar's original
 * key (`legacy`: the UTF-8 bytes of the whole secret, prefix included). `either` is for a secret
 * whose age is unknown (pasted by the user, or an endpoint object that does not say).
 */
export type SignatureScheme = 'standard' | 'legacy' | 'either';

const STANDARD_PREFIX = 'whsec_';
const BASE64 =
	/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** The Standard Webhooks key of a `whsec_<base64>` secret; undefined for any other secret. */
function standardKey(secret: string): Buffer | undefined {
	if (!secret.startsWith(STANDARD_PREFIX)) return undefined;
	const encoded = secret.slice(STANDARD_PREFIX.length);
	if (encoded.length === 0 || !BASE64.test(encoded)) return undefined;
	return Buffer.from(encoded, 'base64');
}

/** The HMAC keys a delivery signed with `secret` may have used under `scheme`. */
export function signingKeys(secret: string, scheme: SignatureScheme): Buffer[] {
	const legacy = Buffer.from(secret, 'utf8');
	const standard = standardKey(secret);
	if (scheme === 'legacy') return [legacy];
	if (scheme === 'standard') return standard ? [standard] : [];
	return standard ? [standard, legacy] : [legacy];
}

/** What a secret can be verified with, in words for Test connection; undefined when unusable. */
export function describeSecret(secret: string): string | undefined {
	if (standardKey(secret)) {
		return 'a Standard Webhooks secret (whsec_ and base64): deliveries signed with its decoded key (endpoints created since September 2026) or with the whole secret (older endpoints) both verify';
	}
	if (/^(whsec_|polar_whs_)\S+$/.test(secret)) {
		return 'a secret of an older Polar endpoint: deliveries signed with the whole secret verify';
	}
	return undefined;
}

/** The base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` under `key`. */
export function computeSignature(
	key: Uint8Array,
	id: string,
	timestamp: string,
	body: Uint8Array,
): string {
	return createHmac('sha256', key)
		.update(`${id}.${timestamp}.`, 'utf8')
		.update(body)
		.digest('base64');
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/** The base64 parts of the space-separated `v1,<base64>` entries of webhook-signature. */
const v1Signatures = (header: string): string[] =>
	header
		.split(' ')
		.filter((entry) => entry.startsWith('v1,'))
		.map((entry) => entry.slice(3));

/**
 * What can be checked without the secret: all three headers present, a timestamp within the
 * tolerance of `nowSeconds`, and a signature of the one scheme Polar signs with (v1). A delivery
 * that fails here costs no look-up of the secret.
 */
export function checkHeaders(delivery: SignedDelivery, nowSeconds: number): Verification {
	const { id, timestamp, signature } = delivery;
	const missing = [
		['webhook-id', id],
		['webhook-timestamp', timestamp],
		['webhook-signature', signature],
	]
		.filter(([, value]) => !value)
		.map(([name]) => name);
	if (missing.length > 0) return { valid: false, reason: `missing header ${missing.join(', ')}` };
	if (!/^\d{1,15}$/.test(timestamp!)) {
		return { valid: false, reason: 'webhook-timestamp is not a Unix time in seconds' };
	}
	const age = nowSeconds - Number(timestamp);
	if (age > TIMESTAMP_TOLERANCE_SECONDS) {
		return { valid: false, reason: 'webhook-timestamp is more than 5 minutes old' };
	}
	if (age < -TIMESTAMP_TOLERANCE_SECONDS) {
		return { valid: false, reason: 'webhook-timestamp is more than 5 minutes in the future' };
	}
	if (v1Signatures(signature!).length === 0) {
		return { valid: false, reason: 'webhook-signature has no v1 signature' };
	}
	return { valid: true };
}

/**
 * Checks a delivery as Standard Webhooks prescribes: its headers (above), and any one of the
 * space-separated `v1,<base64>` signatures equal to ours under any of `keys`, compared in
 * constant time.
 */
export function verifyDelivery(
	delivery: SignedDelivery,
	keys: readonly Uint8Array[],
	nowSeconds: number,
): Verification {
	const headers = checkHeaders(delivery, nowSeconds);
	if (!headers.valid) return headers;
	const { id, timestamp, signature } = delivery as Required<SignedDelivery>;
	const expected = keys.map((key) => computeSignature(key, id, timestamp, delivery.body));
	const given = v1Signatures(signature);
	// Every pair is compared, so the time taken does not tell which key or entry matched.
	let matches = false;
	for (const mine of expected)
		for (const theirs of given) matches = sameText(mine, theirs) || matches;
	return matches ? { valid: true } : { valid: false, reason: 'no signature matches' };
}
