import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { exportOperation, type ExportInput } from '../common.export';
import { metricQueryFields, readMetricQuery } from './fields';

/** Polar's CSV (polar-metrics.csv): a Timestamp column, then one column per metric. */
const csv = exportOperation({
	resource: 'metric',
	path: '/v1/metrics/export',
	fileName: 'polar-metrics.csv',
});

export const { endpoints, send } = csv;

export const description = [
	...updateDisplayOptions(
		{ show: { resource: ['metric'], operation: ['export'] } },
		metricQueryFields('one CSV row per period'),
	),
	...csv.description,
];

export function prepare(this: IExecuteFunctions, itemIndex: number): ExportInput {
	const { binaryProperty } = csv.prepare.call(this, itemIndex);
	return { qs: readMetricQuery(this, itemIndex), binaryProperty };
}
