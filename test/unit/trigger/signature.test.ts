// Signature checks against the Standard Webhooks reference library (`standardwebhooks`): a
// standard endpoint's deliveries are signed with the base64-decoded secret, a legacy one's with
// the secret's UTF-8 bytes (Polar's server handed the library base64(secret) before 2026-09-08).

import { createHmac, randomBytes } from 'crypto';
import { Webhook } from 'standardwebhooks';

import {
	describeSecret,
	signingKeys,
	verifyDelivery,
	type SignatureScheme,
} from '../../../nodes/Polar/trigger/signature';

const NOW = 1_790_000_000;
const BODY = '{"type":"order.paid","timestamp":"2026-11-26T10:00:00Z","data":{"id":"ord_1"}}';
const STANDARD_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const LEGACY_WHSEC = 'whsec_ovyN6cPrTv56AApvzCaJno08SSmGJmgbWilb33N2JuK';
const LEGACY_POLAR_WHS = 'polar_whs_Jw3l2sQ7Yk1xV0fD9pB8nR6tZcM4aE5uLhGoKiPj';

/** How the reference library signs for a secret it is handed. */
const librarySign = (secret: string, id = 'msg_1', ts = NOW, body = BODY) =>
	new Webhook(secret).sign(id, new Date(ts * 1000), body);
/** Polar's legacy signing: the library handed base64(secret), i.e. keyed with its UTF-8 bytes. */
const legacySign = (secret: string, id = 'msg_1', ts = NOW, body = BODY) =>
	librarySign(Buffer.from(secret, 'utf8').toString('base64'), id, ts, body);

const delivery = (signature: string, overrides: Record<string, string> = {}) => ({
	id: 'msg_1',
	timestamp: String(NOW),
	signature,
	body: Buffer.from(BODY),
	...overrides,
});
const verifies = (signature: string, secret: string, scheme: SignatureScheme) =>
	verifyDelivery(delivery(signature), signingKeys(secret, scheme), NOW).valid;

describe('a standard endpoint (secret generated since 2026-09-08)', () => {
	it('verifies what the reference library signs, by scheme standard or either', () => {
		const signature = librarySign(STANDARD_SECRET);
		expect(verifies(signature, STANDARD_SECRET, 'standard')).toBe(true);
		expect(verifies(signature, STANDARD_SECRET, 'either')).toBe(true);
		expect(verifies(signature, STANDARD_SECRET, 'legacy')).toBe(false);
	});

	it('agrees with the library both ways: what the node accepts, the library accepts', () => {
		const signature = librarySign(STANDARD_SECRET, 'msg_2', NOW, BODY);
		const headers = {
			'webhook-id': 'msg_2',
			'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
			'webhook-signature': librarySign(STANDARD_SECRET, 'msg_2', Math.floor(Date.now() / 1000)),
		};
		expect(() => new Webhook(STANDARD_SECRET).verify(BODY, headers)).not.toThrow();
		const key = signingKeys(STANDARD_SECRET, 'standard')[0];
		const mine = createHmac('sha256', key).update(`msg_2.${NOW}.${BODY}`).digest('base64');
		expect(signature).toBe(`v1,${mine}`);
	});
});

describe('a legacy endpoint (secret generated earlier)', () => {
	it.each([
		['whsec_…', LEGACY_WHSEC],
		['polar_whs_…', LEGACY_POLAR_WHS],
		['whsec_ with standard base64', STANDARD_SECRET],
	])(
		'verifies a %s secret keyed with its UTF-8 bytes, by scheme legacy or either',
		(_c, secret) => {
			const signature = legacySign(secret);
			expect(verifies(signature, secret, 'legacy')).toBe(true);
			expect(verifies(signature, secret, 'either')).toBe(true);
			expect(verifies(signature, secret, 'standard')).toBe(false);
		},
	);

	it('a secret that is not whsec_ and base64 has no standard key', () => {
		expect(signingKeys(LEGACY_POLAR_WHS, 'standard')).toEqual([]);
		expect(signingKeys('whsec_not*base64!', 'either')).toEqual([Buffer.from('whsec_not*base64!')]);
	});
});

describe('verifyDelivery', () => {
	const keys = signingKeys(STANDARD_SECRET, 'either');

	it.each([
		['a timestamp that is not a number', { timestamp: 'yesterday' }, 'not a Unix time'],
		['a timestamp in milliseconds', { timestamp: String(NOW * 1000) }, 'in the future'],
		[
			'a signature without v1,',
			{ signature: librarySign(STANDARD_SECRET).slice(3) },
			'webhook-signature has no v1 signature',
		],
		['an empty signature header', { signature: '' }, 'missing header webhook-signature'],
		['another webhook-id', { id: 'msg_other' }, 'no signature matches'],
	])('rejects %s', (_case, overrides, reason) => {
		const result = verifyDelivery(delivery(librarySign(STANDARD_SECRET), overrides), keys, NOW);
		expect(result).toEqual({ valid: false, reason: expect.stringContaining(reason) });
	});

	it('accepts exactly the 5-minute edges and nothing beyond', () => {
		const at = (offset: number) => {
			const ts = NOW + offset;
			const signed = delivery(librarySign(STANDARD_SECRET, 'msg_1', ts), { timestamp: String(ts) });
			return verifyDelivery(signed, keys, NOW).valid;
		};
		expect([at(-300), at(300), at(-301), at(301)]).toEqual([true, true, false, false]);
	});

	it('passes when any one of several signatures matches, under any key', () => {
		const several = `v1,AAAA v2,zzz ${legacySign(STANDARD_SECRET)}`;
		expect(verifyDelivery(delivery(several), keys, NOW).valid).toBe(true);
		expect(verifyDelivery(delivery('v1,AAAA v2,zzz'), keys, NOW).valid).toBe(false);
	});
});

it('describes a secret without quoting it', () => {
	expect(describeSecret(STANDARD_SECRET)).toMatch(/^a Standard Webhooks secret/);
	expect(describeSecret(LEGACY_POLAR_WHS)).toMatch(/older Polar endpoint/);
	expect(describeSecret('sk_live_123')).toBeUndefined();
	expect(describeSecret('')).toBeUndefined();
	for (const secret of [STANDARD_SECRET, LEGACY_POLAR_WHS])
		expect(describeSecret(secret)).not.toContain(secret.slice(6));
});
