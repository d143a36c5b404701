// CLI: `node ensure.js [version]` installs (or checks) a cached n8n and prints where it is.
import { ensureN8n } from './install';

ensureN8n({ version: process.argv[2] })
	.then((n8n) => console.log(JSON.stringify(n8n, null, '\t')))
	.catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
