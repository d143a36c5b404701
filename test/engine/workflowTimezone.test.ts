import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_TOKEN,
	FIXTURE_IDS,
	LICENSE_KEY_IDS,
	SUBSCRIPTION_IDS,
} from '../../dev/polar-double';
import { byId, runOperation, usePolarDouble } from './fixtures';

/**
 * A date-time without a zone means the time on the user's clock: the workflow's time zone
 * ($now's zone: the workflow's Timezone setting, else the instance's; the harness's instance has
 * n8n's default, America/New_York). The machine running n8n (UTC here) has no say.
 */

const polar = usePolarDouble({
	tokens: {
		[DEFAULT_TOKEN]: [
			'events:write',
			'subscriptions:write',
			'discounts:write',
			'orders:read',
			'license_keys:write',
		],
	},
});

const sent = (path: string) => polar().requests.find((r) => r.path.startsWith(path));
const body = (path: string) => sent(path)?.body as IDataObject;
const nextYear = new Date().getUTCFullYear() + 1;

describe('date-times without a zone, in the workflow’s time zone, on every field', () => {
	const ingest = (timestamp: string, workflowTimezone?: string) =>
		runOperation(polar(), 'event', 'ingest', {
			parameters: {
				eventName: 'api_call',
				customer: byId(FIXTURE_IDS.ada),
				timestamp,
				deduplication: 'generate',
			},
			workflowTimezone,
		});

	it('event timestamps: the workflow’s setting, else the instance’s; a zone given is kept', async () => {
		await ingest('2026-01-15T12:00:00', 'Asia/Tokyo');
		await ingest('2026-01-15T12:00:00');
		await ingest('2026-01-15T12:00:00+01:00', 'Asia/Tokyo');
		expect(polar().events.events.map((event) => event.timestamp).sort()).toEqual([
			'2026-01-15T03:00:00.000Z',
			'2026-01-15T11:00:00.000Z',
			'2026-01-15T17:00:00.000Z',
		]);
	});

	it('subscription trial end, resume at and billing period end', async () => {
		await runOperation(polar(), 'subscription', 'setTrialEnd', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.acmeTrial),
				trialEnd: `${nextYear}-03-01T09:00:00`,
			},
			workflowTimezone: 'Europe/Paris',
		});
		expect(body('/v1/subscriptions/')).toEqual({ trial_end: `${nextYear}-03-01T08:00:00.000Z` });
		polar().reset();
		await runOperation(polar(), 'subscription', 'updateBillingPeriod', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				currentPeriodEnd: `${nextYear}-07-01T00:00:00`,
			},
		});
		// No workflow setting: the instance's America/New_York, in daylight saving time.
		expect(body('/v1/subscriptions/')).toEqual({
			current_billing_period_end: `${nextYear}-07-01T04:00:00.000Z`,
		});
		polar().reset();
		await runOperation(polar(), 'subscription', 'pauseAtPeriodEnd', {
			parameters: {
				subscription: byId(SUBSCRIPTION_IDS.adaPro),
				additionalFields: { resumesAt: `${nextYear}-09-01T12:00:00` },
			},
			workflowTimezone: 'Australia/Sydney',
		});
		expect(body('/v1/subscriptions/')?.resumes_at).toBe(`${nextYear}-09-01T02:00:00.000Z`);
	});

	it('discount starts and ends, license key expiry, and list filters', async () => {
		await runOperation(polar(), 'discount', 'create', {
			parameters: {
				name: 'Launch',
				discountType: 'percentage',
				percentage: 10,
				duration: 'once',
				additionalFields: {
					startsAt: `${nextYear}-05-01T00:00:00`,
					endsAt: `${nextYear}-05-31T23:59:59Z`,
				},
			},
			workflowTimezone: 'Asia/Kolkata',
		});
		expect(body('/v1/discounts/')).toMatchObject({
			starts_at: `${nextYear}-04-30T18:30:00.000Z`,
			ends_at: `${nextYear}-05-31T23:59:59.000Z`,
		});
		await runOperation(polar(), 'licenseKey', 'update', {
			parameters: {
				licenseKeyId: LICENSE_KEY_IDS.active,
				updateFields: { expiresAt: `${nextYear}-12-31T23:59:00` },
			},
			workflowTimezone: 'America/Los_Angeles',
		});
		expect(body('/v1/license-keys/')?.expires_at).toBe(`${nextYear + 1}-01-01T07:59:00.000Z`);
		await runOperation(polar(), 'order', 'getAll', {
			parameters: { returnAll: false, limit: 1, filters: { createdAfter: '2026-02-01T00:00:00' } },
			workflowTimezone: 'Asia/Tokyo',
		});
		expect(sent('/v1/orders')?.query.created_after).toBe('2026-01-31T15:00:00.000Z');
	});
});
