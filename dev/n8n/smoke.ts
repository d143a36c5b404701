// Smoke check of the real-n8n harness: install, import + execute a trivial workflow, a failing
// one, a dummy community package from a tarball, then the editor with an owner account.
// Usage: node smoke.js [--keep] [--no-start]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputItems } from './execution';
import { ensureN8n } from './install';
import { createN8nInstance, type N8nInstance } from './instance';
import { ownerEnv } from './owner';
import { seconds } from './run';

const DUMMY = 'n8n-nodes-e2edummy';

function node(name: string, type: string, typeVersion: number, x: number, parameters = {}) {
	return {
		id: name.toLowerCase().replace(/\W/g, ''),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
	};
}

/** A linear workflow: each node feeds the next. n8n import needs the id. */
function workflow(id: string, nodes: ReturnType<typeof node>[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, active: false, nodes, connections, settings: {} };
}

const trigger = node('Start', 'n8n-nodes-base.manualTrigger', 1, 0);
const set = node('Set', 'n8n-nodes-base.set', 3.4, 200, {
	mode: 'manual',
	assignments: {
		assignments: [
			{ id: 'a', name: 'greeting', value: "={{ 'hello ' + (1 + 2) }}", type: 'string' },
		],
	},
	options: {},
});

/** A community package outside the repo: package.json with an `n8n` section and one JS node. */
function makeDummyPackage(dir: string): string {
	const nodeDir = join(dir, 'dist', 'nodes', 'Echo');
	mkdirSync(nodeDir, { recursive: true });
	const pkg = {
		name: DUMMY,
		version: '0.0.1',
		keywords: ['n8n-community-node-package'],
		license: 'MIT',
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/nodes/Echo/Echo.node.js'] },
		peerDependencies: { 'n8n-workflow': '*' },
	};
	writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	writeFileSync(
		join(nodeDir, 'Echo.node.js'),
		`'use strict';
class Echo {
	constructor() {
		this.description = {
			displayName: 'E2E Echo', name: 'echo', group: ['transform'], version: 1,
			description: 'Adds a field to each item', defaults: { name: 'E2E Echo' },
			inputs: ['main'], outputs: ['main'],
			properties: [{ displayName: 'Message', name: 'message', type: 'string', default: '' }],
		};
	}
	async execute() {
		return [this.getInputData().map((item, i) => ({
			json: { ...item.json, echoed: this.getNodeParameter('message', i) },
			pairedItem: { item: i },
		}))];
	}
}
module.exports = { Echo };
`,
	);
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: dir,
		encoding: 'utf8',
	});
	return join(dir, out.trim().split('\n').pop() ?? '');
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const result = await work();
	console.log(`${label}: ${seconds(Date.now() - started)}`);
	return result;
}

async function main(): Promise<void> {
	const keep = process.argv.includes('--keep');
	const installation = await timed('ensureN8n', () => ensureN8n());
	const tmp = mkdtempSync(join(tmpdir(), 'n8n-smoke-'));
	let n8n: N8nInstance | undefined;
	try {
		n8n = await createN8nInstance({ userFolder: join(tmp, 'user'), installation });
		const instance = n8n;
		const file = (name: string, data: unknown) => {
			writeFileSync(join(tmp, name), JSON.stringify(data, null, 2));
			return join(tmp, name);
		};

		// 1. Built-in nodes only.
		const noOp = node('Done', 'n8n-nodes-base.noOp', 1, 400);
		await timed('import (first, runs DB migrations)', () =>
			instance.importWorkflow(
				file('basic.json', workflow('smokeBasic00001', [trigger, set, noOp])),
			),
		);
		const basic = await timed('execute basic', () => instance.execute('smokeBasic00001'));
		console.log(
			'basic status:',
			basic.status,
			'items:',
			JSON.stringify(outputItems(basic, 'Done')),
		);

		const credential = {
			id: 'smokeCred000001',
			name: 'Smoke',
			type: 'httpHeaderAuth',
			data: { name: 'X-Key', value: 'secret' },
		};
		await timed('import credentials', () =>
			instance.importCredentials(file('creds.json', [credential])),
		);

		// 2. A failing workflow still yields the execution JSON (printed inside log lines).
		const fail = node('Fail', 'n8n-nodes-base.stopAndError', 1, 200, {
			errorMessage: 'smoke failure',
		});
		await instance.importWorkflow(file('fail.json', workflow('smokeFail000001', [trigger, fail])));
		const failed = await timed('execute failing', () => instance.execute('smokeFail000001'));
		console.log('failing status:', failed.status, 'error:', failed.data.resultData.error?.message);

		// 3. A community package installed from its tarball.
		const tarball = makeDummyPackage(join(tmp, 'pkg'));
		await timed('installPackage', () => instance.installPackage(tarball));
		const echo = node('Echo', `${DUMMY}.echo`, 1, 400, { message: "={{ $json.greeting + '!' }}" });
		await timed('import', () =>
			instance.importWorkflow(
				file('community.json', workflow('smokeCommunity1', [trigger, set, echo])),
			),
		);
		const community = await timed('execute community', () => instance.execute('smokeCommunity1'));
		console.log(
			'community status:',
			community.status,
			'items:',
			JSON.stringify(outputItems(community, 'Echo')),
		);

		// 4. The editor, with an owner created over REST.
		if (!process.argv.includes('--no-start')) {
			await timed('start', () => instance.start());
			const { cookie } = await instance.setupOwner({
				email: 'owner@example.com',
				password: 'Smoke-Passw0rd',
				firstName: 'Smoke',
				lastName: 'Owner',
			});
			const me = await instance.rest('GET', '/rest/login', undefined, cookie);
			console.log(
				'owner login:',
				me.status,
				(me.body as { data?: { email?: string } }).data?.email,
			);
			// The editor's node list; it needs the auth cookie.
			const types = await instance.rest('GET', '/types/nodes.json', undefined, cookie);
			const names = (types.body as Array<{ name: string }>).map((type) => type.name);
			console.log(
				`editor knows ${DUMMY}.echo:`,
				names.includes(`${DUMMY}.echo`),
				`(${names.length} node types)`,
			);
			await instance.stop();

			// Or let n8n create the owner itself at start, from environment variables.
			const owner = {
				email: 'env-owner@example.com',
				password: 'Env-Passw0rd',
				firstName: 'Env',
				lastName: 'Owner',
			};
			await timed('start (owner from env)', () =>
				instance.start({ env: ownerEnv(installation, owner) }),
			);
			const login = await instance.login(owner.email, owner.password);
			console.log('env owner login:', (login.user as { email?: string }).email);
			if (keep) {
				console.log(
					`editor running at ${instance.url} (${owner.email} / ${owner.password}); Ctrl-C to stop`,
				);
				await new Promise<void>((done) => process.once('SIGINT', () => done()));
			}
		}
	} finally {
		await n8n?.stop();
		if (keep) console.log(`kept ${tmp}`);
		else rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
