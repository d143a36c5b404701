// The Polar Trigger's event list against what Polar serves: Polar's SDK 1.0.1 (whose
// `WebhookEventType` is the same in every API version) and the vendored 2026-04 spec before it.

import { polarSpec } from '../../../dev/polar-double/spec';
import { ALL_EVENT_TYPES, WEBHOOK_EVENTS } from '../../../nodes/Polar/trigger/events';
import { sdkUnion } from '../../polarSdk';

const spec = polarSpec().spec as unknown as {
	components: { schemas: { WebhookEventType: { enum: string[] } } };
};

describe('Events vs Polar', () => {
	it.each(['2026-04', '2026-10', '2027-01'])(
		'offers every WebhookEventType of the SDK’s %s exactly once, and nothing else',
		(version) => {
			const served = sdkUnion(version, 'WebhookEventType');
			expect(served).toHaveLength(42);
			expect([...ALL_EVENT_TYPES].sort()).toEqual([...served].sort());
		},
	);

	it('is the 2026-04 spec’s 41 and subscription.migrated, which Polar added since', () => {
		const added = ALL_EVENT_TYPES.filter(
			(type) => !spec.components.schemas.WebhookEventType.enum.includes(type),
		);
		expect(added).toEqual(['subscription.migrated']);
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
