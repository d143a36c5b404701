import type { IDataObject } from 'n8n-workflow';

import type { PolarFile } from '../transport/PolarClient';

/**
 * A result with a file (a PDF, a CSV export): the router stores the file in n8n's binary data,
 * under `property`, beside the JSON.
 */
export class WithFile {
	constructor(
		readonly json: IDataObject,
		readonly property: string,
		readonly file: PolarFile & { fileName: string },
	) {}
}
