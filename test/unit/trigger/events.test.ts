// The Polar Trigger's event list against Polar's spec.

import { polarSpec } from '../../../dev/polar-double/spec';
import { ALL_EVENT_TYPES, WEBHOOK_EVENTS } from '../../../nodes/Polar/trigger/events';

const spec = polarSpec().spec as unknown as {
	components: { schemas: { WebhookEventType: { enum: string[] } } };
};

describe('Events vs Polar’s spec', () => {
	it('offers every WebhookEventType exactly once, and nothing else', () => {
		const enumValues = spec.components.schemas.WebhookEventType.enum;
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
