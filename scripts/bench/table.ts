/** One line of the bench's table: a figure, what it is measured against, and the verdict. */
export interface Row {
	workload: string;
	figure: string;
	measured: string;
	reference: string;
	/** measured ÷ reference, when that means something. */
	ratio?: number;
	/** The target, e.g. "≥ 0.90"; empty for figures that are only reported. */
	target: string;
	pass?: boolean;
}

/** A figure as the table shows it: `digits` decimals. */
export const fixed = (value: number, digits = 1) => value.toFixed(digits);

/**
 * Rows that show one figure for ours and, in brackets, for what it is compared with in the same
 * run: `ours (HTTP Request: theirs)`.
 */
export function comparedRows<T>(rows: Row[], workload: string, ours: T, label: string, theirs: T) {
	return (
		figure: string,
		pick: (result: T) => string,
		reference: string,
		target = '',
		pass?: boolean,
	) =>
		rows.push({
			workload,
			figure,
			measured: `${pick(ours)} (${label}: ${pick(theirs)})`,
			reference,
			target,
			pass,
		});
}

const verdict = (row: Row): string => (row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL');

/** A Markdown table: readable in a terminal and ready to paste into the README. */
export function markdownTable(rows: Row[]): string {
	const header = ['Workload', 'Figure', 'Measured', 'Ideal / reference', 'Ratio', 'Target', ''];
	const lines = rows.map((row) => [
		row.workload,
		row.figure,
		row.measured,
		row.reference,
		row.ratio === undefined ? '' : row.ratio.toFixed(2),
		row.target,
		verdict(row),
	]);
	const widths = header.map((title, i) =>
		Math.max(title.length, ...lines.map((line) => line[i].length)),
	);
	const format = (cells: string[]) =>
		`| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	return [
		format(header),
		format(widths.map((width) => '-'.repeat(width))),
		...lines.map(format),
	].join('\n');
}

/**
 * The rows every limit workload ends with: no item failed, and each item has exactly one
 * session (none duplicated, none missing).
 */
export function itemRows(
	workload: string,
	{
		failed,
		stopped,
		duplicated,
		missing,
	}: { failed: number; stopped: boolean; duplicated: number; missing: number },
): Row[] {
	return [
		{
			workload,
			figure: 'items failed',
			measured: String(failed),
			reference: '0',
			target: '= 0',
			pass: failed === 0 && !stopped,
		},
		{
			workload,
			figure: 'items with more than one session',
			measured: String(duplicated),
			reference: '0',
			target: '= 0',
			pass: duplicated === 0 && missing === 0,
		},
	];
}
