import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import * as customerSession from './actions/customerSession/CustomerSession.resource';
import * as licenseKey from './actions/licenseKey/LicenseKey.resource';
import * as product from './actions/product/Product.resource';
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
		// What the node does, in words: n8n would show the raw values, e.g. "create: customerSession".
		subtitle:
			'={{ { "customer:create": "Create customer", "customer:delete": "Delete customer", "customer:get": "Get customer", "customer:getAll": "Get many customers", "customer:getState": "Get customer state", "customer:update": "Update customer", "customerSession:create": "Create customer portal session", "licenseKey:activate": "Activate license key", "licenseKey:deactivate": "Deactivate license key", "licenseKey:get": "Get license key", "licenseKey:getActivation": "Get license key activation", "licenseKey:getAll": "Get many license keys", "licenseKey:update": "Update license key", "licenseKey:validate": "Validate license key", "product:get": "Get product", "product:getAll": "Get many products" }[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
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
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Customer Session', value: 'customerSession' },
					{ name: 'License Key', value: 'licenseKey' },
					{ name: 'Product', value: 'product' },
				],
				default: 'customerSession',
			},
			...customer.description,
			...customerSession.description,
			...licenseKey.description,
			...product.description,
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
