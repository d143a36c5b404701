import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../n8n/paths';
import { type Progress, runOrThrow } from '../n8n/run';

/**
 * Builds the package and packs it exactly as `npm publish` would: the tarball n8n then
 * installs is what users get from the registry, not the working tree.
 */
export async function buildAndPack(destination: string, onProgress?: Progress): Promise<string> {
	const cwd = repoRoot();
	await runOrThrow('npm', ['run', 'build'], { label: 'npm run build', cwd, onProgress });
	mkdirSync(destination, { recursive: true });
	const packed = await runOrThrow('npm', ['pack', '--json', '--pack-destination', destination], {
		label: 'npm pack',
		cwd,
		onProgress,
	});
	const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
	return join(destination, filename);
}
