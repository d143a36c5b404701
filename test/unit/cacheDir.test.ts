// Where the n8n installs of the demo and the e2e suite live (scripts/n8n/paths.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, repoRoot } from '../../dev/n8n/paths';

const saved = { ...process.env };
let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'cache-dir-'));
	delete process.env.N8N_E2E_CACHE_DIR;
	delete process.env.XDG_CACHE_HOME;
});
afterEach(() => {
	process.env = { ...saved };
	rmSync(dir, { recursive: true, force: true });
});

test('a per-user folder under XDG_CACHE_HOME, created when missing', () => {
	process.env.XDG_CACHE_HOME = join(dir, 'xdg');
	expect(cacheDir()).toBe(join(dir, 'xdg', 'n8n-nodes-polarsh'));
});

test('~/.cache when XDG_CACHE_HOME is unset or relative', () => {
	const expected = join(homedir(), '.cache', 'n8n-nodes-polarsh');
	expect(cacheDir()).toBe(expected);
	process.env.XDG_CACHE_HOME = 'relative/cache';
	expect(cacheDir()).toBe(expected);
});

test('the repo’s .cache/n8n when the per-user folder cannot be created', () => {
	writeFileSync(join(dir, 'a-file'), '');
	process.env.XDG_CACHE_HOME = join(dir, 'a-file'); // a folder cannot be made inside a file
	expect(cacheDir()).toBe(join(repoRoot(), '.cache', 'n8n'));
});

test('N8N_E2E_CACHE_DIR overrides both', () => {
	process.env.N8N_E2E_CACHE_DIR = join(dir, 'chosen');
	process.env.XDG_CACHE_HOME = join(dir, 'xdg');
	expect(cacheDir()).toBe(join(dir, 'chosen'));
});
