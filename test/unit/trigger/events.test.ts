// The Polar Trigger's event list against Polar's spec.

import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { ALL_EVENT_TYPES, WEBHOOK_EVENTS } from '../../../nodes/Polar/trigger/events';

const specPath =
	process.env.POLAR_FULL_SPEC_PATH ??
	join(__dirname, '..', '..', '..', '..', 'shared', 'polar', 'openapi-2026-04.json');
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
