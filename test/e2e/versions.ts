// The n8n versions the items suite (items.e2e.ts) runs on; the rest of the suite runs on
// N8N_VERSION only. The README's Compatibility section lists these.

import { N8N_VERSION } from '../../dev/n8n';

/** The last 1.x line, the oldest 2.x that installs here, and the newest that does. */
const ALL = ['1.123.81', '2.0.0', N8N_VERSION];

/** N8N_E2E_VERSIONS (comma-separated, e.g. `2.40.7`) narrows the list for a quicker local run. */
export const N8N_VERSIONS: string[] =
	process.env.N8N_E2E_VERSIONS?.split(',')
		.map((each) => each.trim())
		.filter(Boolean) ?? ALL;

/**
 * The webhook suites (trigger.e2e.ts, licenseKeyCheck.e2e.ts, revenueLoop.e2e.ts) run on the last
 * 1.x line and the newest 2.x.
 */
export const TRIGGER_VERSIONS: string[] = N8N_VERSIONS.filter(
	(version) => version.startsWith('1.') || version === N8N_VERSION,
);
