// `npm start`: n8n's editor with the package installed, the example workflow and its credential
// imported and an owner account set up, talking to the local Polar API double (or to Polar
// itself: see target.ts). Ctrl-C stops n8n and the double.
//
// n8n keeps its data in .cache/editor (DEMO_USER_FOLDER to change it), so workflows of your own
// survive a restart; the example workflow and credential are imported afresh at every start.

import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startPolarDouble, type PolarDouble, type PolarDoubleOptions } from '../polar-double';
import {
	N8N_VERSION,
	NODE_MAJOR,
	cacheDir,
	createN8nInstance,
	ensureN8n,
	ownerEnv,
	type N8nInstance,
	type Owner,
} from '../n8n';
import { buildAndPack } from './pack';
import { shortPath, step, stepProgress } from './steps';
import { importExample } from './example';
import { describeTarget, type Target } from './target';

/** The login printed for the user: a local, loopback-only demo instance. */
export const DEMO_OWNER: Owner = {
	email: 'demo@example.com',
	password: 'Polar-Demo-1',
	firstName: 'Demo',
	lastName: 'User',
};

export interface Editor {
	/** e.g. http://localhost:5678 */
	url: string;
	n8n: N8nInstance;
	double?: PolarDouble;
	workflow: { id: string; name: string };
	stop(): Promise<void>;
}

export interface EditorOptions {
	userFolder: string;
	port: number;
	target: Target;
	/** The double's options, e.g. tokens with other scopes than the example's (the browser test). */
	double?: PolarDoubleOptions;
}

/** Fails at once, instead of after n8n's slow start, when another process holds the port. */
function checkPortFree(port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () =>
			reject(
				new Error(
					`Port ${port} is in use (another n8n?). Stop it, or pick another port: N8N_PORT=5679 npm start`,
				),
			),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

export async function startEditor({
	userFolder,
	port,
	target,
	double: doubleOptions,
}: EditorOptions): Promise<Editor> {
	await checkPortFree(port);
	mkdirSync(userFolder, { recursive: true });
	const tarball = await step('Build the package and pack it', () =>
		buildAndPack(join(userFolder, 'package'), stepProgress),
	);
	const installation = await step(
		`Get n8n ${N8N_VERSION} on Node ${NODE_MAJOR}`,
		() => ensureN8n({ onProgress: stepProgress }),
		(n8n) => `Node ${n8n.nodeVersion}, in ${shortPath(cacheDir())}`,
	);
	const n8n = await createN8nInstance({
		userFolder,
		installation,
		onProgress: stepProgress,
	});
	await step('Install the tarball into n8n as a community package', () =>
		n8n.installPackage(tarball),
	);

	let double: PolarDouble | undefined;
	try {
		if (target.kind === 'double') {
			double = await step(
				'Start the Polar API double',
				() => startPolarDouble(doubleOptions),
				(d) => d.url,
			);
		}
		const { workflow } = await step('Import the example workflow and its credential', () =>
			importExample(n8n, target, double?.url, userFolder),
		);
		const url = `http://localhost:${port}`;
		await step(`Start n8n against ${describeTarget(target)}`, () =>
			n8n.start({
				port,
				// n8n creates (or resets) the owner itself at start: nothing to click through.
				env: { ...ownerEnv(installation, DEMO_OWNER), N8N_EDITOR_BASE_URL: url },
			}),
		);
		return {
			url,
			n8n,
			double,
			workflow: { id: workflow.id, name: workflow.name },
			async stop() {
				await n8n.stop();
				await double?.close();
			},
		};
	} catch (error) {
		await n8n.stop();
		await double?.close();
		throw error;
	}
}
