import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { polarApiConnection } from './methods/credentialTest';
import { createEndpoint, deleteEndpoint, endpointExists, staticData } from './trigger/endpoint';
import { ALL_EVENTS, WEBHOOK_EVENTS } from './trigger/events';
import { receiveDelivery } from './trigger/receive';

const isManual = (context: IHookFunctions) =>
	context.getNodeParameter('registration', 'automatic') === 'manual';

export class PolarTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Polar Trigger',
		name: 'polarTrigger',
		icon: { light: 'file:polar.svg', dark: 'file:polar.dark.svg' },
		group: ['trigger'],
		version: 1,
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
							'You create the endpoint in Polar and paste its secret here. For tokens without webhooks:write.',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'In Polar’s dashboard (Settings → Webhooks → Add Endpoint), enter this node’s Production URL (above, under Webhook URLs), choose the format Raw and the events below, then paste the endpoint’s secret here',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
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
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'All Events', value: ALL_EVENTS, description: 'Every event Polar sends' },
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
							'Whether to output only the event’s data (e.g. the order) instead of its type, timestamp and data',
					},
				],
			},
		],
	};

	methods = { credentialTest: { polarApiConnection } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) {
					// An endpoint left from the automatic mode would keep receiving events: remove it.
					if (staticData(this).endpointId) await deleteEndpoint(this);
					return true;
				}
				return await endpointExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return true;
				return await createEndpoint(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoint(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
