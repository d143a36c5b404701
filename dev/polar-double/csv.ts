// CSV as Polar's exports write it: Python's csv.writer with the "excel" dialect (server/polar/
// kit/csv.py IterableCSVWriter): comma-separated, CRLF line ends, fields quoted only when they
// hold a comma, a quote or a line break, quotes doubled; None as an empty field. The answer is
// text/csv with the file name in Content-Disposition (CSVStreamingResponse, kit/http.py
// get_content_disposition for an ASCII name).

import type { CannedResponse } from './responses';

export type CsvValue = string | number | boolean | null | undefined;

function field(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	// Python's str() of a bool.
	const text = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
	return `${values.map(field).join(',')}\r\n`;
}

/** A UTC timestamp as Python's datetime.isoformat() prints it: +00:00, microseconds if any. */
export function pythonIso(value: string): string {
	const iso = new Date(value).toISOString();
	const ms = iso.slice(20, 23);
	return `${iso.slice(0, 19)}${ms === '000' ? '' : `.${ms}000`}+00:00`;
}

/** A float as Python prints it: 19.0, not 19 (Polar writes amounts as cents / 100). */
export const pythonFloat = (value: number): string =>
	Number.isInteger(value) ? `${value}.0` : String(value);

export function csvResponse(
	fileName: string,
	rows: readonly (readonly CsvValue[])[],
): CannedResponse {
	return {
		status: 200,
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
		},
		body: rows.map(csvRow).join(''),
	};
}
