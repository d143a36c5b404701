import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from './run';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Serialises installs across processes (parallel test workers, a demo started meanwhile).
 * mkdir is atomic; a lock whose owner died is taken over.
 */
export async function withLock<T>(
	dir: string,
	onProgress: Progress,
	work: () => Promise<T>,
): Promise<T> {
	let told = false;
	for (;;) {
		try {
			mkdirSync(dir);
			writeFileSync(join(dir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner = NaN;
			let age = 0;
			try {
				age = Date.now() - statSync(dir).mtimeMs;
				owner = Number(readFileSync(join(dir, 'pid'), 'utf8').trim() || NaN);
			} catch {
				// The owner may not have written its pid yet: wait and look again.
			}
			// Stale: its owner died, or died between mkdir and writing its pid.
			if ((Number.isInteger(owner) && !alive(owner)) || (Number.isNaN(owner) && age > 30_000)) {
				rmSync(dir, { recursive: true, force: true });
				continue;
			}
			if (!told) onProgress(`[n8n] waiting for another install (pid ${owner}) to finish`);
			told = true;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
