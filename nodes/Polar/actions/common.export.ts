import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requireText } from '../helpers/validation';
import type { PolarClient, PolarFile } from '../transport/PolarClient';
import type { Endpoint } from './router';
import { WithFile } from './withFile';

/** What one Export operation has of its own; the rest is the same for every Polar CSV export. */
export interface ExportSpec {
	resource: string;
	operation?: string;
	/** The export's path, e.g. /v1/orders/export */
	path: string;
	/** The file name when Polar's answer names none, e.g. polar-orders.csv */
	fileName: string;
	/** The options of the Filters collection (none: no collection). */
	filters?: INodeProperties[];
	/**
	 * The query parameters the Filters stand for; throws an InputError naming the field. `zone`:
	 * the workflow's time zone, for dates given without one.
	 */
	toQuery?(filters: IDataObject, zone: string): IDataObject;
}

export interface ExportInput {
	qs: IDataObject;
	binaryProperty: string;
}

/**
 * An Export operation: Polar writes the CSV (its columns, its file name), the node puts it in
 * the item's binary data, one file per input item.
 */
export function exportOperation(spec: ExportSpec) {
	const filters = spec.filters ?? [];
	const properties: INodeProperties[] = [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the CSV file in',
		},
	];
	if (filters.length > 0) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters,
		});
	}
	const endpoints: Endpoint[] = [{ method: 'GET', path: spec.path }];
	return {
		endpoints,
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation ?? 'export'] } },
			properties,
		),
		prepare(this: IExecuteFunctions, itemIndex: number): ExportInput {
			const binaryProperty = requireText(
				this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
				'Put Output File in Field',
			);
			const values =
				filters.length > 0 ? (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) : {};
			return { qs: spec.toQuery?.(values, this.getTimezone()) ?? {}, binaryProperty };
		},
		async send(client: PolarClient, input: ExportInput, itemIndex: number) {
			const file = await client.request<PolarFile>(
				{ method: 'GET', path: spec.path, qs: input.qs, repeatable: true, file: true },
				itemIndex,
			);
			const fileName = file.fileName ?? spec.fileName;
			return new WithFile(
				{ fileName, mimeType: file.mimeType, fileSize: file.data.length },
				input.binaryProperty,
				{ ...file, fileName },
			);
		},
	};
}
