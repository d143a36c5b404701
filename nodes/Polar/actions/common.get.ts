import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import type { RefineFailure } from '../transport/errors';
import { apiPath } from '../transport/path';
import type { PolarClient } from '../transport/PolarClient';
import type { Endpoint } from './router';

/** What one Get by ID operation has of its own; the rest is the same for every Polar object. */
export interface GetSpec {
	resource: string;
	operation?: string;
	/** The object's path template with one {id}, e.g. /v1/products/{id} */
	path: `${string}/{id}`;
	/** The locator that picks the object; its name is the parameter read. */
	locator: INodeProperties;
	/** The locator's value as Polar's ID; throws an InputError naming the field. */
	readId(locator: INodeParameterResourceLocator | string): string;
	/** The operation's wording for failures about this object, e.g. a missing one. */
	refine?(id: string): RefineFailure;
}

/** A Get operation: the locator read and checked per item, then one GET of the object. */
export function getOperation(spec: GetSpec) {
	const endpoints: Endpoint[] = [{ method: 'GET', path: spec.path }];
	const [prefix] = spec.path.split('{id}');
	return {
		endpoints,
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation ?? 'get'] } },
			[spec.locator],
		),
		prepare(this: IExecuteFunctions, itemIndex: number): string {
			return spec.readId(
				this.getNodeParameter(spec.locator.name, itemIndex) as
					| INodeParameterResourceLocator
					| string,
			);
		},
		async send(client: PolarClient, id: string, itemIndex: number) {
			return await client.request<IDataObject>(
				{
					method: 'GET',
					path: `${prefix}${apiPath`${id}`}`,
					repeatable: true,
					refine: spec.refine?.(id),
				},
				itemIndex,
			);
		},
	};
}
