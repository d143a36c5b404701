// `npm start`: n8n's editor with the package, the example workflow and its credential, and an
// owner account, against the Polar API double (or Polar itself, with POLAR_* variables).

import { join } from 'node:path';

import { DEMO_OWNER, startEditor } from '../../dev/demo/editor';
import { targetFromEnv } from '../../dev/demo/target';
import { repoRoot } from '../../dev/n8n';
import { DEFAULT_TOKEN } from '../../dev/polar-double';
import { polarSpec } from '../../dev/polar-double/spec';

async function main(): Promise<void> {
	const editor = await startEditor({
		userFolder: process.env.DEMO_USER_FOLDER ?? join(repoRoot(), '.cache', 'editor'),
		port: Number(process.env.N8N_PORT ?? 5678),
		target: targetFromEnv(),
		// The example credential's token may do everything, so that every resource can be tried
		// in the editor (the double's default token only opens portal sessions and reads customers).
		double: { tokens: { [DEFAULT_TOKEN]: polarSpec().scopes() } },
	});
	console.log(`
n8n is ready: ${editor.url}
  Log in as ${DEMO_OWNER.email}, password ${DEMO_OWNER.password}
  Open the workflow "${editor.workflow.name}" and press Execute workflow.
  Ctrl-C stops n8n${editor.double ? ' and the Polar API double' : ''}.
`);
	// The process-wide Ctrl-C handler of dev/n8n/run.ts kills every child at once (SIGKILL);
	// here n8n gets a graceful stop instead. (Its exit handler stays as a safety net.)
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
	let stopping = false;
	const shutdown = () => {
		if (stopping) process.exit(130); // a second Ctrl-C: don't wait
		stopping = true;
		console.log('Stopping n8n…');
		void editor.stop().then(() => {
			console.log('Stopped.');
			process.exit(0);
		});
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
	console.error(`\n${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
