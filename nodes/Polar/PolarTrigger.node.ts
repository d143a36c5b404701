import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { polarApiConnection } from './methods/credentialTest';
import { polarWebhookSecret } from './methods/webhookSecretTest';
import { createEndpoint, deleteEndpoint, endpointExists, staticData } from './trigger/endpoint';
import { ALL_EVENTS, WEBHOOK_EVENTS } from './trigger/events';
import { receiveDelivery } from './trigger/receive';

const isManual = (context: IHookFunctions) =>
	context.getNodeParameter('registration', 'automatic') === 'manual';

/**
 * A trigger switched to the dashboard mode may still remember the endpoint it registered, which
 * would keep receiving events. In this mode n8n gives the node no Polar credential to delete it
 * with, so activation goes on and n8n's log says what is left at Polar.
 */
function reportLeftEndpoint(context: IHookFunctions): boolean {
	const data = staticData(context);
	if (data.endpointId) {
		context.logger.warn(
			`Polar Trigger “${context.getNode().name}” now uses an endpoint created in Polar’s dashboard. The endpoint ${data.endpointId} it had registered may still exist in Polar and receive events: delete it in Polar’s dashboard (Settings → Webhooks).`,
		);
		delete data.endpointId;
	}
	return true;
}

export class PolarTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Polar Trigger',
		name: 'polarTrigger',
		icon: { light: 'file:polar.svg', dark: 'file:polar.dark.svg' },
		group: ['trigger'],
		// 1.1: a pasted secret lives in a Polar Webhook Secret credential, not in a parameter.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when Polar sends an event, e.g. an order is paid',
		defaults: { name: 'Polar Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'polarApi',
				required: true,
				testedBy: 'polarApiConnection',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				name: 'polarWebhookSecretApi',
				required: true,
				testedBy: 'polarWebhookSecret',
				displayOptions: { show: { registration: ['manual'], '@version': [1.1] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Webhook Endpoint',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Registered by This Node',
						value: 'automatic',
						description:
							'The node creates the endpoint in Polar when the workflow is activated and deletes it when deactivated. Needs a token with the webhooks:write scope.',
					},
					{
						name: 'Created in Polar’s Dashboard',
						value: 'manual',
						description:
							'You create the endpoint in Polar and paste its secret into a credential. For tokens without webhooks:write.',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'In Polar’s dashboard (Settings → Webhooks → Add Endpoint), enter this node’s Production URL (above, under Webhook URLs), choose the format Raw and the events below, then paste the endpoint’s secret into a Polar Webhook Secret credential',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: {
					show: { registration: ['manual'], '@version': [{ _cnd: { gte: 1.1 } }] },
				},
			},
			{
				displayName:
					'This field keeps the secret in the workflow itself, where its exports and n8n’s API show it. Add a Polar Trigger node again (it takes the secret as a Polar Webhook Secret credential) and delete this one.',
				name: 'secretNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'], '@version': [1] } },
			},
			{
				displayName: 'Webhook Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				placeholder: 'e.g. whsec_…',
				description:
					'The endpoint’s secret, shown in Polar’s dashboard; deliveries are verified with it',
				displayOptions: { show: { registration: ['manual'], '@version': [1] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'All Events',
						value: ALL_EVENTS,
						description: 'Every event Polar sends, including types newer than this node',
					},
					...WEBHOOK_EVENTS,
				],
				default: [],
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Output Only Data',
						name: 'onlyData',
						type: 'boolean',
						default: false,
						description:
							'Whether to output only the event’s data (e.g. the order) and the fields some events carry beside it, instead of the whole event with its type, timestamp and API version',
					},
				],
			},
		],
	};

	methods = { credentialTest: { polarApiConnection, polarWebhookSecret } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return reportLeftEndpoint(this);
				return await endpointExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return true;
				return await createEndpoint(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return reportLeftEndpoint(this);
				return await deleteEndpoint(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
