import { spawn, type ChildProcess } from 'node:child_process';

export type Progress = (message: string) => void;

/** Writes progress to stderr so stdout stays free for results. */
export const stderrProgress: Progress = (message) => process.stderr.write(`${message}\n`);

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Prefix for progress lines; also names the command in errors. */
	label: string;
	onProgress?: Progress;
	/** Forward output lines to onProgress (a RegExp: only matching ones); else only the ticker reports. */
	echo?: boolean | RegExp;
	/** Lines matching are counted, not echoed (npm's per-package http lines). */
	countPattern?: RegExp;
	/** Lines matching are neither echoed nor counted (npm's deprecation warnings). */
	hidePattern?: RegExp;
	/** A "still running" line after this much silence; 0 turns it off. */
	tickMs?: number;
	timeoutMs?: number;
}

export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

const live = new Set<ChildProcess>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function killAll(): void {
	live.forEach((each) => killGroup(each, 'SIGKILL'));
}

function onSignal(signal: NodeJS.Signals): void {
	killAll();
	SIGNALS.forEach((each) => process.off(each, onSignal));
	// Re-raise: the default action (or other listeners, e.g. a test runner's) ends the process.
	process.kill(process.pid, signal);
}

/**
 * Children run in their own process group, so they would outlive us: kill every group still
 * running when this process exits or is interrupted. (npm even ignores SIGTERM for a while.)
 */
export function track(child: ChildProcess): void {
	if (live.size === 0) {
		process.once('exit', killAll);
		SIGNALS.forEach((each) => process.on(each, onSignal));
	}
	live.add(child);
	child.once('exit', () => {
		live.delete(child);
		if (live.size > 0) return;
		process.off('exit', killAll);
		SIGNALS.forEach((each) => process.off(each, onSignal));
	});
}

/**
 * Kills the child's whole process group (npm and n8n spawn children of their own), also after
 * the leader exited: its task runner may linger.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
	if (child.pid === undefined) return;
	try {
		if (process.platform === 'win32') child.kill(signal);
		else process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)}s`;
}

/** Calls onLine for every complete line of a stream. */
export function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
	let rest = '';
	stream.setEncoding('utf8');
	stream.on('data', (chunk: string) => {
		const lines = (rest + chunk).split(/\r?\n/);
		rest = lines.pop() ?? '';
		lines.forEach(onLine);
	});
	stream.on('end', () => rest && onLine(rest));
}

/** Runs a command to completion, reporting progress; never rejects on a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const { label, onProgress = stderrProgress, echo = false, countPattern, hidePattern } = options;
	const tickMs = options.tickMs ?? 10_000;
	const started = Date.now();
	let counted = 0;
	let lastReport = started;
	const out: string[] = [];
	const err: string[] = [];

	const report = (message: string): void => {
		lastReport = Date.now();
		onProgress(`[${label}] ${message}`);
	};

	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			// Own process group, so a timeout or failure can kill grandchildren too.
			detached: process.platform !== 'win32',
		});
		track(child);
		const onLine = (sink: string[]) => (line: string) => {
			sink.push(line);
			if (countPattern?.test(line)) counted++;
			else if (!line.trim() || hidePattern?.test(line)) return;
			else if (echo === true || (echo instanceof RegExp && echo.test(line))) report(line);
		};
		eachLine(child.stdout, onLine(out));
		eachLine(child.stderr, onLine(err));

		const ticker =
			tickMs > 0
				? setInterval(() => {
						if (Date.now() - lastReport < tickMs) return;
						const extra = countPattern ? `, ${counted} fetched` : '';
						report(`still running, ${seconds(Date.now() - started)} elapsed${extra}`);
					}, 1000)
				: undefined;
		const timer = options.timeoutMs
			? setTimeout(() => {
					report(`timed out after ${seconds(options.timeoutMs ?? 0)}, killing`);
					killGroup(child, 'SIGKILL');
				}, options.timeoutMs)
			: undefined;

		child.on('error', (error) => {
			clearInterval(ticker);
			clearTimeout(timer);
			reject(new Error(`${label}: cannot start ${command}: ${error.message}`));
		});
		child.on('close', (code) => {
			clearInterval(ticker);
			clearTimeout(timer);
			resolvePromise({
				code,
				stdout: out.join('\n'),
				stderr: err.join('\n'),
				ms: Date.now() - started,
			});
		});
	});
}

/** Like run, but throws with the output's tail when the command fails. */
export async function runOrThrow(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(
			`${options.label} failed (exit ${result.code}): ${command} ${args.join(' ')}\n${tail}`,
		);
	}
	return result;
}
