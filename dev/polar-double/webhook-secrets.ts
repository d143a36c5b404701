// Webhook secrets and signatures as Polar's server makes them. Polar signs with the Standard
// Webhooks library either way; what differs is the key it hands over, chosen by when the
// endpoint's secret was generated (server/polar/webhook/constants.py, tasks.py `sign_webhook`).

import { createHmac, randomBytes, randomInt } from 'crypto';
import { crc32 } from 'zlib';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Secrets generated from this instant on are signed by Standard Webhooks proper. */
export const STANDARD_SIGNATURE_CUTOFF = '2026-09-08T00:00:00.000Z';

/** `uses_standard_webhook_signature`: false when no generation time was recorded. */
export function usesStandardSignature(secretGeneratedAt: string | null): boolean {
	return (
		secretGeneratedAt !== null &&
		Date.parse(secretGeneratedAt) >= Date.parse(STANDARD_SIGNATURE_CUTOFF)
	);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Polar's original token (server/polar/kit/crypto.py `generate_token`): 37 letters and digits
 * and a 6-character base62 CRC32 of them, after the prefix. */
export function legacySecret(prefix = WEBHOOK_SECRET_PREFIX): string {
	let token = '';
	for (let i = 0; i < 37; i++) token += BASE62[randomInt(62)];
	let checksum = crc32(token);
	let encoded = '';
	while (checksum) {
		encoded = BASE62[checksum % 62] + encoded;
		checksum = Math.floor(checksum / 62);
	}
	return `${prefix}${token}${encoded.padStart(6, '0')}`;
}

/** `whsec_` + base64 of 32 random bytes: what a Standard Webhooks library expects. */
export const standardSecret = (): string =>
	`${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;

/** The secret Polar generates at `now` (before the cutoff it still made the original tokens). */
export const generateSecret = (now: Date): string =>
	now.getTime() >= Date.parse(STANDARD_SIGNATURE_CUTOFF) ? standardSecret() : legacySecret();

/** The HMAC key: the base64 after `whsec_` (standard), or the whole string's UTF-8 bytes. */
export function signingKey(secret: string, standard: boolean): Buffer {
	if (!standard) return Buffer.from(secret, 'utf8');
	const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
		? secret.slice(WEBHOOK_SECRET_PREFIX.length)
		: secret;
	return Buffer.from(encoded, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` with the given key. */
export function signWith(
	key: Buffer,
	webhookId: string,
	timestamp: number | string,
	body: string | Buffer,
): string {
	const content = Buffer.concat([
		Buffer.from(`${webhookId}.${timestamp}.`, 'utf8'),
		typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
	]);
	return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
}

/**
 * Polar's original scheme, for secrets generated before the cutoff: Polar hands the library
 * base64(secret), which it decodes again, so the key is the secret's UTF-8 bytes, prefix included.
 */
export const polarSignature = (
	secret: string,
	webhookId: string,
	timestamp: number | string,
	body: string | Buffer,
): string => signWith(signingKey(secret, false), webhookId, timestamp, body);

/** Standard Webhooks proper, for secrets generated on or after the cutoff. */
export const standardSignature = (
	secret: string,
	webhookId: string,
	timestamp: number | string,
	body: string | Buffer,
): string => signWith(signingKey(secret, true), webhookId, timestamp, body);
