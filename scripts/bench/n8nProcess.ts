// What the bench reads of a running `n8n start` from /proc (Linux only): its peak RSS while a
// call runs, sampled, and the CPU time it spent. Other jobs may run n8n on the same machine, so
// the process is told apart by its working directory (the instance's user folder).

import { readdirSync, readFileSync, readlinkSync } from 'fs';

/** The kernel's clock ticks per second (USER_HZ), 100 on every Linux this runs on. */
const TICKS_PER_S = 100;

interface Proc {
	pid: number;
	ppid: number;
}

function processes(): Proc[] {
	const all: Proc[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			all.push({
				pid: Number(entry),
				ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
			});
		} catch {
			// the process ended meanwhile
		}
	}
	return all;
}

/** `n8n start` run from userFolder, and its task runner (its child). */
export function n8nProcesses(userFolder: string): { main?: number; runners: number[] } {
	const all = processes();
	const main = all.find((p) => {
		try {
			const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0');
			return cmdline.includes('start') && readlinkSync(`/proc/${p.pid}/cwd`) === userFolder;
		} catch {
			return false;
		}
	})?.pid;
	return { main, runners: all.filter((p) => main && p.ppid === main).map((p) => p.pid) };
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
			readFileSync(`/proc/${pid}/status`, 'utf8'),
		);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** User + system CPU time of the process so far, ms. */
function cpuMs(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
	} catch {
		return 0;
	}
}

export interface ProcessFigures {
	/** RSS of n8n's main process when the call began, MB. */
	rssBeforeMb: number;
	/** Highest RSS of the main process sampled during the call, MB. */
	peakRssMb: number;
	/** Highest RSS of the task runner (the Code node's process) sampled during the call, MB. */
	peakRunnerRssMb: number;
	/** CPU time of the main process during the call, ms. */
	cpuMs: number;
}

/** Samples RSS (VmRSS) every sampleMs until the returned function is called. */
export function sampleN8n(userFolder: string, sampleMs: number): () => ProcessFigures {
	const { main } = n8nProcesses(userFolder);
	if (main === undefined) throw new Error(`no n8n start process runs in ${userFolder}`);
	const rssBeforeKb = statusKb(main, 'VmRSS');
	const cpuBefore = cpuMs(main);
	let peakKb = rssBeforeKb;
	let runnerKb = 0;
	const sample = () => {
		peakKb = Math.max(peakKb, statusKb(main, 'VmRSS'));
		for (const runner of n8nProcesses(userFolder).runners)
			runnerKb = Math.max(runnerKb, statusKb(runner, 'VmRSS'));
	};
	const timer = setInterval(sample, sampleMs);
	return () => {
		clearInterval(timer);
		sample();
		return {
			rssBeforeMb: rssBeforeKb / 1024,
			peakRssMb: peakKb / 1024,
			peakRunnerRssMb: runnerKb / 1024,
			cpuMs: cpuMs(main) - cpuBefore,
		};
	};
}
