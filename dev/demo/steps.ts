import { homedir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import type { Progress } from '../n8n/run';

// Progress for the demo and the editor, on stderr (stdout is for results): one line per step,
// `▸ title … outcome (seconds)`. A step's own progress (a first n8n install takes minutes)
// shows on indented lines in between, so a long step is never silent.

let open = false; // a title is printed and its line not yet ended

function write(text: string): void {
	process.stderr.write(text);
}

/** Indented progress lines for the step that is running. */
export const stepProgress: Progress = (message) => {
	if (open) write('\n');
	open = false;
	write(`    ${message}\n`);
};

/** Runs one step; `outcome` turns its result into the few words printed after the title. */
export async function step<T>(
	title: string,
	work: () => Promise<T>,
	outcome: (result: T) => string = () => 'done',
): Promise<T> {
	if (open) write('\n');
	write(`▸ ${title} …`);
	open = true;
	const started = Date.now();
	let result: T;
	try {
		result = await work();
	} catch (error) {
		write(open ? ' failed\n' : '  failed\n');
		open = false;
		throw error;
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	write(`${open ? ' ' : '  '}${outcome(result)} (${seconds}s)\n`);
	open = false;
	return result;
}

const within = (dir: string, path: string) => {
	const inside = relative(dir, path);
	return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : undefined;
};

/**
 * A path relative to the working directory when it lies inside it (e.g. `.cache/n8n`), else
 * under `~` when it lies in the home folder (e.g. `~/.cache/n8n-nodes-polarsh`).
 */
export function shortPath(path: string): string {
	const inHome = within(homedir(), path);
	return within(process.cwd(), path) ?? (inHome ? join('~', inHome) : path);
}
