// examples/daily-revenue.json against the double: yesterday (in Paris) gets orders and
// subscriptions of its own, and the message the example writes is worked out here from the
// double's data, as Polar's metrics define the figures (paid orders; subscriptions started,
// canceled, ended that day).

import {
	buildOrder,
	buildSubscription,
	PRODUCT_IDS,
	type PolarDouble,
} from '../../dev/polar-double';

type Json = Record<string, unknown>;

const ZONE = 'Europe/Paris';
const parisDate = (instant: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(instant);

/** Yesterday's date in Paris, as the example's $now.setZone(…).minus({ days: 1 }) gives it. */
export function parisYesterday(now = Date.now()): string {
	const [year, month, day] = parisDate(now).split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** Two paid orders, one pending, a new subscription and a cancellation, yesterday at noon. */
export function seedYesterday(double: PolarDouble): void {
	const noon = new Date(`${parisYesterday()}T12:00:00+01:00`);
	const [ada, grace] = double.customers;
	const product = (id: string) => double.products.find((p) => p.id === id)!;
	for (const [id, status] of [
		[PRODUCT_IDS.ebook, 'paid'],
		[PRODUCT_IDS.proMonthly, 'paid'],
		[PRODUCT_IDS.ebook, 'pending'],
	] as const) {
		double.orders.add(
			buildOrder(double.organizationId, {
				createdAt: noon.toISOString(),
				customerId: ada.id,
				product: product(id),
				status,
			}),
		);
	}
	double.subscriptions.add(
		buildSubscription({ customer: ada, product: product(PRODUCT_IDS.proMonthly), startedAt: noon }),
	);
	const long = new Date(noon.getTime() - 100 * 86_400_000);
	const ended = buildSubscription({
		customer: grace,
		product: product(PRODUCT_IDS.proMonthly),
		startedAt: long,
	});
	Object.assign(ended, {
		status: 'canceled',
		canceled_at: noon.toISOString(),
		ends_at: noon.toISOString(),
		ended_at: noon.toISOString(),
	});
	double.subscriptions.add(ended);
}

/** The message for yesterday, from the double's orders and subscriptions. */
export function expectedMessage(double: PolarDouble): string {
	const day = parisYesterday();
	const on = (value: unknown) => value != null && parisDate(Date.parse(String(value))) === day;
	const paid = double.orders.orders.filter(
		(o) =>
			['paid', 'refunded', 'partially_refunded'].includes(String(o.status)) && on(o.created_at),
	);
	const revenue = paid.reduce((sum, o) => sum + Number(o.net_amount), 0);
	const subscriptions = double.subscriptions.subscriptions as Json[];
	const endOf = (s: Json) => s.ended_at ?? s.ends_at;
	const started = subscriptions.filter((s) => on(s.started_at) && !on(endOf(s))).length;
	const canceled = subscriptions.filter((s) => on(s.canceled_at)).length;
	const churned = subscriptions.filter((s) => on(endOf(s))).length;
	return (
		`Polar, ${day} (${ZONE}): $${(revenue / 100).toFixed(2)} revenue from ${paid.length} orders; ` +
		`${started} new subscriptions, ${canceled} canceled, ${churned} churned.`
	);
}
