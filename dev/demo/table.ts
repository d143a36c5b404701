// The demo's result: one row per output item of the Polar node (Simplify on); a failed item
// (On Error: Continue) shows its message.

type Item = Record<string, unknown>;

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value);

function customer(item: Item): string {
	const name = text(item.customer_name) || text(item.customer_email) || text(item.customer_id);
	const externalId = text(item.customer_external_id);
	return externalId ? `${name} (${externalId})` : name;
}

/** Local clock time and how far away it is, e.g. `14:05 (in 60 min)`. */
function expiry(value: unknown, now: number): string {
	const at = new Date(text(value));
	if (Number.isNaN(at.getTime())) return text(value);
	const minutes = Math.round((at.getTime() - now) / 60_000);
	const clock = at.toTimeString().slice(0, 5);
	return minutes >= 0 ? `${clock} (in ${minutes} min)` : `${clock} (${-minutes} min ago)`;
}

/** Columns padded to their widest cell; the URL comes last, so a narrow terminal wraps only it. */
export function sessionsTable(items: Item[], now = Date.now()): string {
	const rows = items.map((item, index) => [
		String(index + 1),
		customer(item),
		item.error ? 'failed' : expiry(item.expires_at, now),
		item.error ? text(item.message) : text(item.customer_portal_url),
	]);
	const header = ['#', 'Customer', 'Expires', 'Customer portal URL'];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
			.join('  ');
	return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join(
		'\n',
	);
}
