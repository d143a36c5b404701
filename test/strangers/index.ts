// Servers on loopback that are not Polar: what a wrong Base URL, a proxy or a gateway answers.
// Each records the requests it got, so a test can also see that nothing was sent.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface StrangerAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

export interface StrangerServer {
	/** e.g. http://127.0.0.1:40123 */
	url: string;
	requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}

const html = (title: string, text = title) =>
	`<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>` +
	`<body><h1>${text}</h1></body></html>\n`;

/** Answers met in the wild, by what they are. */
export const STRANGER_ANSWERS = {
	/** e.g. a Base URL that moved, or a login wall; the query carries something secret-ish. */
	redirect: {
		status: 307,
		headers: { location: 'https://login.example.com/sso/start?return=%2Fv1&session=abc123#top' },
		body: '',
	},
	/** A web server with nothing at /v1/customer-sessions/. */
	notFoundHtml: {
		status: 404,
		headers: { 'content-type': 'text/html' },
		body: html('404 Not Found'),
	},
	/** An API that has the path but not for POST, in its own JSON. */
	methodNotAllowed: {
		status: 405,
		headers: { 'content-type': 'application/json', allow: 'GET' },
		body: JSON.stringify({ message: 'Method Not Allowed', statusCode: 405 }),
	},
	/** A site's home page, served for every path. */
	okHtml: {
		status: 200,
		headers: { 'content-type': 'text/html' },
		body: html('Welcome to nginx!'),
	},
} satisfies Record<string, StrangerAnswer>;

/** A service meant for this machine only: what n8n's SSRF protection keeps workflows from. */
export const ADMIN_CONSOLE: StrangerAnswer = {
	status: 200,
	headers: { 'content-type': 'text/html' },
	body: html('Admin Console', 'Admin Console: users, keys, backups'),
};

/** Starts `server` on a free port of `host`; `close` ends it with its open connections. */
export async function listen<Requests>(
	server: Server,
	requests: Requests,
	host = '127.0.0.1',
): Promise<{ url: string; requests: Requests; close(): Promise<void> }> {
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * Starts a server on `host` (a loopback address) that gives `answer` (or what `answer` returns)
 * to every request.
 */
export async function startStranger(
	answer:
		| StrangerAnswer
		| ((request: { headers: IncomingHttpHeaders; body: string }) => StrangerAnswer),
	host = '127.0.0.1',
): Promise<StrangerServer> {
	const requests: StrangerServer['requests'] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const {
				status,
				headers = {},
				body: text = '',
			} = typeof answer === 'function' ? answer({ headers: req.headers, body }) : answer;
			res.writeHead(status, headers).end(text);
		});
	});
	return await listen(server, requests, host);
}

/** A loopback port with nothing listening: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

/**
 * An https server on 127.0.0.1 with a self-signed certificate (tls/, for localhost and
 * 127.0.0.1, valid until 2126): what a client that checks certificates must refuse.
 */
export async function startSelfSignedServer(): Promise<{ url: string; close(): Promise<void> }> {
	const tls = (name: string) => readFileSync(join(__dirname, 'tls', name));
	const server = createTlsServer(
		{ key: tls('localhost.key'), cert: tls('localhost.crt') },
		(_, res) => res.writeHead(500).end(),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `https://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/**
 * A gateway on loopback in front of `target` that loses the answer of the requests `lose`
 * picks: it forwards them, lets the server act, then drops the connection to the client.
 */
export async function startLossyGateway(
	target: string,
	lose: (method: string, path: string) => boolean,
): Promise<StrangerServer> {
	const requests: StrangerServer['requests'] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const method = req.method ?? 'GET';
			const url = req.url ?? '/';
			requests.push({ method, url, headers: req.headers, body: body.toString('utf8') });
			const headers = Object.fromEntries(
				Object.entries(req.headers).filter(
					([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name),
				),
			);
			void fetch(`${target}${url}`, {
				method,
				headers: headers as Record<string, string>,
				body: body.length > 0 ? body : undefined,
			}).then(async (answer) => {
				const text = await answer.text();
				if (lose(method, url.split('?')[0])) return void req.socket.destroy();
				res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(text);
			});
		});
	});
	return await listen(server, requests);
}
