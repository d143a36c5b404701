import type { INodeProperties } from 'n8n-workflow';

import * as benefit from './benefit/Benefit.resource';
import * as benefitGrant from './benefitGrant/BenefitGrant.resource';
import * as checkout from './checkout/Checkout.resource';
import * as checkoutLink from './checkoutLink/CheckoutLink.resource';
import * as customer from './customer/Customer.resource';
import * as customerMeter from './customerMeter/CustomerMeter.resource';
import * as customerSession from './customerSession/CustomerSession.resource';
import * as discount from './discount/Discount.resource';
import * as dispute from './dispute/Dispute.resource';
import * as event from './event/Event.resource';
import * as licenseKey from './licenseKey/LicenseKey.resource';
import * as meter from './meter/Meter.resource';
import * as order from './order/Order.resource';
import * as payment from './payment/Payment.resource';
import * as product from './product/Product.resource';
import * as refund from './refund/Refund.resource';
import * as subscription from './subscription/Subscription.resource';

/** What a resource folder's X.resource.ts exports. */
export interface Resource {
	resource: { name: string; value: string };
	operations: Record<string, unknown>;
	description: INodeProperties[];
}

/** Every resource of the Polar node, as the Resource field lists them (alphabetically). */
export const resourceList: readonly Resource[] = [
	benefit,
	benefitGrant,
	checkout,
	checkoutLink,
	customer,
	customerMeter,
	customerSession,
	discount,
	dispute,
	event,
	licenseKey,
	meter,
	order,
	payment,
	product,
	refund,
	subscription,
];
