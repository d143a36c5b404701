// Runs the Polar API double as its own process, for a real n8n (end-to-end tests, demo) to call.
// Usage: node cli.js [--port N] [--host H] [--latency-ms N]
//   [--rate-limit LIMIT/WINDOW_MS[/sliding|/fixed]] (sliding by default; fixed is Polar's own)
//   [--faults RATE[/SEED]] [--webhook-urls polar|allow-loopback]
//   (polar, the default: Polar's webhook URL rules; allow-loopback also takes URLs on this machine) [--extra-customers N]
//   [--token-scopes SCOPE,SCOPE…] (the default token's scopes)
//   [--api-versions VERSION,VERSION…] (served; default 2026-04,2026-10,2027-01)
//   [--current-version VERSION] (served to a request without Polar-Version; default 2026-10)
// Control API (besides health, requests, violations, sessions, events, reset, fail-next):
//   GET  /__double/webhooks                        endpoints (with secret_generated_at), events,
//                                                  delivery attempts, endpoint-disabled emails
//   POST /__double/webhooks/endpoints/{id}/legacy  make the endpoint's secret predate Polar's
//        body {"secret"?, "secret_generated_at"?}  Standard Webhooks cutoff (original signing)
//   GET  /__double/versions                        {served, current, removed} API versions
//   POST /__double/versions                        {"remove": "2026-10"}: Polar's release that
//                                                  drops it (404 to it from then); {"restore": …}
// Prints exactly one line, `Polar API double listening on <url>`, for a parent process to read.

import { randomUUID } from 'crypto';

import { seedCustomers, type SeededCustomer } from './fixtures';
import { DEFAULT_TOKEN, startPolarDouble, type PolarDoubleOptions } from './server';
import { WEBHOOK_URL_POLICIES } from './webhook-urls';

/** The seeded customers and `count` more like the first, older than them, newest first. */
function withExtraCustomers(count: number): SeededCustomer[] {
	const seeded = seedCustomers();
	const [template] = seeded;
	const extra = Array.from({ length: count }, (_, n) => ({
		customer: {
			...template.customer,
			id: randomUUID(),
			created_at: new Date(Date.UTC(2025, 0, 1) - n * 60_000).toISOString(),
			external_id: `usr_extra_${n}`,
			email: `${n}@extra.example`,
			name: `Customer ${n}`,
		},
		members: [],
	}));
	return [...seeded, ...extra];
}

function parseArgs(argv: string[]): PolarDoubleOptions {
	const options: PolarDoubleOptions = {};
	const number = (flag: string, value: string | undefined): number => {
		const n = Number(value);
		if (value === undefined || !Number.isInteger(n) || n < 0) {
			throw new Error(`${flag} needs a non-negative integer`);
		}
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		i++;
		if (flag === '--port') options.port = number(flag, value);
		else if (flag === '--host') options.host = value;
		else if (flag === '--latency-ms') options.latencyMs = number(flag, value);
		else if (flag === '--rate-limit') {
			const [limit, windowMs, kind = 'sliding'] = (value ?? '').split('/');
			if (kind !== 'sliding' && kind !== 'fixed')
				throw new Error(`${flag} takes LIMIT/WINDOW_MS/sliding or LIMIT/WINDOW_MS/fixed`);
			options.rateLimit = { limit: number(flag, limit), windowMs: number(flag, windowMs), kind };
		} else if (flag === '--faults') {
			// RATE[/SEED], e.g. 0.05/7: that share of create requests fails, before or after acting.
			const [rate, seed] = (value ?? '').split('/');
			if (!(Number(rate) >= 0 && Number(rate) <= 1))
				throw new Error(`${flag} needs a rate from 0 to 1`);
			options.faults = { rate: Number(rate), seed: seed === undefined ? 1 : number(flag, seed) };
		} else if (flag === '--extra-customers') {
			options.customers = withExtraCustomers(number(flag, value));
		} else if (flag === '--token-scopes') {
			options.tokens = { [DEFAULT_TOKEN]: (value ?? '').split(',').filter(Boolean) };
		} else if (flag === '--api-versions') {
			const served = (value ?? '').split(',').filter(Boolean);
			options.apiVersions = { ...options.apiVersions, served };
		} else if (flag === '--current-version') {
			options.apiVersions = { ...options.apiVersions, current: value };
		} else if (flag === '--webhook-urls') {
			const policy = WEBHOOK_URL_POLICIES.find((known) => known === value);
			if (!policy) throw new Error(`${flag} takes ${WEBHOOK_URL_POLICIES.join(' or ')}`);
			options.webhookUrls = policy;
		} else throw new Error(`Unknown argument: ${flag}`);
	}
	return options;
}

async function main(): Promise<void> {
	const double = await startPolarDouble(parseArgs(process.argv.slice(2)));
	process.stdout.write(`Polar API double listening on ${double.url}\n`);
	const stop = (): void => {
		void double.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
