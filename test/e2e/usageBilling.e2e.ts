// The usage billing example (examples/usage-billing.json) in a real n8n (`n8n execute`), on the
// last 1.x and the newest 2.x: its Code node's 10,000 usage rows go to Polar in as few ingest
// requests as fit, each row counted once. Run again, the same rows are all duplicates and Polar
// still holds 10,000 events. The meter's quantities and the customer's balance the workflow then
// reads are what this file computes from the rows themselves.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCredential } from '../../dev/demo/example';
import {
	createN8nInstance,
	ensureN8n,
	repoRoot,
	type N8nExecution,
	type N8nInstance,
} from '../../dev/n8n';
import {
	DEFAULT_TOKEN,
	DEFAULT_TOKEN_SCOPES,
	FIXTURE_IDS,
	startPolarDouble,
	TOKEN_CREDIT_UNITS,
	type PolarDouble,
} from '../../dev/polar-double';
import { items, pairedWith } from './assertions';
import { TRIGGER_VERSIONS } from './versions';

const EXAMPLE_FILE = join(repoRoot(), 'examples', 'usage-billing.json');
const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as { id: string };
const ROWS = 10_000;
const INGEST = '/v1/events/ingest';

interface Row {
	userId: string;
	tokens: number;
	model: string;
	timestamp: string;
}

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-usage-'));
	let double: PolarDouble;
	let n8n: N8nInstance;
	let rows: Row[] = [];
	/** n8n's log lines that are not run data, shown when a run fails. */
	const transcript: string[] = [];

	const ingestRequests = () => double.requests.filter((request) => request.path === INGEST);

	/** `n8n execute` of the example, timed; the rows its Code node made. */
	async function run(label: string): Promise<N8nExecution> {
		const requestsBefore = ingestRequests().length;
		const started = Date.now();
		transcript.length = 0;
		const execution = await n8n.execute(EXAMPLE.id, { timeoutMs: 400_000 }).catch((error) => {
			throw new Error(`${transcript.join('\n')}\n${(error as Error).message.slice(0, 2000)}`);
		});
		console.log(
			`n8n ${version}, ${label}: ${Date.now() - started} ms, ` +
				`${ingestRequests().length - requestsBefore} ingest request(s)`,
		);
		expect(execution.data.resultData.error).toBeUndefined();
		expect(execution.status).toBe('success');
		rows = items(execution, 'Usage rows').map((item) => item.json as unknown as Row);
		expect(rows).toHaveLength(ROWS);
		return execution;
	}

	/** Sum of the rows' tokens, optionally of one customer: computed here, not by the double. */
	const tokensOf = (userId?: string) =>
		rows
			.filter((row) => userId === undefined || row.userId === userId)
			.reduce((sum, row) => sum + row.tokens, 0);

	beforeAll(async () => {
		const tarball = process.env.POLAR_E2E_TARBALL;
		if (!tarball)
			throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
		// The example credential's token, allowed to ingest events and read meters.
		double = await startPolarDouble({
			tokens: {
				[DEFAULT_TOKEN]: [
					...DEFAULT_TOKEN_SCOPES,
					'events:write',
					'meters:read',
					'customer_meters:read',
				],
			},
		});
		n8n = await createN8nInstance({
			userFolder: join(dir, 'user'),
			installation: await ensureN8n({ version }),
			echo: true,
			onProgress: (line) => {
				if (!/^\[n8n execute\]\s*["{}[\]]/.test(line) && !/^\[n8n execute\]\s+"/.test(line))
					transcript.push(line.slice(0, 300));
			},
		});
		await n8n.installPackage(tarball);
		const credentialFile = join(dir, 'credential.json');
		writeFileSync(
			credentialFile,
			JSON.stringify([exampleCredential({ kind: 'double' }, double.url)]),
			{ mode: 0o600 },
		);
		await n8n.importCredentials(credentialFile);
		rmSync(credentialFile);
		await n8n.importWorkflow(EXAMPLE_FILE); // the file as a user downloads it
	}, 300_000);

	afterAll(async () => {
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('the first run ingests the 10,000 rows, each once, in a few requests', async () => {
		const execution = await run('first run');
		const ingested = items(execution, 'Ingest usage');
		expect(ingested).toHaveLength(ROWS);
		expect(pairedWith(ingested)).toEqual(rows.map((_, index) => index));
		expect(ingested.filter((item) => item.json.status === 'ingested')).toHaveLength(ROWS);
		expect(items(execution, 'Ingest usage', 1)).toEqual([]);

		const requests = ingestRequests();
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.length).toBeLessThanOrEqual(5);
		expect(requests.every((request) => request.status === 200)).toBe(true);
		// Polar holds each row once, as sent: its customer, time and tokens as a number.
		expect(double.events.events).toHaveLength(ROWS);
		const held = double.events.events
			.map((event) => [event.external_customer_id, event.timestamp, event.metadata.tokens])
			.sort((a, b) => String(a[1]).localeCompare(String(b[1])));
		expect(held).toEqual(
			rows
				.map((row) => [row.userId, row.timestamp, row.tokens])
				.sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
		);
	}, 600_000);

	test('the second run ingests nothing: every row a duplicate, Polar still holds 10,000', async () => {
		const requestsBefore = ingestRequests().length;
		const execution = await run('second run');
		const outcomes = items(execution, 'Ingest usage');
		expect(outcomes).toHaveLength(ROWS);
		expect(outcomes.filter((item) => item.json.status === 'duplicate')).toHaveLength(ROWS);
		// The counts Polar answered for each item's request: nothing inserted, all duplicates.
		const counts = outcomes.map((item) => item.json.request as Record<string, number>);
		expect(counts.every((count) => count.inserted === 0)).toBe(true);
		expect(counts.every((count) => count.duplicates === count.events)).toBe(true);
		expect(ingestRequests().length).toBeGreaterThan(requestsBefore);
		expect(double.events.events).toHaveLength(ROWS);

		// The meter's total over yesterday is the rows' tokens; Ada's balance is her credit less
		// her seeded usage and her rows' tokens.
		const [quantities] = items(execution, 'Tokens used yesterday');
		expect(quantities.json.total).toBe(tokensOf());
		const adaSeeded = double.usageEvents
			.filter(
				(event) =>
					event.name === 'llm.completion' &&
					event.customer_id === FIXTURE_IDS.ada &&
					event.metadata.model !== 'free' &&
					typeof event.metadata.tokens === 'number',
			)
			.reduce((sum, event) => sum + (event.metadata.tokens as number), 0);
		const balances = items(execution, "Ada's token balance");
		expect(balances).toHaveLength(1);
		expect(balances[0].json).toMatchObject({
			customer_id: FIXTURE_IDS.ada,
			consumed_units: adaSeeded + tokensOf('usr_ada'),
			balance: TOKEN_CREDIT_UNITS - adaSeeded - tokensOf('usr_ada'),
		});
		expect(double.violations).toEqual([]);
	}, 600_000);
});
