// `npm run demo`: the package inside a real n8n, installed the way users install it.
//   1. build the package and pack the tarball npm would publish;
//   2. get the pinned n8n (cached per user, see cacheDir(): the first run installs it, minutes);
//   3. install the tarball into a fresh n8n user folder, as a community package;
//   4. start the local Polar API double (or use Polar itself: see target.ts);
//   5. import examples/: the workflow and its credential;
//   6. run the workflow with `n8n execute` and print the sessions it created.
// Whatever it started is stopped, and its temporary folder removed, also when a step fails.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startPolarDouble, type PolarDouble } from '../../dev/polar-double';
import {
	N8N_VERSION,
	NODE_MAJOR,
	cacheDir,
	createN8nInstance,
	ensureN8n,
	outputItems,
	type N8nExecution,
} from '../../dev/n8n';
import { buildAndPack } from '../../dev/demo/pack';
import { shortPath, step, stepProgress } from '../../dev/demo/steps';
import { sessionsTable } from '../../dev/demo/table';
import { POLAR_NODE, importExample } from '../../dev/demo/example';
import { describeTarget, targetFromEnv, type Target } from '../../dev/demo/target';

async function main(): Promise<void> {
	const target = targetFromEnv();
	const work = mkdtempSync(join(tmpdir(), 'n8n-polar-demo-'));
	let double: PolarDouble | undefined;
	try {
		const tarball = await step(
			'Build the package and pack it',
			() => buildAndPack(work, stepProgress),
			basename,
		);
		const installation = await step(
			`Get n8n ${N8N_VERSION} on Node ${NODE_MAJOR}`,
			() => ensureN8n({ onProgress: stepProgress }),
			(n8n) => `Node ${n8n.nodeVersion}, in ${shortPath(cacheDir())}`,
		);
		const n8n = await createN8nInstance({
			userFolder: join(work, 'n8n'),
			installation,
			onProgress: stepProgress,
		});
		await step('Install the tarball into n8n as a community package', () =>
			n8n.installPackage(tarball),
		);

		if (target.kind === 'double') {
			double = await step(
				'Start the Polar API double',
				() => startPolarDouble(),
				(d) => d.url,
			);
		}
		const { workflow } = await step(
			'Import the example workflow and its credential',
			() => importExample(n8n, target, double?.url, work),
			(imported) => `"${imported.workflow.name}", credential "${imported.credential.name}"`,
		);

		const execution = await step(
			`Run it against ${describeTarget(target)}: n8n execute --id=${workflow.id}`,
			() => n8n.execute(workflow.id),
			(run) => run.status,
		);
		report(execution, target, double);
	} finally {
		await double?.close();
		rmSync(work, { recursive: true, force: true });
	}
}

function report(execution: N8nExecution, target: Target, double?: PolarDouble): void {
	const { error } = execution.data.resultData;
	if (error || execution.status !== 'success') {
		console.error(`\nThe workflow failed in n8n: ${error?.message ?? execution.status}`);
		if (typeof error?.description === 'string') console.error(error.description);
		process.exitCode = 1;
		return;
	}
	const items = outputItems(execution, POLAR_NODE);
	console.log(`\nn8n created ${items.length} customer portal sessions ("${POLAR_NODE}" node):\n`);
	console.log(sessionsTable(items));
	if (target.kind === 'double' && double) {
		const { requests, violations } = double;
		console.log(
			`\nThe Polar API double received ${requests.length} requests; ${violations.length} broke Polar's API contract.`,
		);
		console.log(
			'Against Polar itself: POLAR_ACCESS_TOKEN=polar_oat_… POLAR_SERVER=sandbox POLAR_EXTERNAL_CUSTOMER_ID=<your customer> npm run demo',
		);
	}
	console.log('To open the workflow in n8n’s editor: npm start');
}

main().catch((error: unknown) => {
	console.error(`\n${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
