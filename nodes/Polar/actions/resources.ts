import type { INodeProperties } from 'n8n-workflow';

import * as customer from './customer/Customer.resource';
import * as customerSession from './customerSession/CustomerSession.resource';
import * as event from './event/Event.resource';
import * as licenseKey from './licenseKey/LicenseKey.resource';
import * as product from './product/Product.resource';

/** What a resource folder's X.resource.ts exports. */
export interface Resource {
	resource: { name: string; value: string };
	operations: Record<string, unknown>;
	description: INodeProperties[];
}

/** Every resource of the Polar node, as the Resource field lists them (alphabetically). */
export const resourceList: readonly Resource[] = [
	customer,
	customerSession,
	event,
	licenseKey,
	product,
];
