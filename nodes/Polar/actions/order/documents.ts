import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, requireText } from '../../helpers/validation';
import type { PolarFailure } from '../../transport/errors';
import type { PolarClient } from '../../transport/PolarClient';
import {
	DEFAULT_DOCUMENT_WAIT_SECONDS,
	DOCUMENT_WAIT,
	type WaitPolicy,
} from '../../transport/wait';
import { WithFile } from '../withFile';

/**
 * What Get Invoice and Get Receipt share: Polar makes both PDFs in the background, so the
 * node asks again until one exists (for at most Max Wait), then gives its link and, with
 * Download PDF, the file itself as binary data.
 */

const MAX_WAIT_SECONDS = 300;

export function documentFields(what: 'invoice' | 'receipt'): INodeProperties[] {
	return [
		{
			displayName: 'Download PDF',
			name: 'download',
			type: 'boolean',
			default: false,
			description: `Whether to download the ${what} PDF into the item’s binary data, besides its link`,
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { download: [true] } },
			hint: 'The name of the output binary field to put the PDF in',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			default: DEFAULT_DOCUMENT_WAIT_SECONDS,
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
			description: `How long to wait for Polar to make the ${what} (it usually takes a few seconds) before the item fails. Checks come after 0.5, 1.5, 3.5 and 7.5 seconds, then every 5 seconds.`,
		},
	];
}

export interface DocumentInput {
	id: string;
	/** The binary field for the PDF; undefined: the link only. */
	binaryProperty?: string;
	wait: WaitPolicy;
}

export function readDocumentInput(
	context: IExecuteFunctions,
	itemIndex: number,
	id: string,
): DocumentInput {
	const maxWait = context.getNodeParameter('maxWait', itemIndex, DEFAULT_DOCUMENT_WAIT_SECONDS);
	if (typeof maxWait !== 'number' || !(maxWait >= 1 && maxWait <= MAX_WAIT_SECONDS)) {
		throw new InputError(
			'Max Wait (Seconds)',
			`is ${String(maxWait)}; give a number of seconds from 1 to ${MAX_WAIT_SECONDS}`,
		);
	}
	const download = context.getNodeParameter('download', itemIndex, false) === true;
	const binaryProperty = download
		? requireText(
				context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
				'Put Output File in Field',
			)
		: undefined;
	return { id, binaryProperty, wait: { ...DOCUMENT_WAIT, maxWaitMs: maxWait * 1000 } };
}

/** The bound was reached: what to do next, in words. */
export function gaveUp(what: 'invoice' | 'receipt', id: string) {
	return (waitedMs: number, checks: number): PolarFailure => ({
		message: `Polar had not made the ${what} of order "${id}" after ${Math.round(waitedMs / 1000)} seconds`,
		description: `Checked ${checks} times. Polar makes ${what}s in the background, usually within seconds: run the node again later (it does not make a second ${what}), or raise Max Wait (Seconds).${what === 'invoice' ? ' Polar’s order.updated webhook says when is_invoice_generated turns true.' : ''}`,
	});
}

/** The document's link, and its PDF in binary data when asked for. */
export async function deliver(
	client: PolarClient,
	input: DocumentInput,
	what: 'invoice' | 'receipt',
	url: string,
	itemIndex: number,
): Promise<IDataObject | WithFile> {
	const json: IDataObject = { order_id: input.id, url };
	if (!input.binaryProperty) return json;
	const file = await client.download(url, `${what} PDF`, itemIndex);
	const fallback = `${what === 'invoice' ? 'Invoice' : 'Receipt'}-${input.id}.pdf`;
	return new WithFile(json, input.binaryProperty, {
		...file,
		fileName: file.fileName ?? fallback,
	});
}
