// The example in examples/: a workflow and its credential, written for the Polar API double.
// For Polar itself, the credential holds the user's token and the workflow's Customers node
// lists the customers named in the environment.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nInstance } from '../n8n';
import { repoRoot } from '../n8n/paths';
import type { Target } from './target';

/** A workflow as n8n exports it; only what the demo reads or changes is typed. */
export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: unknown;
	}>;
	[key: string]: unknown;
}

export interface ExampleCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export const EXAMPLE_WORKFLOW = 'examples/customer-portal-links.json';
export const EXAMPLE_CREDENTIAL = 'examples/polar-double.credential.json';
/** The node whose output the demo prints. */
export const POLAR_NODE = 'Create portal link';
const CUSTOMERS_NODE = 'Customers';

const readExample = <T>(file: string): T =>
	JSON.parse(readFileSync(join(repoRoot(), file), 'utf8')) as T;

/** The example credential, pointed at the double's URL or holding the user's Polar token. */
export function exampleCredential(target: Target, doubleUrl?: string): ExampleCredential {
	const [credential] = readExample<ExampleCredential[]>(EXAMPLE_CREDENTIAL);
	if (target.kind === 'double') {
		if (!doubleUrl) throw new Error('the Polar API double is not running');
		return { ...credential, data: { ...credential.data, baseUrl: doubleUrl } };
	}
	return {
		...credential,
		name: `Polar (${target.server})`,
		data: {
			accessToken: target.accessToken,
			environment: target.server,
			baseUrl: '',
			organizationId: target.organizationId,
		},
	};
}

/** The example workflow; for Polar itself, its Customers node lists the customers from the environment. */
export function exampleWorkflow(target: Target, credential: ExampleCredential): ExampleWorkflow {
	const workflow = readExample<ExampleWorkflow>(EXAMPLE_WORKFLOW);
	const polar = workflow.nodes.find((node) => node.name === POLAR_NODE);
	const customers = workflow.nodes.find((node) => node.name === CUSTOMERS_NODE);
	if (!polar || !customers) throw new Error(`${EXAMPLE_WORKFLOW} lost its "${POLAR_NODE}" node`);
	polar.credentials = { polarApi: { id: credential.id, name: credential.name } };
	if (target.kind === 'polar') {
		const field = target.by === 'id' ? 'customerId' : 'userId';
		const items = target.customers.map((id) => ({ json: { [field]: id } }));
		customers.parameters.jsCode = `return ${JSON.stringify(items, null, '\t')};`;
		polar.parameters.customer = { __rl: true, mode: target.by, value: `={{ $json.${field} }}` };
	}
	return workflow;
}

/**
 * Imports the example into n8n. The credential file holds the token in plain text: it lives in
 * `scratchDir` only until n8n has imported (and encrypted) it.
 */
export async function importExample(
	n8n: N8nInstance,
	target: Target,
	doubleUrl: string | undefined,
	scratchDir: string,
): Promise<{ workflow: ExampleWorkflow; credential: ExampleCredential }> {
	const credential = exampleCredential(target, doubleUrl);
	const workflow = exampleWorkflow(target, credential);
	const credentialFile = join(scratchDir, 'credential.json');
	writeFileSync(credentialFile, JSON.stringify([credential]), { mode: 0o600 });
	try {
		await n8n.importCredentials(credentialFile);
	} finally {
		rmSync(credentialFile, { force: true });
	}
	const workflowFile = join(scratchDir, 'workflow.json');
	writeFileSync(workflowFile, JSON.stringify(workflow));
	await n8n.importWorkflow(workflowFile);
	return { workflow, credential };
}
