// Redis and Postgres from Debian's packages (apt-get install redis-server postgresql), each in a
// temporary folder on a loopback port, for n8n's queue mode. Started and stopped by the caller.

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../n8n';
import { eachLine, killGroup, track } from '../n8n/run';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Spawns a server in its own process group and resolves once a line matches `ready`. */
async function startServer(
	label: string,
	command: string,
	args: string[],
	ready: RegExp,
	timeoutMs = 60_000,
): Promise<ChildProcess> {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	track(child);
	const lines: string[] = [];
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => fail(`not ready after ${timeoutMs / 1000} s`), timeoutMs);
		const fail = (why: string) => {
			clearTimeout(timer);
			killGroup(child, 'SIGKILL');
			reject(new Error(`${label} ${why}:\n${lines.slice(-20).join('\n')}`));
		};
		const onLine = (line: string) => {
			lines.push(line);
			if (ready.test(line)) {
				clearTimeout(timer);
				resolve();
			}
		};
		eachLine(child.stdout!, onLine);
		eachLine(child.stderr!, onLine);
		child.once('error', (error) => fail(`cannot start ${command}: ${error.message}`));
		child.once('exit', (code) => fail(`exited (${code})`));
	});
	return child;
}

async function stopServer(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	killGroup(child, signal);
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

export async function startRedis(): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-redis-'));
	const port = await freePort();
	const child = await startServer(
		'redis-server',
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		/Ready to accept connections/,
	).catch((error: Error) => {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	});
	return {
		port,
		async stop() {
			await stopServer(child, 'SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Debian installs Postgres's programs outside PATH, per major version: the newest one. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0)
		throw new Error('Postgres is not installed: apt-get install postgresql');
	return join(root, versions[0], 'bin');
}

export interface Postgres extends Service {
	database: string;
	user: string;
	password: string;
}

/**
 * A throw-away cluster: trust authentication on loopback only, no fsync. Postgres refuses to run
 * as root, so as root it runs as Debian's `postgres` user.
 */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	const asRoot = process.getuid?.() === 0;
	const as = (program: string, args: string[]): [string, string[]] =>
		asRoot
			? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
			: [join(bin, program), args];
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-postgres-'));
	if (asRoot) {
		const [uid, gid] = ['-u', '-g'].map((flag) =>
			Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
		);
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const user = 'n8n';
	const database = 'n8n';
	const port = await freePort();
	let child: ChildProcess | undefined;
	try {
		execFileSync(...as('initdb', ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8']), {
			stdio: 'pipe',
		});
		child = await startServer(
			'postgres',
			...as('postgres', [
				'-D',
				data,
				'-p',
				String(port),
				'-k',
				dir,
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'fsync=off',
				'-c',
				'max_connections=200',
			]),
			/ready to accept connections/,
		);
		execFileSync(...as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, database]), {
			stdio: 'pipe',
		});
	} catch (error) {
		if (child) await stopServer(child, 'SIGINT');
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const server = child;
	return {
		port,
		database,
		user,
		password: 'n8n', // trust authentication: any password is accepted
		async stop() {
			await stopServer(server, 'SIGINT'); // fast shutdown: ends open connections
			await sleep(100);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Rows of a query, via psql (Debian's postgresql-client), as arrays of text. */
export function psql(db: Postgres, sql: string): string[][] {
	const out = execFileSync(
		join(postgresBin(), 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(db.port),
			'-U',
			db.user,
			'-d',
			db.database,
			'-At',
			'-F',
			'\t',
			'-c',
			sql,
		],
		{ encoding: 'utf8' },
	);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split('\t'));
}
