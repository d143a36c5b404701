import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	buyerFirst,
	productsField,
	readProducts,
	refineProductsAndDiscount,
} from '../../helpers/checkout';
import { nameCustomer, refineCustomerFailure, type CustomerRef } from '../../helpers/customer';
import type { RefineFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';
import { checkoutCreateFields, readCheckoutAmount, readCheckoutFields } from './fields';

export const endpoints: Endpoint[] = [{ method: 'POST', path: '/v1/checkouts/' }];

const properties: INodeProperties[] = [
	productsField(
		'The products the buyer can choose from; the first is preselected. Each From list or By ID.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: checkoutCreateFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['checkout'], operation: ['create'] } },
	properties,
);

export interface CreateCheckoutInput {
	body: IDataObject;
	customer?: CustomerRef;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CreateCheckoutInput {
	const products = readProducts(this.getNodeParameter('products', itemIndex, {}));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { body, customer } = readCheckoutFields(fields);
	const amount = readCheckoutAmount(fields, this.getNode().typeVersion);
	if (amount !== undefined) body.amount = amount;
	return { body: { products, ...body }, customer };
}

export function describeDone(input: CreateCheckoutInput): string {
	const products = (input.body.products as string[]).join(', ');
	return `checkout for ${input.customer ? `customer ${nameCustomer(input.customer)}, ` : ''}products ${products}`;
}

/** Refused products and discount by their fields, an unknown customer by its ID. */
function refine(input: CreateCheckoutInput): RefineFailure {
	const forProducts = refineProductsAndDiscount(input.body.products as string[]);
	const forCustomer = input.customer ? refineCustomerFailure(input.customer) : undefined;
	return (failure, response) => {
		const refined = forProducts(failure, response);
		if (refined !== failure || !forCustomer) return refined;
		const customer = forCustomer(failure, response);
		return customer === failure
			? customer
			: {
					...customer,
					description: `${customer.description} To sell to someone new, choose the customer by Ext. ID (Polar then creates them) or leave Customer out.`,
				};
	};
}

export async function send(client: PolarClient, input: CreateCheckoutInput, itemIndex: number) {
	const checkout = await client.request<IDataObject>(
		{
			...endpoints[0],
			body: input.body,
			// A repeat would open a second checkout for the same buyer.
			repeatable: false,
			effect: 'created the checkout (unused, it expires within 24 hours)',
			refine: refine(input),
		},
		itemIndex,
	);
	return buyerFirst(checkout);
}
