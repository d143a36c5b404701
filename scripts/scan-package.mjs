// Lints the package exactly as published, with n8n's own community-package scanner
// (`@n8n/scan-community-package`): npm pack, unpack, analyze. Inline eslint-disable
// comments are ignored there, as on n8n's side.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const work = mkdtempSync(join(tmpdir(), 'polar-scan-'));
try {
	const [{ filename, files }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8' }),
	);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const result = await analyzePackage(join(work, 'package'));
	console.log(`Scanned ${filename}: ${files.length} files`);
	if (!result.passed) {
		console.error(`${result.message}\n${result.details ?? ''}`);
		process.exitCode = 1;
	} else {
		console.log('n8n community package scan: passed');
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
