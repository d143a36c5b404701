import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { PolarClient } from '../../transport/PolarClient';
import type { Endpoint } from '../router';

export const endpoints: Endpoint[] = [{ method: 'GET', path: '/v1/metrics/limits' }];

/** No fields: Polar's limits are the same for every organization. */
export const description: INodeProperties[] = [];

export function prepare(): Record<string, never> {
	return {};
}

export async function send(client: PolarClient, _input: unknown, itemIndex: number) {
	return await client.request<IDataObject>(
		{ method: 'GET', path: endpoints[0].path, repeatable: true },
		itemIndex,
	);
}
