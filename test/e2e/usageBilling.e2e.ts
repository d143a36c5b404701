// The usage billing example (examples/usage-billing.json) in a real n8n (`n8n execute`, as a
// daily job would run it), on the last 1.x and the newest 2.x: its Code node's 10,000 usage rows
// go to Polar in requests of at most 500 events, each row counted once. Run again, the same rows
// are all duplicates and Polar still holds 10,000 events. The meter's quantities and the
// customer's balance the workflow then reads are what this file computes from the rows.
// The runs' items are read from n8n's database over its REST API: 10,000 items' run data is
// more than `n8n execute` prints whole before it exits.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
	type RecordedRequest,
} from '../../dev/polar-double';
import { items, pairedWith } from './assertions';
import { TRIGGER_VERSIONS } from './versions';

const EXAMPLE_FILE = join(repoRoot(), 'examples', 'usage-billing.json');
const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as { id: string };
const ROWS = 10_000;
/** The node's most events a request (nodes/Polar/actions/event/ingestBatches.ts). */
const EVENTS_PER_REQUEST = 500;
const INGEST = '/v1/events/ingest';
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-usage-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

interface Row {
	userId: string;
	tokens: number;
	model: string;
	timestamp: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventsIn = (request: RecordedRequest) =>
	(request.body as { events: Array<Record<string, unknown>> }).events;

describe.each(TRIGGER_VERSIONS)('n8n %s', (version) => {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-usage-'));
	let double: PolarDouble;
	let n8n: N8nInstance;
	/** n8n's log lines that are not run data, shown when a run fails. */
	const transcript: string[] = [];

	const ingestRequests = () => double.requests.filter((request) => request.path === INGEST);

	/** `n8n execute` of the example, timed; the ingest requests it made. */
	async function run(label: string): Promise<RecordedRequest[]> {
		const before = ingestRequests().length;
		const started = Date.now();
		transcript.length = 0;
		const result = await n8n.cli(['execute', `--id=${EXAMPLE.id}`, '--rawOutput'], {
			timeoutMs: 900_000,
		});
		const requests = ingestRequests().slice(before);
		console.log(
			`n8n ${version}, ${label}: ${Date.now() - started} ms, ${requests.length} ingest requests`,
		);
		if (result.code !== 0) {
			// The run's error, from the run data n8n printed (as much of it as it printed).
			const said = `${result.stdout}\n${result.stderr}`
				.split('\n')
				.filter((line) => /"(message|description|lastNodeExecuted)":/.test(line))
				.slice(-10);
			throw new Error(
				`n8n execute exited ${result.code}:\n${[...transcript.slice(-20), ...said].join('\n')}`,
			);
		}
		return requests;
	}

	/** The example's runs as n8n stored them, oldest first (n8n keeps run data flatted-encoded). */
	async function storedRuns(): Promise<N8nExecution[]> {
		await n8n.start();
		const { cookie } = await n8n.setupOwner(OWNER);
		const { parse } = createRequire(n8n.installation.n8nBin)('flatted') as {
			parse: (text: string) => N8nExecution['data'];
		};
		const filter = encodeURIComponent(JSON.stringify({ workflowId: EXAMPLE.id }));
		const listed = await n8n.rest('GET', `/rest/executions?filter=${filter}`, undefined, cookie);
		const summaries = (listed.body as { data: { results: Array<{ id: string }> } }).data.results;
		const runs: N8nExecution[] = [];
		for (const { id } of [...summaries].sort((a, b) => Number(a.id) - Number(b.id))) {
			// n8n 1.x lists an execution a moment before its data can be read.
			for (let tries = 0; tries < 40; tries++) {
				const res = await n8n.rest('GET', `/rest/executions/${id}`, undefined, cookie);
				const stored = (res.body as { data?: { data?: string; status: string; mode: string } })
					.data;
				if (stored?.data) {
					runs.push({ status: stored.status, mode: stored.mode, data: parse(stored.data) });
					break;
				}
				await sleep(250);
			}
		}
		return runs;
	}

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
				// Not the run data n8n prints (indented JSON).
				if (!/^\[n8n execute\]\s*["{}[\]\d]/.test(line)) transcript.push(line.slice(0, 300));
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
		await n8n?.stop();
		await double?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('the first run ingests the 10,000 rows in requests of at most 500 events, each once', async () => {
		const requests = await run('first run');
		expect(requests.map((request) => request.status)).toEqual(
			Array(ROWS / EVENTS_PER_REQUEST).fill(200),
		);
		expect(requests.every((request) => eventsIn(request).length === EVENTS_PER_REQUEST)).toBe(true);
		expect(double.events.events).toHaveLength(ROWS);
	}, 1_000_000);

	test('the second run sends the same 10,000 events, and Polar still holds 10,000', async () => {
		const first = ingestRequests().flatMap(eventsIn);
		const requests = await run('second run');
		expect(requests.map((request) => request.status)).toEqual(
			Array(ROWS / EVENTS_PER_REQUEST).fill(200),
		);
		expect(requests.flatMap(eventsIn)).toEqual(first);
		expect(double.events.events).toHaveLength(ROWS);
	}, 1_000_000);

	test('n8n’s runs: every row one item, ingested then duplicate; the meter and balance add up the rows', async () => {
		const runs = await storedRuns();
		expect(runs.map((each) => each.status)).toEqual(['success', 'success']);
		const [first, second] = runs;
		const rows = items(first, 'Usage rows').map((item) => item.json as unknown as Row);
		expect(rows).toHaveLength(ROWS);
		expect(items(second, 'Usage rows').map((item) => item.json)).toEqual(rows);

		// Polar holds each row once, as sent: its customer, time and tokens as a number.
		const byTime = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
		expect(
			double.events.events
				.map((event) => [event.external_customer_id, event.timestamp, event.metadata.tokens])
				.sort(byTime),
		).toEqual(rows.map((row) => [row.userId, row.timestamp, row.tokens]).sort(byTime));

		// Each row one output item, paired with it; Polar's counts for its request.
		for (const [execution, status, inserted] of [
			[first, 'ingested', EVENTS_PER_REQUEST],
			[second, 'duplicate', 0],
		] as const) {
			const outcomes = items(execution, 'Ingest usage');
			expect(pairedWith(outcomes)).toEqual(rows.map((_, index) => index));
			expect(outcomes.every((item) => item.json.status === status)).toBe(true);
			expect(
				outcomes.every(
					(item) =>
						(item.json.request as Record<string, number>).inserted === inserted &&
						(item.json.request as Record<string, number>).events === EVENTS_PER_REQUEST,
				),
			).toBe(true);
			expect(items(execution, 'Ingest usage', 1)).toEqual([]);
		}

		// Computed here from the rows, not by the double: yesterday's tokens, and Ada's balance,
		// her credit less her seeded usage and her rows' tokens.
		const tokensOf = (userId?: string) =>
			rows
				.filter((row) => userId === undefined || row.userId === userId)
				.reduce((sum, row) => sum + row.tokens, 0);
		const adaSeeded = double.usageEvents
			.filter(
				(event) =>
					event.name === 'llm.completion' &&
					event.customer_id === FIXTURE_IDS.ada &&
					event.metadata.model !== 'free' &&
					typeof event.metadata.tokens === 'number',
			)
			.reduce((sum, event) => sum + (event.metadata.tokens as number), 0);
		const adaBalance = TOKEN_CREDIT_UNITS - adaSeeded - tokensOf('usr_ada');
		for (const execution of runs) {
			expect(items(execution, 'Tokens used yesterday')[0].json.total).toBe(tokensOf());
			expect(items(execution, "Ada's token balance").map((item) => item.json)).toEqual([
				expect.objectContaining({
					customer_id: FIXTURE_IDS.ada,
					consumed_units: adaSeeded + tokensOf('usr_ada'),
					balance: adaBalance,
				}),
			]);
		}
		// What the workflow ends in, as a user reads it.
		expect(items(first, 'Summary').map((item) => item.json)).toEqual([
			{
				rows: ROWS,
				ingested: ROWS,
				duplicates: 0,
				tokensYesterday: tokensOf(),
				adaBalance,
			},
		]);
		expect(items(second, 'Summary').map((item) => item.json)).toEqual([
			{ rows: ROWS, ingested: 0, duplicates: ROWS, tokensYesterday: tokensOf(), adaBalance },
		]);
		expect(double.violations).toEqual([]);
	}, 300_000);
});
