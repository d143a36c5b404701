// A real n8n for the workloads that measure through one (many executions, ingestion at scale):
// the packed package installed, one Polar credential for the double, the workflows imported and
// published, then started.

import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { createN8nInstance, ensureN8n, type N8nInstance } from '../../dev/n8n';
import { DEFAULT_TOKEN } from '../../dev/polar-double';
import { log } from './run';

export interface BenchN8n {
	n8n: N8nInstance;
	/** Its user folder's parent, to remove afterwards. */
	dir: string;
	n8nVersion: string;
	/** n8n's URL, once started. */
	url: string;
}

export async function startBenchN8n(options: {
	tarball: string;
	/** The credential the workflows name, for the double at `doubleUrl` with this Rate Limit. */
	credential: { id: string; name: string };
	doubleUrl: string;
	rateLimit: number;
	workflows: Array<{ id: string }>;
}): Promise<BenchN8n> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-bench-'));
	const installation = await ensureN8n({ onProgress: log });
	const n8n = await createN8nInstance({
		userFolder: join(dir, 'user'),
		installation,
		onProgress: () => undefined,
		env: { N8N_LOG_LEVEL: 'warn' },
	});
	try {
		return await prepare(n8n, dir, installation.n8nVersion, options);
	} catch (error) {
		await n8n.stop();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

async function prepare(
	n8n: N8nInstance,
	dir: string,
	n8nVersion: string,
	options: Parameters<typeof startBenchN8n>[0],
): Promise<BenchN8n> {
	await n8n.installPackage(options.tarball);
	const credentials = join(dir, 'credentials.json');
	writeFileSync(
		credentials,
		JSON.stringify([
			{
				...options.credential,
				type: 'polarApi',
				data: {
					accessToken: DEFAULT_TOKEN,
					environment: 'custom',
					baseUrl: options.doubleUrl,
					rateLimit: options.rateLimit,
				},
			},
		]),
		{ mode: 0o600 },
	);
	await n8n.importCredentials(credentials);
	const file = join(dir, 'workflows.json');
	writeFileSync(file, JSON.stringify(options.workflows));
	await n8n.importWorkflow(file);
	for (const { id } of options.workflows) await n8n.cli(['publish:workflow', `--id=${id}`]);
	const url = await n8n.start();
	return { n8n, dir, n8nVersion, url };
}
