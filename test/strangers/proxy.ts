// An outbound proxy on loopback, as n8n is given one with HTTP_PROXY: it records what each
// request asked it for, and passes plain http on to the same port on 127.0.0.1.

import { createServer, request as httpRequest } from 'node:http';
import { listen } from './index';

export interface RecordingProxy {
	/** e.g. http://127.0.0.1:40123, for HTTP_PROXY */
	url: string;
	/** `POST http://localhost:1234/v1/…` for plain http, `CONNECT host:443` for a tunnel. */
	requests: Array<{ method: string; target: string }>;
	close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
	const requests: RecordingProxy['requests'] = [];
	const server = createServer((req, res) => {
		requests.push({ method: req.method ?? '', target: req.url ?? '' });
		let target: URL;
		try {
			target = new URL(req.url ?? '');
		} catch {
			res.writeHead(400).end(); // not a proxy request
			return;
		}
		const upstream = httpRequest(
			{
				host: '127.0.0.1',
				port: target.port || 80,
				method: req.method,
				path: `${target.pathname}${target.search}`,
				headers: req.headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	// Tunnels lead nowhere here: this machine reaches no https server but its own.
	server.on('connect', (req, socket) => {
		requests.push({ method: 'CONNECT', target: req.url ?? '' });
		socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
	});
	return await listen(server, requests);
}
