// The README's generated sections, between <!-- name:start --> and <!-- name:end -->.
// `UPDATE_README=1 npx jest test/spec` rewrites them from the code (like jest -u for snapshots);
// without it, the tests only compare.

import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const README = join(__dirname, '..', '..', 'README.md');
const marker = (name: string) =>
	new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)(\\n?<!-- ${name}:end -->)`);

export function readmeSection(name: string): string | undefined {
	return marker(name).exec(readFileSync(README, 'utf8'))?.[2];
}

/** Writes `text` into the section when UPDATE_README is set; returns what the README now holds. */
export function updateReadmeSection(name: string, text: string): string | undefined {
	if (process.env.UPDATE_README) {
		const readme = readFileSync(README, 'utf8');
		writeFileSync(
			README,
			readme.replace(marker(name), (_, start, _old, end) => start + text + end),
		);
	}
	return readmeSection(name);
}
