/** The parts of n8n's execution JSON (IRun) that tests look at. */
export interface N8nItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	binary?: Record<string, unknown>;
	error?: unknown;
}

export interface N8nNodeRun {
	executionStatus?: string;
	executionTime?: number;
	error?: { message: string; name?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<N8nItem[] | null> };
}

export interface N8nExecution {
	status: string;
	finished?: boolean;
	mode: string;
	data: {
		resultData: {
			runData: Record<string, N8nNodeRun[]>;
			error?: { message: string; name?: string; node?: { name: string }; [key: string]: unknown };
			lastNodeExecuted?: string;
		};
	};
}

function isExecution(value: unknown): value is N8nExecution {
	const data = (value as { data?: { resultData?: unknown } } | null)?.data;
	return typeof data?.resultData === 'object' && data.resultData !== null;
}

/**
 * Finds the execution JSON in `n8n execute` output. n8n prints log lines first (migrations, task
 * broker, license SDK) and, on a failed run, the JSON inside log lines; the JSON itself is
 * `JSON.stringify(run, null, 2)`, so it starts at a line that is exactly `{` and ends at one
 * that is exactly `}`. Tries the latest start first, the longest candidate first.
 */
export function parseExecutionOutput(output: string): N8nExecution | undefined {
	const lines = output.split(/\r?\n/);
	const starts: number[] = [];
	const ends: number[] = [];
	lines.forEach((line, index) => {
		if (line === '{') starts.push(index);
		if (line === '}') ends.push(index);
	});
	for (const start of starts.reverse()) {
		for (const end of [...ends].reverse()) {
			if (end <= start) break;
			try {
				const value: unknown = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (isExecution(value)) return value;
			} catch {
				// not this span; try a shorter one
			}
		}
	}
	return undefined;
}

/**
 * n8n 2.0.x's `execute` prints the run once it is over but before n8n records its final status,
 * so it says "running": settle it as later versions do, an error in the run data making it
 * "error". (Its exit code agrees: 1 for those.)
 */
export function settledExecution(execution: N8nExecution): N8nExecution {
	if (execution.status !== 'running') return execution;
	return { ...execution, status: execution.data.resultData.error ? 'error' : 'success' };
}

/** The `json` of every item a node put on one output (0 = main/success, 1 = error output). */
export function outputItems(
	execution: N8nExecution,
	nodeName: string,
	output = 0,
	runIndex = 0,
): Array<Record<string, unknown>> {
	const run = execution.data.resultData.runData[nodeName]?.[runIndex];
	if (!run)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(execution.data.resultData.runData).join(', ')})`,
		);
	return (run.data?.main?.[output] ?? []).map((item) => item.json);
}
