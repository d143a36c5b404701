// Pure parts of the Polar Trigger: the event list against Polar's spec, the replay window, and
// signature checks that need no server.

import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { ALL_EVENT_TYPES, WEBHOOK_EVENTS } from '../../nodes/Polar/trigger/events';
import { isReplay, REMEMBERED_DELIVERIES } from '../../nodes/Polar/trigger/replay';
import { verifyDelivery } from '../../nodes/Polar/trigger/signature';
import { polarSignature } from '../../dev/polar-double';

const specPath =
	process.env.POLAR_FULL_SPEC_PATH ??
	join(__dirname, '..', '..', '..', 'shared', 'polar', 'openapi-2026-04.json');
const spec = existsSync(specPath)
	? (JSON.parse(readFileSync(specPath, 'utf8')) as {
			components: { schemas: { WebhookEventType: { enum: string[] } } };
		})
	: undefined;

(spec ? describe : describe.skip)(`Events vs Polar’s spec (${specPath})`, () => {
	it('offers every WebhookEventType exactly once, and nothing else', () => {
		const enumValues = spec!.components.schemas.WebhookEventType.enum;
		expect(enumValues).toHaveLength(41);
		expect([...ALL_EVENT_TYPES].sort()).toEqual([...enumValues].sort());
	});
});

it('lists events by display name, so each resource’s events sit together', () => {
	const names = WEBHOOK_EVENTS.map((event) => event.name);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	const order = WEBHOOK_EVENTS.filter((e) => String(e.value).startsWith('order.')).map(
		(e) => e.name,
	);
	expect(order).toEqual(['Order Created', 'Order Paid', 'Order Refunded', 'Order Updated']);
});

describe('replay window', () => {
	it('tells a repeated ID apart, per trigger', () => {
		expect(isReplay('workflow-a/Polar Trigger', 'msg_1')).toBe(false);
		expect(isReplay('workflow-a/Polar Trigger', 'msg_1')).toBe(true);
		expect(isReplay('workflow-b/Polar Trigger', 'msg_1')).toBe(false);
	});

	it(`keeps only the latest ${REMEMBERED_DELIVERIES} IDs`, () => {
		const scope = 'workflow-c/Polar Trigger';
		for (let i = 0; i <= REMEMBERED_DELIVERIES; i++)
			expect(isReplay(scope, `msg_${i}`)).toBe(false);
		expect(isReplay(scope, `msg_${REMEMBERED_DELIVERIES}`)).toBe(true);
		expect(isReplay(scope, 'msg_1')).toBe(true); // still among the latest
		expect(isReplay(scope, 'msg_0')).toBe(false); // forgotten
	});
});

describe('verifyDelivery', () => {
	const secret = 'whsec_ovyN6cPrTv56AApvzCaJno08SSmGJmgbWilb33N2JuK';
	const now = 1_790_000_000;
	const body = Buffer.from('{"type":"order.paid"}');
	const signed = (
		overrides: Partial<{ id: string; timestamp: string; signature: string }> = {},
	) => ({
		id: 'msg_1',
		timestamp: String(now),
		signature: polarSignature(secret, 'msg_1', now, body),
		body,
		...overrides,
	});

	it('accepts Polar’s signature, keyed with the whole secret string', () => {
		expect(verifyDelivery(signed(), secret, now)).toEqual({ valid: true });
	});

	it.each([
		['a timestamp that is not a number', { timestamp: 'yesterday' }, 'not a Unix time'],
		['a timestamp in milliseconds', { timestamp: String(now * 1000) }, 'in the future'],
		[
			'a signature without v1,',
			{ signature: polarSignature(secret, 'msg_1', now, body).slice(3) },
			'no signature matches',
		],
		['an empty signature header', { signature: '' }, 'missing header webhook-signature'],
	])('rejects %s', (_case, overrides, reason) => {
		const result = verifyDelivery(signed(overrides), secret, now);
		expect(result.valid).toBe(false);
		expect(!result.valid && result.reason).toContain(reason);
	});

	it('accepts exactly the 5-minute edges and nothing beyond', () => {
		const at = (offset: number) => {
			const ts = now + offset;
			return verifyDelivery(
				signed({ timestamp: String(ts), signature: polarSignature(secret, 'msg_1', ts, body) }),
				secret,
				now,
			).valid;
		};
		expect([at(-300), at(300), at(-301), at(301)]).toEqual([true, true, false, false]);
	});
});
