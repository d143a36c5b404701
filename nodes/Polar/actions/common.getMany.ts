import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readMetadata } from '../helpers/metadata';
import { listItems } from '../transport/pagination';
import type { PolarClient } from '../transport/PolarClient';
import { paginationDescription, readLimit } from './common.descriptions';
import type { Endpoint } from './router';

/** What one Get Many operation has of its own; the rest is the same for every Polar list. */
export interface GetManySpec {
	/** Where the operation shows: its resource and operation values. */
	resource: string;
	operation?: string;
	/** The list's path below the API root, e.g. /v1/customers/ */
	path: string;
	/** The options of the Filters collection (none: no collection). */
	filters: INodeProperties[];
	/**
	 * The query parameters the Filters collection's values stand for; throws an InputError that
	 * names the field (e.g. "Filters → Email") for a value Polar would refuse. `zone`: the
	 * workflow's time zone, for dates given without one.
	 */
	toQuery?(filters: IDataObject, zone: string): IDataObject;
}

export interface GetManyInput {
	qs: IDataObject;
	/** How many to return: undefined for all. */
	max: number | undefined;
}

/**
 * A Get Many operation: Return All, Limit and Filters, read and checked per item, then every
 * page the result needs (listItems), one output item per result.
 */
export function getManyOperation(spec: GetManySpec) {
	const properties: INodeProperties[] = [...paginationDescription];
	if (spec.filters.length > 0) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: spec.filters,
		});
	}
	const endpoints: Endpoint[] = [{ method: 'GET', path: spec.path }];
	return {
		endpoints,
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation ?? 'getAll'] } },
			properties,
		),
		prepare(this: IExecuteFunctions, itemIndex: number): GetManyInput {
			const filters =
				spec.filters.length > 0
					? (this.getNodeParameter('filters', itemIndex, {}) as IDataObject)
					: {};
			return { qs: spec.toQuery?.(filters, this.getTimezone()) ?? {}, max: readLimit(this, itemIndex) };
		},
		async send(client: PolarClient, input: GetManyInput, itemIndex: number) {
			return await listItems(
				client,
				{ ...endpoints[0], qs: input.qs, repeatable: true },
				input.max,
				itemIndex,
			);
		},
	};
}

/** A metadata filter in OpenAPI's deepObject style, as Polar's lists take it: metadata[key]=value. */
export function metadataQuery(value: unknown, field: string): IDataObject {
	const qs: IDataObject = {};
	if (value === undefined) return qs;
	for (const [key, entry] of Object.entries(readMetadata(value, field))) {
		qs[`metadata[${key}]`] = entry;
	}
	return qs;
}
