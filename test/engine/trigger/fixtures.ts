// The Polar Trigger in n8n-core's real HookContext and WebhookContext (dev/harness/trigger.ts),
// registering itself at the Polar double over HTTP and receiving deliveries the double signs as
// Polar's server does. Shared by the trigger's engine tests.

import { createRequire } from 'module';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { PolarApi } from '../../../credentials/PolarApi.credentials';
import { PolarWebhookSecretApi } from '../../../credentials/PolarWebhookSecretApi.credentials';
import { PolarTrigger } from '../../../nodes/Polar/PolarTrigger.node';
import { endpointLookups } from '../../../nodes/Polar/trigger/lookups';
import { forgetSecret } from '../../../nodes/Polar/trigger/secrets';
import { startTriggerHarness, type TriggerHarness } from '../../../dev/harness';
import {
	DEFAULT_TOKEN,
	PERSONAL_TOKEN,
	startPolarDouble,
	type PolarDouble,
	type PolarDoubleOptions,
	type WebhookEvent,
} from '../../../dev/polar-double';

export const NO_WEBHOOK_SCOPE = 'polar_oat_double_no_webhooks_scope';
export const WEBHOOK_TOKEN = 'polar_oat_double_webhooks_token';
export const NODE_KEY = 'node:Polar Trigger';

export const ORDER_PAID: WebhookEvent = {
	type: 'order.paid',
	timestamp: '2026-11-26T10:00:00.000000Z',
	data: {
		id: 'b0c2b4a6-0f2e-4c1d-9a8b-7c6d5e4f3a2b',
		customer_id: '992fae2a-2a17-4b7a-8d9e-e287cf90131b',
		total_amount: 2500,
	},
};

export interface TriggerSuite {
	double: PolarDouble;
	/** What the node logged, through n8n's Logger. */
	warnings: string[];
	trigger(
		parameters: INodeParameters,
		options?: {
			token?: string;
			/** The credential's Organization ID. */
			organizationId?: string;
			baseUrl?: string;
			typeVersion?: number;
			webhookSecret?: string;
			webhookHost?: string;
		},
	): Promise<TriggerHarness>;
	/** An active trigger for `events`, its endpoint registered at the double. */
	activeTrigger(
		events?: string[],
		options?: INodeParameters,
	): Promise<{ active: TriggerHarness; endpointId: string }>;
}

/**
 * Starts the double (with Polar's limiter when `rateLimit` is given) and n8n's logger capture
 * for one test file, with per-test clean-up.
 */
export function triggerSuite(options: Pick<PolarDoubleOptions, 'rateLimit'> = {}): TriggerSuite {
	const harnesses: TriggerHarness[] = [];
	const suite = { warnings: [] as string[] } as TriggerSuite;

	beforeAll(async () => {
		suite.double = await startPolarDouble({
			// n8n (or the test's receiver) listens on 127.0.0.1: Polar itself would refuse that URL.
			webhookUrls: 'allow-loopback',
			...options,
			tokens: {
				[DEFAULT_TOKEN]: ['customer_sessions:write'],
				[WEBHOOK_TOKEN]: ['webhooks:write'],
				[NO_WEBHOOK_SCOPE]: ['webhooks:read', 'customers:read'],
				[PERSONAL_TOKEN]: ['webhooks:write'],
			},
		});
		// What the node logs goes to n8n's Logger (Container.get(Logger) in every context), from
		// n8n-core's own copies of @n8n/di and @n8n/backend-common.
		const fromCore = createRequire(require.resolve('n8n-core'));
		const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
		const { Logger } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');
		const logger = Container.get(Logger);
		for (const level of ['error', 'warn', 'info', 'debug'] as const)
			jest
				.spyOn(logger, level)
				.mockImplementation((...args: unknown[]) => void suite.warnings.push(String(args[0])));
	});
	afterEach(async () => {
		await Promise.all(harnesses.splice(0).map((h) => h.close()));
		// A new test is a new n8n process: nothing read from Polar is remembered.
		for (const id of suite.double.webhooks.endpoints.keys()) forgetSecret(id);
		endpointLookups.clear();
		suite.double.reset();
		suite.warnings.length = 0;
	});
	afterAll(async () => await suite.double.close());

	suite.trigger = async (parameters, options = {}) => {
		const credentials: Record<string, ICredentialDataDecryptedObject> = {
			polarApi: {
				accessToken: options.token ?? WEBHOOK_TOKEN,
				environment: 'custom',
				baseUrl: options.baseUrl ?? suite.double.url,
				...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
			},
		};
		if (options.webhookSecret !== undefined)
			credentials.polarWebhookSecretApi = { secret: options.webhookSecret };
		const harness = await startTriggerHarness({
			nodeType: new PolarTrigger(),
			credentialTypes: [new PolarApi(), new PolarWebhookSecretApi()],
			credentials,
			parameters,
			typeVersion: options.typeVersion,
			webhookHost: options.webhookHost,
		});
		harnesses.push(harness);
		return harness;
	};

	suite.activeTrigger = async (events = ['order.paid', 'subscription.active'], options = {}) => {
		const active = await suite.trigger({ events, options });
		const { checkExists, create } = await active.activate();
		expect(checkExists).toEqual({ ok: true, result: false });
		expect(create).toEqual({ ok: true, result: true });
		return { active, endpointId: nodeData(active).endpointId! };
	};
	return suite;
}

/** The trigger's static data, as n8n stores it. */
export const nodeData = (h: TriggerHarness, test = false) =>
	(h.staticData(test)[NODE_KEY] ?? {}) as { endpointId?: string; secret?: string };
