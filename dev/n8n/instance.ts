import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { type N8nExecution, parseExecutionOutput, settledExecution } from './execution';
import { type N8nInstallation, ensureN8n, npmEnv } from './install';
import type { Owner } from './owner';
import {
	type Progress,
	type RunResult,
	eachLine,
	killGroup,
	run,
	seconds,
	stderrProgress,
	track,
} from './run';

/**
 * Keeps n8n quiet and offline (this machine reaches only the npm registry), each checked in
 * n8n 2.40.7's config classes (@n8n/config, n8n/dist/modules/community-packages).
 */
export const QUIET_ENV: Readonly<Record<string, string>> = {
	// As n8n's Docker image runs it; an inherited NODE_ENV=test (jest's) makes the CLI a silent no-op.
	NODE_ENV: 'production',
	N8N_DIAGNOSTICS_ENABLED: 'false', // telemetry (RudderStack, PostHog) and the survey
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false', // editor asks api.n8n.io for new versions
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false', // editor fetches templates from api.n8n.io
	N8N_PERSONALIZATION_ENABLED: 'false', // onboarding questionnaire after owner setup
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_AI_ENABLED: 'false', // AI assistant calls n8n's cloud
	N8N_VERIFIED_PACKAGES_ENABLED: 'false', // vetted community-node list from api.n8n.io
	N8N_REINSTALL_MISSING_PACKAGES: 'false', // never reinstall packages from the registry on start
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // ours is unverified; the default is to flip to false
	N8N_DISABLED_MODULES: 'mcp-registry', // its start-up task fetches api.n8n.io/api/mcp-servers
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false', // no license-server calls
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false', // no warning/fail on 0644 config in temp dirs
	N8N_SECURE_COOKIE: 'false', // the editor is served over plain http on localhost
	N8N_LISTEN_ADDRESS: '127.0.0.1', // loopback only
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	NO_COLOR: '1', // plain log lines, easier to parse
	// A failed `execute` prints its execution JSON at info level only (test/setup-env.ts sets
	// silent for the in-process engine tests; that must not leak into a real n8n).
	N8N_LOG_LEVEL: 'info',
};

export interface N8nInstanceOptions {
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (SQLite DB, encryption key, nodes/) inside it. */
	userFolder: string;
	/** From ensureN8n(); installed (or found) when omitted. */
	installation?: N8nInstallation;
	/** Extra variables for every n8n command; they override QUIET_ENV. */
	env?: Record<string, string>;
	onProgress?: Progress;
	/** Forward n8n's own output lines to onProgress (debugging). */
	echo?: boolean;
}

export interface RestResponse {
	status: number;
	body: unknown;
	headers: Headers;
}

export interface N8nInstance {
	readonly userFolder: string;
	readonly installation: N8nInstallation;
	/** Base URL of the running editor (`start()`), e.g. http://127.0.0.1:5678. */
	readonly url: string | undefined;
	/** Environment for an n8n command (PATH with Node 24, user folder, QUIET_ENV, options.env). */
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	/** Runs `n8n <args>`; throws on a non-zero exit (but for `execute`) with the output's tail. */
	cli(
		args: string[],
		options?: { env?: Record<string, string>; timeoutMs?: number },
	): Promise<RunResult>;
	/** A JSON file (one workflow or an array), or a folder of them: one n8n process (~2 s) for all. */
	importWorkflow(file: string): Promise<void>;
	/** An array of `{ id, name, type, data }` (or a folder); plain-object `data` is encrypted on import. */
	importCredentials(file: string): Promise<void>;
	/**
	 * `n8n execute --id --rawOutput`. Resolves with the execution also when the workflow failed
	 * (status 'error', data.resultData.error); throws only when no execution JSON was printed.
	 */
	execute(
		workflowId: string,
		options?: { timeoutMs?: number; env?: Record<string, string> },
	): Promise<N8nExecution>;
	/** Installs a package tarball as users do by hand, into `.n8n/nodes`. */
	installPackage(tarball: string): Promise<void>;
	/** `n8n start`, resolved once /healthz/readiness answers 200. */
	start(options?: {
		port?: number;
		timeoutMs?: number;
		env?: Record<string, string>;
	}): Promise<string>;
	/** Stops the editor's whole process group; safe to call when not started. */
	stop(): Promise<void>;
	/** Creates the owner through `POST /rest/owner/setup`; returns the `n8n-auth` cookie. */
	setupOwner(owner: Owner): Promise<{ cookie: string; user: unknown }>;
	/** `POST /rest/login` (e.g. for an owner made with ownerEnv); returns the `n8n-auth` cookie. */
	login(email: string, password: string): Promise<{ cookie: string; user: unknown }>;
	/** A call to the running editor (`/rest/...`, `/types/nodes.json`), JSON in and out. */
	rest(method: string, path: string, body?: unknown, cookie?: string): Promise<RestResponse>;
}

/** A free TCP port on loopback (closed again at once; the small race is acceptable here). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/** A folder is imported file by file with --separate. */
function inputFlags(path: string): string[] {
	const input = `--input=${resolve(path)}`;
	return statSync(path).isDirectory() ? ['--separate', input] : [input];
}

function authCookie(what: string, response: RestResponse): { cookie: string; user: unknown } {
	if (response.status !== 200)
		throw new Error(`${what} failed (${response.status}): ${JSON.stringify(response.body)}`);
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error(`${what} returned no n8n-auth cookie`);
	return { cookie, user: (response.body as { data?: unknown }).data ?? response.body };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * QUIET_ENV without the settings this n8n version would refuse: n8n 1.x and early 2.x stop at
 * start on a module name they do not know (N8N_DISABLED_MODULES=mcp-registry). The module names
 * are read from the installed n8n (@n8n/backend-common's module list).
 */
function quietEnvFor(installation: N8nInstallation): Record<string, string> {
	const nodeModules = dirname(dirname(dirname(installation.n8nBin))); // …/node_modules/n8n/bin/n8n
	const list = ['n8n/node_modules', '.']
		.map((base) => join(nodeModules, base, '@n8n/backend-common/dist/modules/modules.config.js'))
		.find((file) => existsSync(file));
	const known = list ? readFileSync(list, 'utf8') : '';
	const env = { ...QUIET_ENV };
	const disabled = env.N8N_DISABLED_MODULES.split(',').filter((name) =>
		known.includes(`'${name}'`),
	);
	if (disabled.length > 0) env.N8N_DISABLED_MODULES = disabled.join(',');
	else delete env.N8N_DISABLED_MODULES;
	return env;
}

export async function createN8nInstance(options: N8nInstanceOptions): Promise<N8nInstance> {
	const onProgress = options.onProgress ?? stderrProgress;
	const installation = options.installation ?? (await ensureN8n({ onProgress }));
	const userFolder = resolve(options.userFolder);
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(userFolder, { recursive: true });
	let server: ChildProcess | undefined;
	let url: string | undefined;
	const serverLog: string[] = [];

	const quietEnv = quietEnvFor(installation);
	const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
		...process.env,
		...quietEnv,
		...options.env,
		...extra,
		N8N_USER_FOLDER: userFolder,
		PATH: installation.path,
	});

	const cli = async (
		args: string[],
		cliOptions: { env?: Record<string, string>; timeoutMs?: number } = {},
	): Promise<RunResult> => {
		// Every n8n command starts a task broker; a port of its own lets instances run side by side.
		const brokerPort = String(await freePort());
		const result = await run(installation.nodeBin, [installation.n8nBin, ...args], {
			label: `n8n ${args[0]}`,
			env: env({ N8N_RUNNERS_BROKER_PORT: brokerPort, ...cliOptions.env }),
			cwd: userFolder,
			onProgress,
			echo: options.echo,
			timeoutMs: cliOptions.timeoutMs ?? 120_000,
		});
		if (result.code !== 0 && !args.includes('execute')) {
			const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${tail}`);
		}
		return result;
	};

	const rest = async (
		method: string,
		path: string,
		body?: unknown,
		cookie?: string,
	): Promise<RestResponse> => {
		if (!url) throw new Error('n8n is not started');
		const response = await fetch(`${url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				// n8n binds the auth cookie to a browser id; any stable value works outside a browser.
				'browser-id': 'n8n-e2e',
				...(cookie ? { cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, body: parsed, headers: response.headers };
	};

	/** n8n 1.x answers readiness before it has mounted every REST route: a 404 is retried. */
	const postOnceMounted = async (path: string, body: unknown): Promise<RestResponse> => {
		let response = await rest('POST', path, body);
		for (let tries = 0; response.status === 404 && tries < 30; tries++) {
			await new Promise((done) => setTimeout(done, 500));
			response = await rest('POST', path, body);
		}
		return response;
	};

	const stop = async (): Promise<void> => {
		const child = server;
		server = undefined;
		url = undefined;
		if (!child) return;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((done) => child.once('exit', () => done()));
			killGroup(child, 'SIGTERM');
			// n8n waits up to N8N_GRACEFUL_SHUTDOWN_TIMEOUT (30 s) for executions: don't wait that long.
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		killGroup(child, 'SIGKILL'); // the task runner, should it linger in the group
	};

	const start = async (
		startOptions: { port?: number; timeoutMs?: number; env?: Record<string, string> } = {},
	) => {
		if (server) throw new Error('n8n is already started');
		const port = startOptions.port ?? (await freePort());
		const timeoutMs = startOptions.timeoutMs ?? 180_000;
		const started = Date.now();
		const base = `http://127.0.0.1:${port}`;
		const child = spawn(installation.nodeBin, [installation.n8nBin, 'start'], {
			cwd: userFolder,
			env: env({
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_EDITOR_BASE_URL: base,
				N8N_WEBHOOK_URL: `${base}/`,
				...startOptions.env,
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: process.platform !== 'win32',
		});
		server = child;
		track(child);
		const onLine = (line: string) => {
			serverLog.push(line);
			if (serverLog.length > 200) serverLog.shift();
			if (options.echo && line.trim()) onProgress(`[n8n start] ${line}`);
		};
		eachLine(child.stdout, onLine);
		eachLine(child.stderr, onLine);
		let exitCode: number | null | undefined;
		child.once('exit', (code, signal) => (exitCode = code ?? (signal ? -1 : null)));

		try {
			let lastTick = Date.now();
			for (;;) {
				if (exitCode !== undefined)
					throw new Error(`n8n start exited (code ${exitCode}) before it was ready`);
				if (Date.now() - started > timeoutMs)
					throw new Error(`n8n start not ready after ${seconds(timeoutMs)}`);
				try {
					// /healthz answers as soon as the HTTP server listens; readiness waits for the DB.
					const ready = await fetch(`${base}/healthz/readiness`);
					if (ready.status === 200) break;
				} catch {
					// not listening yet
				}
				if (Date.now() - lastTick >= 10_000) {
					lastTick = Date.now();
					onProgress(
						`[n8n start] waiting for ${base}/healthz/readiness, ${seconds(Date.now() - started)} elapsed`,
					);
				}
				await sleep(250);
			}
		} catch (error) {
			await stop();
			const tail = serverLog.slice(-30).join('\n');
			throw new Error(`${(error as Error).message}\n${tail}`);
		}
		url = base;
		onProgress(`[n8n start] ready at ${base} in ${seconds(Date.now() - started)}`);
		return base;
	};

	return {
		userFolder,
		installation,
		get url() {
			return url;
		},
		env,
		cli,
		rest,
		start,
		stop,
		async importWorkflow(file) {
			await cli(['import:workflow', ...inputFlags(file)]);
		},
		async importCredentials(file) {
			await cli(['import:credentials', ...inputFlags(file)]);
		},
		async execute(workflowId, executeOptions = {}) {
			const result = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], executeOptions);
			const execution = parseExecutionOutput(result.stdout) ?? parseExecutionOutput(result.stderr);
			if (execution) return settledExecution(execution);
			const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
			throw new Error(
				`n8n execute --id=${workflowId} printed no execution (exit ${result.code}):\n${tail}`,
			);
		},
		async installPackage(tarball) {
			mkdirSync(nodesDir, { recursive: true });
			const manifest = join(nodesDir, 'package.json');
			// The same minimal manifest n8n writes itself on first start.
			if (!existsSync(manifest)) {
				writeFileSync(
					manifest,
					`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
				);
			}
			const result = await run(
				'npm',
				[
					'install',
					resolve(tarball),
					'--omit=peer',
					'--legacy-peer-deps',
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
				],
				{
					label: 'npm install (nodes)',
					cwd: nodesDir,
					env: npmEnv(installation.path),
					onProgress,
					echo: options.echo,
				},
			);
			if (result.code !== 0)
				throw new Error(
					`npm install ${tarball} failed:\n${result.stderr.split('\n').slice(-20).join('\n')}`,
				);
		},
		async setupOwner(owner) {
			return authCookie('owner setup', await postOnceMounted('/rest/owner/setup', owner));
		},
		async login(email, password) {
			const body = { emailOrLdapLoginId: email, password };
			return authCookie('login', await postOnceMounted('/rest/login', body));
		},
	};
}
