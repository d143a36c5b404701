// A connection failure as n8n hands it to the node: httpRequestWithAuthentication wraps the HTTP
// client's error in a NodeApiError whose message is a canned sentence and whose httpCode is the
// system code. n8n 2.x from 2.1 on keep the client's error as `cause`; 1.x (n8n-workflow 1.120)
// and 2.0 lose it (ExecutionBaseError's `cause` class field resets it after super()). The shapes
// below are what a probe of n8n 1.123.81, 2.0.0 and 2.40.7 printed for loopback faults.

import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import {
	classifyConnectionError,
	describeConnectionError,
} from '../../nodes/Polar/transport/errors';

const node: INode = {
	id: '1',
	name: 'Polar',
	type: 'n8n-nodes-polarsh.polar',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The HTTP client's (axios') error, with the socket's error as its cause. */
function clientError(code: string, message: string): Error {
	const socket = Object.assign(new Error(message), { code });
	return Object.assign(new Error(message, { cause: socket }), { code, isAxiosError: true });
}

/** What n8n 2.x (2.40.7) hands the node: the client's error kept as the cause. */
const onN8n2 = (code: string, message: string) =>
	new NodeApiError(node, clientError(code, message) as unknown as JsonObject);

/** What n8n 1.123.81 (and 2.0.0) hands the node: the same, its cause gone. */
function onN8n1(code: string, message: string): NodeApiError {
	const error = onN8n2(code, message);
	Object.defineProperty(error, 'cause', { value: undefined });
	return error;
}

const FAULTS = [
	{ fault: 'reset', code: 'ECONNRESET', message: 'read ECONNRESET', kind: 'maybe-sent' },
	{
		fault: 'timeout',
		code: 'ECONNABORTED',
		message: 'timeout of 500ms exceeded',
		kind: 'maybe-sent',
	},
	{
		fault: 'refused',
		code: 'ECONNREFUSED',
		message: 'connect ECONNREFUSED 127.0.0.1:9',
		kind: 'not-sent',
	},
	{
		fault: 'DNS, no answer',
		code: 'EAI_AGAIN',
		message: 'getaddrinfo EAI_AGAIN api.polar.sh',
		kind: 'not-sent',
	},
	{
		fault: 'DNS, no such host',
		code: 'ENOTFOUND',
		message: 'getaddrinfo ENOTFOUND api.polar.invalid',
		kind: 'final',
	},
] as const;

const LINES = [
	{ line: 'n8n 1.x', shape: onN8n1 },
	{ line: 'n8n 2.x', shape: onN8n2 },
];

describe.each(LINES)('on $line', ({ shape }) => {
	it('the shape is n8n’s: a canned message, no code of its own', () => {
		const error = shape('ECONNRESET', 'read ECONNRESET');
		expect(error.message).toMatch(/^The connection to the server was closed unexpectedly/);
		expect(error.httpCode).toBe('ECONNRESET');
	});

	it.each(FAULTS)('$fault is $kind', ({ code, message, kind }) => {
		expect(classifyConnectionError(shape(code, message))).toBe(kind);
	});

	it('a reset after Polar may have acted says so first', () => {
		const failure = describeConnectionError(
			shape('ECONNRESET', 'read ECONNRESET'),
			'https://api.polar.sh',
			30_000,
			1,
			true,
		);
		expect(failure.message).toBe(
			'Polar may have carried out the request, but its answer was lost (the connection was reset)',
		);
	});

	it('a timeout after Polar may have acted says so first, with the time waited', () => {
		const failure = describeConnectionError(
			shape('ECONNABORTED', 'timeout of 500ms exceeded'),
			'https://api.polar.sh',
			500,
			1,
			true,
		);
		expect(failure.message).toBe(
			'Polar may have carried out the request, but its answer was lost (no answer within 0.5 s)',
		);
	});

	it('a timeout of a request that was retried names the time', () => {
		const failure = describeConnectionError(
			shape('ECONNABORTED', 'timeout of 500ms exceeded'),
			'https://api.polar.sh',
			500,
			3,
		);
		expect(failure.message).toBe('Polar did not answer within 0.5 s');
		expect(failure.description).toMatch(/Tried 3 times/);
	});

	it.each([
		['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', 'the connection was refused'],
		['ENOTFOUND', 'getaddrinfo ENOTFOUND api.polar.invalid', 'the host name was not found'],
	])('%s: Polar was not reached, in the node’s words', (code, message, reason) => {
		const failure = describeConnectionError(shape(code, message), 'http://127.0.0.1:9', 1000, 1);
		expect(failure.message).toBe(`Could not reach Polar at http://127.0.0.1:9: ${reason}`);
	});
});
