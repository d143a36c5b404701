// Runs once, in Jest's own process, before the end-to-end files: each n8n version the suite
// runs on (installed into the n8n cache on the first run, a few minutes each, with progress) and
// the package, built and packed as npm would publish it.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildAndPack } from '../../dev/demo/pack';
import { N8N_VERSION, ensureN8n, repoRoot } from '../../dev/n8n';
import { N8N_VERSIONS } from './versions';

/**
 * The tests start n8n in process groups of its own, and stop them in afterAll, also when a
 * test fails. But on Ctrl-C Jest just exits: the tests' sandboxed `process` never hears the
 * signal, so the harness's own clean-up can't run. This process does hear it: kill the
 * process group of each child it started.
 */
function killChildrenOnInterrupt(): void {
	const killChildren = () => {
		let children: number[];
		try {
			const listed = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' });
			children = listed.split('\n').filter(Boolean).map(Number);
		} catch {
			return; // none, or no pgrep
		}
		for (const pid of children) {
			for (const target of [-pid, pid]) {
				try {
					process.kill(target, 'SIGKILL');
				} catch {
					// not a group leader, or gone
				}
			}
		}
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			killChildren();
			process.kill(process.pid, signal); // and die of it, as without this handler
		});
	}
}

export default async function globalSetup(): Promise<void> {
	killChildrenOnInterrupt();
	// One at a time: installs share the machine and a lock. The full suite's version too.
	for (const version of new Set([...N8N_VERSIONS, N8N_VERSION])) await ensureN8n({ version });
	process.env.POLAR_E2E_TARBALL = await buildAndPack(join(repoRoot(), '.cache', 'e2e'));
}
