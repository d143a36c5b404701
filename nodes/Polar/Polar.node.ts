import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resourceList } from './actions/resources';
import { router } from './actions/router';
import { optionsDescription } from './helpers/options';
import { polarApiConnection } from './methods/credentialTest';
import {
	searchBenefits,
	searchCustomers,
	searchDiscounts,
	searchMeters,
	searchOrders,
	searchProducts,
	searchSubscriptions,
	searchWebhookEndpoints,
} from './methods/listSearch';

export class Polar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Polar',
		name: 'polar',
		icon: { light: 'file:polar.svg', dark: 'file:polar.dark.svg' },
		group: ['transform'],
		// 1.1: Checkout → Create's Amount in the currency (15.00), not its smallest unit (1500);
		// saved workflows stay on 1 and keep theirs.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// What the node does, in words (n8n would show "create: customerSession"); test/unit/subtitle.test.ts
		// derives it from each operation's action and prints it when an operation is missing.
		subtitle:
			'={{ { "benefit:get": "Get benefit", "benefit:getAll": "Get many benefits", "benefitGrant:getAll": "Get many benefit grants", "checkout:create": "Create checkout", "checkout:get": "Get checkout", "checkout:getAll": "Get many checkouts", "checkoutLink:create": "Create checkout link", "checkoutLink:delete": "Delete checkout link", "checkoutLink:get": "Get checkout link", "checkoutLink:getAll": "Get many checkout links", "checkoutLink:update": "Update checkout link", "customer:create": "Create customer", "customer:upsert": "Create or update a customer", "customer:delete": "Delete customer", "customer:export": "Export customers", "customer:get": "Get customer", "customer:getAll": "Get many customers", "customer:getState": "Get customer state", "customer:update": "Update customer", "customerMeter:get": "Get customer meter", "customerMeter:getAll": "Get many customer meters", "customerSession:create": "Create customer portal session", "discount:create": "Create discount", "discount:delete": "Delete discount", "discount:get": "Get discount", "discount:getAll": "Get many discounts", "discount:update": "Update discount", "dispute:accept": "Accept dispute", "dispute:get": "Get dispute", "dispute:getAll": "Get many disputes", "event:get": "Get event", "event:getAll": "Get many events", "event:ingest": "Ingest events", "event:listNames": "List event names", "licenseKey:activate": "Activate license key", "licenseKey:deactivate": "Deactivate license key", "licenseKey:get": "Get license key", "licenseKey:getActivation": "Get license key activation", "licenseKey:getAll": "Get many license keys", "licenseKey:update": "Update license key", "licenseKey:validate": "Validate license key", "meter:get": "Get meter", "meter:getAll": "Get many meters", "meter:getQuantities": "Get meter quantities", "metric:export": "Export metrics", "metric:get": "Get metrics", "metric:getLimits": "Get metrics limits", "order:export": "Export orders", "order:get": "Get order", "order:getInvoice": "Get order invoice", "order:getAll": "Get many orders", "order:getReceipt": "Get order receipt", "order:update": "Update order billing details", "payment:get": "Get payment", "payment:getAll": "Get many payments", "product:get": "Get product", "product:getAll": "Get many products", "refund:create": "Create refund", "refund:getAll": "Get many refunds", "subscription:applyDiscount": "Apply subscription discount", "subscription:cancelAtPeriodEnd": "Cancel subscription at period end", "subscription:cancelPause": "Cancel scheduled subscription pause", "subscription:changeProduct": "Change subscription product", "subscription:clearPendingUpdate": "Clear subscription pending update", "subscription:create": "Create subscription", "subscription:endTrial": "End subscription trial", "subscription:export": "Export subscriptions", "subscription:get": "Get subscription", "subscription:getAll": "Get many subscriptions", "subscription:pauseAtPeriodEnd": "Pause subscription at period end", "subscription:removeDiscount": "Remove subscription discount", "subscription:resume": "Resume subscription", "subscription:revoke": "Revoke subscription now", "subscription:setTrialEnd": "Set subscription trial end", "subscription:uncancel": "Uncancel subscription", "subscription:updateBillingPeriod": "Update subscription billing period", "subscription:updateMetadata": "Update subscription metadata", "subscription:updateSeats": "Update subscription seats", "webhookDelivery:getAll": "Get many webhook deliveries", "webhookDelivery:redeliver": "Redeliver webhook event" }[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Automate Polar, the open-source billing platform: customers, portal sessions, checkouts, subscriptions, orders, usage events, meters, license keys, discounts and refunds',
		defaults: { name: 'Polar' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'polarApi', required: true, testedBy: 'polarApiConnection' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceList.map(({ resource }) => resource),
				default: 'customerSession',
			},
			...resourceList.flatMap(({ description }) => description),
			optionsDescription,
		],
	};

	methods = {
		listSearch: {
			searchBenefits,
			searchCustomers,
			searchDiscounts,
			searchMeters,
			searchOrders,
			searchProducts,
			searchSubscriptions,
			searchWebhookEndpoints,
		},
		credentialTest: { polarApiConnection },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
