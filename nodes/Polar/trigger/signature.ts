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
 * The base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`, keyed with the secret's UTF-8 bytes: the
 * whole string, `whsec_` prefix included, as Polar signs (it does not base64-decode the secret).
 */
export function computeSignature(
	secret: string,
	id: string,
	timestamp: string,
	body: Uint8Array,
): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}.${timestamp}.`, 'utf8')
		.update(body)
		.digest('base64');
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a delivery as Standard Webhooks prescribes: all three headers present, a timestamp
 * within the tolerance of `nowSeconds`, and any one of the space-separated `v1,<base64>`
 * signatures equal to ours, compared in constant time.
 */
export function verifyDelivery(
	delivery: SignedDelivery,
	secret: string,
	nowSeconds: number,
): Verification {
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
	const expected = computeSignature(secret, id!, timestamp!, delivery.body);
	const matches = signature!
		.split(' ')
		.filter((entry) => entry.startsWith('v1,'))
		.some((entry) => sameText(entry.slice(3), expected));
	return matches ? { valid: true } : { valid: false, reason: 'no signature matches' };
}
