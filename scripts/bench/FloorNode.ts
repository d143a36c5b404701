// The least any n8n node can do for this workload, as a reference for workload 3: read each
// item's JSON, send one request with n8n's httpRequestWithAuthentication and the Polar
// credential, output the answer; the same number in flight as the Polar node. No parameters
// per item, no validation, no retries, no error mapping. What it costs is n8n's, not the node's.

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { POLAR_API_VERSION } from '../../nodes/Polar/transport/servers';

export class FloorNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Floor',
		name: 'benchFloor',
		group: ['transform'],
		version: 1,
		description: 'One authenticated POST per item and nothing else',
		defaults: { name: 'Bench Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'polarApi', required: true }],
		properties: [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const baseUrl = this.getNodeParameter('baseUrl', 0) as string;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const output: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const item = next++;
				const { id, returnUrl } = items[item].json;
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'polarApi', {
					method: 'POST',
					url: `${baseUrl}/v1/customer-sessions/`,
					headers: { 'Polar-Version': POLAR_API_VERSION },
					body: { customer_id: id, return_url: returnUrl },
					json: true,
					// As the Polar node sends it: no redirects (axios without follow-redirects).
					disableFollowRedirect: true,
				})) as INodeExecutionData['json'];
				output[item] = { json: answer, pairedItem: { item } };
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return [output];
	}
}
