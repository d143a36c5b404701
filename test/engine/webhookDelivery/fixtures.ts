import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { PolarDouble, WebhookEvent } from '../../../dev/polar-double';
import { runOperation, usePolarDouble, type RunOptions } from '../fixtures';

export { byId, jsonOf } from '../fixtures';

export const TOKENS = {
	write: 'polar_oat_double_webhooks_write',
	read: 'polar_oat_double_webhooks_read',
};

export const useWebhookDouble = () =>
	usePolarDouble({
		tokens: { [TOKENS.write]: ['webhooks:write'], [TOKENS.read]: ['webhooks:read'] },
	});

export async function runWebhookDelivery(
	double: PolarDouble,
	operation: 'getAll' | 'redeliver',
	{ token = TOKENS.write, ...options }: Omit<RunOptions, 'credential'> & { token?: string } = {},
) {
	return await runOperation(double, 'webhookDelivery', operation, {
		...options,
		credential: { accessToken: token },
	});
}

/** A workflow's endpoint: answers `status` and records the webhook-id of each delivery. */
export interface Receiver {
	url: string;
	status: number;
	webhookIds: string[];
}

const servers: Server[] = [];
afterEach(
	async () =>
		await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(() => r(null))))),
);

export async function receiver(status: number): Promise<Receiver> {
	const r = { url: '', status, webhookIds: [] } as Receiver;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			r.webhookIds.push(String(req.headers['webhook-id']));
			res.writeHead(r.status).end(r.status >= 400 ? 'workflow unavailable' : '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	servers.push(server);
	r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/orders`;
	return r;
}

/** An endpoint at the double for `url`, as the dashboard or a Polar Trigger makes one. */
export function endpointAt(double: PolarDouble, url: string, events = ['order.paid']): string {
	const answer = double.webhooks.handle(
		'create',
		{
			method: 'POST',
			path: '/v1/webhooks/endpoints',
			headers: {},
			body: { url, format: 'raw', events },
		},
		[],
		() => undefined,
	);
	return (JSON.parse(answer.body) as { id: string }).id;
}

export const orderPaid = (id: string): WebhookEvent => ({
	type: 'order.paid',
	data: { id, total_amount: 2500 },
});
