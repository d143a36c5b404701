import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { withLock } from './lock';
import { N8N_VERSION, NODE_MAJOR, cacheDir, nodePackageName } from './paths';
import { type Progress, runOrThrow, seconds, stderrProgress } from './run';

export interface N8nInstallation {
	n8nVersion: string;
	/** Exact Node version installed, e.g. v24.21.0. */
	nodeVersion: string;
	/** Absolute path of the Node 24 binary. */
	nodeBin: string;
	/** n8n's CLI entry (a JS file): run it as `nodeBin n8nBin <command>`. */
	n8nBin: string;
	/** PATH with Node 24 first, for n8n and the npm commands run for it. */
	path: string;
}

export interface EnsureOptions {
	/** The n8n version to install or find; default N8N_VERSION. */
	version?: string;
	/** Receives progress lines; default: stderr. */
	onProgress?: Progress;
}

/** In each n8n folder, once n8n runs there. */
const DONE_FILE = '.ready.json';
const NPM = 'npm';
const NPM_QUIET = ['--no-audit', '--no-fund', '--prefer-offline'];

/** npm variables inherited from an outer `npm run` would point nested npm commands at the repo. */
export function npmEnv(path: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const drop =
		/^npm_(package_|lifecycle_|config_(prefix|local_prefix|global_prefix|nodedir|ignore_scripts)$)/i;
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!drop.test(key)) env[key] = value;
	return { ...env, PATH: path, npm_config_update_notifier: 'false', ...extra };
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

function layout(version: string) {
	const root = cacheDir();
	const nodeDir = join(root, `node-${NODE_MAJOR}`);
	const nodePkgDir = join(nodeDir, 'node_modules', nodePackageName());
	const n8nDir = join(root, `n8n-${version}`);
	const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const pkg = readJson<{ bin?: { node?: string } }>(join(nodePkgDir, 'package.json'));
	const nodeBin = join(nodePkgDir, pkg?.bin?.node ?? 'bin/node');
	const path = [dirname(nodeBin), process.env.PATH ?? ''].join(delimiter);
	return { root, version, nodeDir, nodePkgDir, n8nDir, n8nBin, nodeBin, path };
}

interface Step {
	label: string;
	dir: string;
	/** Marker file name in dir; holds `key` once the step has finished. */
	marker: string;
	key: string;
	/** Wipe dir first: without the marker it holds a half-finished attempt. */
	wipe: boolean;
	work: () => Promise<void>;
}

async function step(s: Step, onProgress: Progress): Promise<void> {
	const marker = join(s.dir, s.marker);
	if (readJson<{ key: string }>(marker)?.key === s.key) return;
	if (s.wipe && existsSync(s.dir)) {
		onProgress(`[${s.label}] removing an unfinished or outdated install in ${s.dir}`);
		rmSync(s.dir, { recursive: true, force: true });
	}
	mkdirSync(s.dir, { recursive: true });
	rmSync(marker, { force: true });
	const started = Date.now();
	onProgress(`[${s.label}] starting`);
	await s.work();
	const ms = Date.now() - started;
	writeFileSync(marker, JSON.stringify({ key: s.key, ms, at: new Date().toISOString() }));
	onProgress(`[${s.label}] done in ${seconds(ms)}`);
}

type Layout = ReturnType<typeof layout>;

/** Node 24 from the registry: the platform package that the `node` package would pick. */
function nodeStep(paths: Layout, onProgress: Progress): Step {
	const label = `node ${NODE_MAJOR}`;
	const spec = `${nodePackageName()}@${NODE_MAJOR}`;
	return {
		label,
		dir: paths.nodeDir,
		marker: '.node-installed.json',
		key: spec,
		wipe: true,
		work: async () => {
			writeFileSync(join(paths.nodeDir, 'package.json'), '{ "private": true }\n');
			await runOrThrow(NPM, ['install', spec, '--ignore-scripts', ...NPM_QUIET], {
				label,
				cwd: paths.nodeDir,
				env: npmEnv(process.env.PATH ?? ''),
				onProgress,
				echo: true,
			});
		},
	};
}

/**
 * n8n 1.x and early 2.x (1.123.81, 2.0.0, 2.0.3) depend on `xlsx` as a tarball on SheetJS's CDN,
 * which is unreachable here: the override takes the last `xlsx` on npm instead (used by n8n's
 * spreadsheet nodes only). npm ignores it for versions without that dependency (2.40.7).
 */
const OVERRIDES = { xlsx: '0.18.5' };

/** n8n without install scripts: they would download prebuilt binaries, unreachable here. */
function n8nStep(paths: Layout, onProgress: Progress): Step {
	const label = `n8n ${paths.version}`;
	return {
		label,
		dir: paths.n8nDir,
		marker: '.n8n-installed.json',
		key: `n8n@${paths.version}`,
		wipe: true,
		work: async () => {
			const manifest = { private: true, overrides: OVERRIDES };
			writeFileSync(
				join(paths.n8nDir, 'package.json'),
				`${JSON.stringify(manifest, null, '\t')}\n`,
			);
			const args = ['install', `n8n@${paths.version}`, '--ignore-scripts', ...NPM_QUIET];
			await runOrThrow(NPM, [...args, '--loglevel=http'], {
				label,
				cwd: paths.n8nDir,
				env: npmEnv(paths.path), // npm under Node 24: no engine warnings
				onProgress,
				echo: true,
				countPattern: /^npm http /, // one line per package: counted in the ticker
				hidePattern: /^npm warn/i, // hundreds of deprecations; a failure still shows the tail
			});
		},
	};
}

/**
 * sqlite3 (n8n's default database) is the one native module without a Node 24 binary in the
 * tarball (isolated-vm, @parcel/watcher, msgpackr-extract ship prebuilds) and its own download
 * is unreachable. Own marker, no wipe: a failed compile must not cost the n8n install.
 */
function sqliteStep(paths: Layout, nodeVersion: string, onProgress: Progress): Step {
	const label = 'sqlite3 rebuild';
	return {
		label,
		dir: paths.n8nDir,
		marker: '.sqlite3-rebuilt.json',
		key: `sqlite3 for ${nodeVersion}`,
		wipe: false,
		work: async () => {
			await runOrThrow(
				NPM,
				['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
				{
					label,
					cwd: paths.n8nDir,
					env: npmEnv(paths.path, {
						npm_config_build_from_source: 'true', // prebuild-install gives up at once
						// Node 24's own headers (in its package), not the machine's (nodedir=/usr here).
						npm_config_nodedir: paths.nodePkgDir,
						JOBS: 'max',
					}),
					onProgress,
					echo: /^\s*(CC|CXX|SOLINK_MODULE)\(|^rebuilt|gyp (ok|ERR)|error:/, // not the warnings
				},
			);
			const probe = `const s = require('sqlite3');
				new s.Database(':memory:').get('select sqlite_version() v', (e, r) => { if (e) throw e; console.log(r.v); });`;
			const out = await runOrThrow(paths.nodeBin, ['-e', probe], {
				label,
				cwd: paths.n8nDir,
				onProgress,
			});
			onProgress(`[${label}] loads under Node ${nodeVersion}: SQLite ${out.stdout.trim()}`);
		},
	};
}

/**
 * Installs Node 24 and the given n8n version into cacheDir() once; later calls return at once.
 * Safe to call from several processes (a lock folder serialises them).
 */
export async function ensureN8n(options: EnsureOptions = {}): Promise<N8nInstallation> {
	const onProgress = options.onProgress ?? stderrProgress;
	const version = options.version ?? N8N_VERSION;
	const key = `n8n@${version} node@${NODE_MAJOR} ${nodePackageName()}`;
	const finished = (): N8nInstallation | undefined => {
		const paths = layout(version);
		const done = readJson<{ key: string; nodeVersion: string }>(join(paths.n8nDir, DONE_FILE));
		if (done?.key !== key || !existsSync(paths.n8nBin) || !existsSync(paths.nodeBin))
			return undefined;
		const { nodeBin, n8nBin, path } = paths;
		return { n8nVersion: version, nodeVersion: done.nodeVersion, nodeBin, n8nBin, path };
	};

	const quick = finished();
	if (quick) return quick;
	mkdirSync(cacheDir(), { recursive: true });
	return withLock(join(cacheDir(), '.lock'), onProgress, async () => {
		const meanwhile = finished(); // another process may have installed while we waited
		if (meanwhile) return meanwhile;
		const started = Date.now();

		await step(nodeStep(layout(version), onProgress), onProgress);
		const paths = layout(version); // now the Node package's bin path can be read
		const nodeVersion = (
			await runOrThrow(paths.nodeBin, ['--version'], { label: 'node', onProgress })
		).stdout.trim();
		if (!nodeVersion.startsWith(`v${NODE_MAJOR}.`)) {
			throw new Error(`expected Node ${NODE_MAJOR}, got ${nodeVersion} at ${paths.nodeBin}`);
		}
		const doneFile = join(paths.n8nDir, DONE_FILE);
		rmSync(doneFile, { force: true });
		await step(n8nStep(paths, onProgress), onProgress);
		await step(sqliteStep(paths, nodeVersion, onProgress), onProgress);

		const check = await runOrThrow(paths.nodeBin, [paths.n8nBin, '--version'], {
			label: 'n8n',
			env: {
				...process.env,
				PATH: paths.path,
				N8N_USER_FOLDER: join(paths.n8nDir, 'version-check'),
			},
			onProgress,
		});
		const n8nVersion = check.stdout.trim().split('\n').pop();
		if (n8nVersion !== version) throw new Error(`expected n8n ${version}, got ${n8nVersion}`);
		onProgress(
			`[n8n] ready: n8n ${n8nVersion} on Node ${nodeVersion}, ${seconds(Date.now() - started)}`,
		);
		const at = new Date().toISOString();
		writeFileSync(doneFile, JSON.stringify({ key, nodeVersion, at }, null, '\t'));
		const { nodeBin, n8nBin, path } = paths;
		return { n8nVersion: version, nodeVersion, nodeBin, n8nBin, path };
	});
}
