import { Workflow, type INode } from 'n8n-workflow';

import { PolarApi } from '../../credentials/PolarApi.credentials';
import { Polar } from '../../nodes/Polar/Polar.node';
import { resolveBaseUrl } from '../../nodes/Polar/transport/servers';
import { HarnessNodeTypes } from '../harness';

/**
 * The credential test cannot call code, so it resolves the API root with an n8n expression of
 * its own. It must agree with the node's transport on every Base URL, or the test would check
 * a different server (or send the token somewhere the node never would).
 */
const node: INode = {
	id: '1',
	name: 'Polar',
	type: 'n8n-nodes-polarsh.polar',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: new HarnessNodeTypes().add(node.type, new Polar()),
});

function credentialTestBaseUrl(credentials: Record<string, string>): unknown {
	return workflow.expression.getSimpleParameterValue(
		node,
		String(new PolarApi().test.request.baseURL),
		'internal',
		{ $credentials: credentials } as never,
	);
}

describe('the credential test’s base URL', () => {
	it.each([
		[{ environment: 'production' }],
		[{ environment: 'sandbox' }],
		[{}],
		[{ environment: 'custom', baseUrl: 'https://polar.example.com/' }],
		[{ environment: 'custom', baseUrl: ' https://polar.example.com/api// ' }],
		[{ environment: 'custom', baseUrl: 'http://127.0.0.1:8000' }],
		[{ environment: 'custom', baseUrl: 'http://localhost:3000/' }],
	])('agrees with the node for %j', (credentials) => {
		const resolved = resolveBaseUrl(credentials);
		expect('baseUrl' in resolved && resolved.baseUrl).toBe(credentialTestBaseUrl(credentials));
	});

	it.each([
		'http://polar.example.com',
		'http://10.0.0.1:8000',
		'http://localhost.evil.com',
		'http://api.localhost:8000',
	])('refuses plain http to %s, as the node does', (baseUrl) => {
		expect(resolveBaseUrl({ environment: 'custom', baseUrl })).toHaveProperty('problem');
		// n8n turns the expression's error into no value: the test request has no URL to go to.
		expect(credentialTestBaseUrl({ environment: 'custom', baseUrl })).toBeUndefined();
	});
});
