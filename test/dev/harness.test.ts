import { createServer } from 'http';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { runCredentialTest, runListSearch, runNode } from '../../dev/harness/index';
import { Echo } from './fixtures/Echo.node';
import { EchoApi, EchoApiNoTest, EchoSessionApi } from './fixtures/EchoApi.credentials';

interface SeenRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	authorization?: string;
	body?: unknown;
}

const GOOD_TOKEN = 'good-token';
const SESSION = 'session-1';
const THINGS = [
	{ id: 't1', name: 'alpha' },
	{ id: 't2', name: 'beta' },
	{ id: 't3', name: 'gamma' },
];

let server: Server;
let baseUrl: string;
let seen: SeenRequest[] = [];

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse) {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString();
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const request: SeenRequest = {
		method: req.method ?? '',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		authorization: req.headers.authorization,
		body: raw ? JSON.parse(raw) : undefined,
	};
	seen.push(request);

	if (request.method === 'POST' && request.path === '/login') {
		const token = (request.body as { token?: string } | undefined)?.token;
		return token === GOOD_TOKEN
			? send(res, 200, { session: SESSION })
			: send(res, 403, { message: 'bad token' });
	}
	if (![`Bearer ${GOOD_TOKEN}`, `Bearer ${SESSION}`].includes(request.authorization ?? '')) {
		return send(res, 401, { error: 'unauthorized' });
	}
	switch (`${request.method} ${request.path}`) {
		case 'POST /echo':
			return send(res, 200, { received: request.body, region: request.query.region });
		case 'POST /boom':
			return send(res, 500, { message: 'server exploded' });
		case 'GET /me':
			return send(res, 200, { id: 'me' });
		case 'GET /things': {
			const matching = THINGS.filter((thing) => thing.name.includes(request.query.q ?? ''));
			const page = Number(request.query.page ?? '1');
			return send(res, 200, {
				things: matching.slice(page - 1, page),
				next: page < matching.length ? String(page + 1) : undefined,
			});
		}
		default:
			return send(res, 404, { message: 'not found' });
	}
}

beforeAll(async () => {
	server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	seen = [];
});

const credentials = () => ({ echoApi: { token: GOOD_TOKEN, baseUrl } });
const items = [{ a: 1 }, { a: 2, fail: true }, { a: 3 }];

function run(onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput') {
	return runNode({
		nodeType: new Echo(),
		credentialTypes: [new EchoApi()],
		credentials: credentials(),
		parameters: { value: '={{ $json.a * 10 }}' },
		items,
		onError,
	});
}

describe('runNode', () => {
	it('sends the generic authenticate header and resolves expressions', async () => {
		const result = await runNode({
			nodeType: new Echo(),
			credentialTypes: [new EchoApi()],
			credentials: credentials(),
			parameters: { value: '={{ "v" + $json.a }}' },
			items: [{ a: 1 }, { a: 2 }],
		});

		expect(result.status).toBe('success');
		expect(result.executionError).toBeUndefined();
		expect(seen.map((r) => r.authorization)).toEqual([
			`Bearer ${GOOD_TOKEN}`,
			`Bearer ${GOOD_TOKEN}`,
		]);
		// The credential's default `region` was applied and sent by the generic `qs` block.
		expect(seen.map((r) => r.query.region)).toEqual(['eu', 'eu']);
		expect(seen.map((r) => r.body)).toEqual([{ value: 'v1' }, { value: 'v2' }]);
		expect(result.success.map((item) => item.json)).toEqual([
			{ value: 'v1', response: { received: { value: 'v1' }, region: 'eu' } },
			{ value: 'v2', response: { received: { value: 'v2' }, region: 'eu' } },
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.error).toEqual([]);
	});

	it('On Error "Stop Workflow": fails the execution with the item index', async () => {
		const result = await run('stopWorkflow');

		expect(result.status).toBe('error');
		expect(result.success).toEqual([]);
		expect(result.error).toEqual([]);
		expect(result.executionError).toMatchObject({
			name: 'NodeOperationError',
			message: 'bad item',
			description: 'item 1 asked to fail',
			itemIndex: 1,
			nodeName: 'Echo',
		});
		expect(result.nodeError).toMatchObject({ name: 'NodeOperationError', itemIndex: 1 });
		expect(seen).toHaveLength(1);
	});

	it('the default On Error is "Stop Workflow"', async () => {
		const result = await run();
		expect(result.executionError?.message).toBe('bad item');
	});

	it('On Error "Continue": error items stay on the success output', async () => {
		const result = await run('continueRegularOutput');

		expect(result.status).toBe('success');
		expect(result.executionError).toBeUndefined();
		expect(result.success.map((item) => item.json)).toEqual([
			{ value: 10, response: { received: { value: 10 }, region: 'eu' } },
			{ error: 'bad item' },
			{ value: 30, response: { received: { value: 30 }, region: 'eu' } },
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.error).toEqual([]);
	});

	it('On Error "Continue (using error output)": error items move to output 1, merged with their input', async () => {
		const result = await run('continueErrorOutput');

		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.json.value)).toEqual([10, 30]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.error).toHaveLength(1);
		expect(result.error[0].json).toEqual({ a: 2, fail: true, error: 'bad item' });
		expect(result.error[0].pairedItem).toEqual({ item: 1 });
	});

	it('reports NodeApiError with its HTTP code', async () => {
		const result = await runNode({
			nodeType: new Echo(),
			credentialTypes: [new EchoApi()],
			credentials: credentials(),
			parameters: { value: 'x', path: 'boom' },
			items: [{}],
		});

		// n8n replaces a 5xx message with its own and keeps the server's as the description.
		expect(result.executionError).toMatchObject({
			name: 'NodeApiError',
			message: 'The service was not able to process your request',
			description: 'server exploded',
			httpCode: '500',
			itemIndex: 0,
		});
	});

	it("runs the credential type's preAuthentication once and reuses its result", async () => {
		const result = await runNode({
			nodeType: new Echo(),
			credentialTypes: [new EchoSessionApi()],
			credentials: credentials(),
			parameters: { value: '={{ $json.a }}' },
			items: [{ a: 1 }, { a: 2 }],
		});

		expect(result.executionError).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path} ${r.authorization ?? '-'}`)).toEqual([
			'POST /login -',
			`POST /echo Bearer ${SESSION}`,
			`POST /echo Bearer ${SESSION}`,
		]);
		expect(result.success).toHaveLength(2);
	});

	it('fails like n8n when the node has no credentials', async () => {
		const result = await runNode({
			nodeType: new Echo(),
			credentialTypes: [new EchoApi()],
			parameters: { value: 'x' },
			items: [{}],
		});

		expect(result.executionError).toMatchObject({
			name: 'NodeOperationError',
			message: 'Node does not have any credentials set',
		});
		expect(seen).toHaveLength(0);
	});

	it('a node that throws while On Error continues: n8n passes its input on to output 0', async () => {
		// n8n-core 2.41 keeps the thrown error as the execution's error when the failing node is
		// the last one to run, so the status is 'error' although the items went on.
		const result = await runNode({
			nodeType: new Echo(),
			credentialTypes: [new EchoApi()],
			parameters: { value: 'x' },
			items: [{ a: 1 }],
			onError: 'continueErrorOutput',
		});

		expect(result.nodeError?.message).toBe('Node does not have any credentials set');
		expect(result.executionError?.message).toBe('Node does not have any credentials set');
		expect(result.status).toBe('error');
		expect(result.success.map((item) => item.json)).toEqual([{ a: 1 }]);
		expect(result.error).toEqual([]);
	});

	it('runs a specific type version', async () => {
		const result = await runNode({
			nodeType: new Echo(),
			credentialTypes: [new EchoApi()],
			credentials: credentials(),
			parameters: { value: '={{ $nodeVersion }}' },
			items: [{}],
			typeVersion: 1,
		});
		expect(result.success[0].json.value).toBe(1);
	});
});

describe('runCredentialTest', () => {
	it("sends the credential type's declarative test request with its authentication", async () => {
		const ok = await runCredentialTest({
			credentialType: new EchoApi(),
			credentials: { token: GOOD_TOKEN, baseUrl },
		});
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen[0]).toMatchObject({ path: '/me', authorization: `Bearer ${GOOD_TOKEN}` });

		const rejected = await runCredentialTest({
			credentialType: new EchoApi(),
			credentials: { token: 'wrong', baseUrl },
		});
		expect(rejected).toEqual({ status: 'Error', message: 'Invalid token' });
	});

	it("calls the node's methods.credentialTest function", async () => {
		const ok = await runCredentialTest({
			credentialType: new EchoApi(),
			nodeType: new Echo(),
			testedBy: 'echoApiTest',
			credentials: { token: GOOD_TOKEN, baseUrl },
		});
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful' });

		const rejected = await runCredentialTest({
			credentialType: new EchoApi(),
			nodeType: new Echo(),
			testedBy: 'echoApiTest',
			credentials: { token: 'wrong', baseUrl },
		});
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toMatch(/^Rejected: /);
	});

	it("falls back to the node's testedBy when the credential type has no test", async () => {
		const result = await runCredentialTest({
			credentialType: new EchoApiNoTest(),
			nodeType: new Echo(),
			credentials: { token: GOOD_TOKEN, baseUrl },
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
	});
});

describe('runListSearch', () => {
	it('calls methods.listSearch with credentials and pagination', async () => {
		const first = await runListSearch({
			nodeType: new Echo(),
			methodName: 'searchThings',
			credentialTypes: [new EchoApi()],
			credentials: credentials(),
			filter: 'a',
		});
		expect(first).toEqual({ results: [{ name: 'alpha', value: 't1' }], paginationToken: '2' });
		expect(seen[0]).toMatchObject({
			path: '/things',
			authorization: `Bearer ${GOOD_TOKEN}`,
			query: { q: 'a', page: '1', region: 'eu' },
		});

		const second = await runListSearch({
			nodeType: new Echo(),
			methodName: 'searchThings',
			credentialTypes: [new EchoApi()],
			credentials: credentials(),
			filter: 'a',
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([{ name: 'beta', value: 't2' }]);
	});
});
