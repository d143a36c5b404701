import { uuidLocator } from './locator';

const endpoint = uuidLocator({
	displayName: 'Endpoint',
	noun: 'webhook endpoint',
	searchListMethod: 'searchWebhookEndpoints',
	example: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
	idNote: '(Settings → Webhooks in Polar’s dashboard)',
	listNote: '(which also finds a Polar Trigger’s endpoint by its URL)',
});

/** A webhook endpoint of the organization: From list (by name or URL) or By ID. */
export const webhookEndpointLocator = endpoint.field;
export const readWebhookEndpointId = endpoint.readId;
