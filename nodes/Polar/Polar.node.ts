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
import { searchCustomers, searchProducts } from './methods/listSearch';

export class Polar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Polar',
		name: 'polar',
		icon: { light: 'file:polar.svg', dark: 'file:polar.dark.svg' },
		group: ['transform'],
		version: 1,
		// What the node does, in words (n8n would show "create: customerSession"); test/unit/subtitle.test.ts
		// derives it from each operation's action and prints it when an operation is missing.
		subtitle:
			'={{ { "customer:create": "Create customer", "customer:delete": "Delete customer", "customer:get": "Get customer", "customer:getAll": "Get many customers", "customer:getState": "Get customer state", "customer:update": "Update customer", "customerSession:create": "Create customer portal session", "event:get": "Get event", "event:getAll": "Get many events", "event:ingest": "Ingest events", "event:listNames": "List event names", "licenseKey:activate": "Activate license key", "licenseKey:deactivate": "Deactivate license key", "licenseKey:get": "Get license key", "licenseKey:getActivation": "Get license key activation", "licenseKey:getAll": "Get many license keys", "licenseKey:update": "Update license key", "licenseKey:validate": "Validate license key", "product:get": "Get product", "product:getAll": "Get many products" }[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Manage customers, create customer portal sessions and read products in Polar, the open-source billing platform',
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
		listSearch: { searchCustomers, searchProducts },
		credentialTest: { polarApiConnection },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
