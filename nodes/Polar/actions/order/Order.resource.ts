import type { INodeProperties } from 'n8n-workflow';

import * as exportOrders from './export.operation';
import * as get from './get.operation';
import * as getInvoice from './getInvoice.operation';
import * as getMany from './getMany.operation';
import * as getReceipt from './getReceipt.operation';
import * as update from './update.operation';

/** The Resource option. */
export const resource = { name: 'Order', value: 'order' };

/** By the operation's value, as the router finds them. */
export const operations = {
	export: exportOrders,
	get,
	getAll: getMany,
	getInvoice,
	getReceipt,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				description: 'Export orders as a CSV file, as Polar writes it',
				action: 'Export orders',
			},
			{ name: 'Get', value: 'get', description: 'Get an order', action: 'Get an order' },
			{
				name: 'Get Invoice',
				value: 'getInvoice',
				description:
					'Get an order’s invoice, asking Polar to make it if needed, optionally as a PDF file',
				action: 'Get an order invoice',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List orders, filtered by customer, product, subscription, status or date',
				action: 'Get many orders',
			},
			{
				name: 'Get Receipt',
				value: 'getReceipt',
				description: 'Get a paid order’s receipt, optionally as a PDF file',
				action: 'Get an order receipt',
			},
			{
				name: 'Update Billing Details',
				value: 'update',
				description: 'Set the billing name and address an order’s invoice shows',
				action: 'Update an order billing details',
			},
		],
		default: 'get',
	},
	...exportOrders.description,
	...get.description,
	...getInvoice.description,
	...getMany.description,
	...getReceipt.description,
	...update.description,
];
