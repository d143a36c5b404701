// An oracle for "the token appears nowhere", independent of the node's redaction: it undoes the
// encodings a server may echo a token in and looks for any piece of it long enough to matter.

/** Every run of `size` characters of the token: a piece of that length gives most of it away. */
const windows = (token: string, size: number) =>
	Array.from({ length: token.length - size + 1 }, (_, i) => token.slice(i, i + size).toLowerCase());

const tryDecodeUri = (text: string) => {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
			String.fromCharCode(parseInt(hex, 16)),
		);
	}
};

const unescapeJson = (text: string) =>
	text
		.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/\\(.)/g, '$1');

/** The decodings of every base64 (or base64url) and hex run in the text, at every offset. */
function binaryDecodings(text: string): string[] {
	const out: string[] = [];
	for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
		const standard = run.replace(/-/g, '+').replace(/_/g, '/');
		for (let offset = 0; offset < 4; offset++) {
			out.push(Buffer.from(standard.slice(offset), 'base64').toString('latin1'));
		}
	}
	for (const run of text.match(/[0-9a-f]{16,}/gi) ?? []) {
		for (let offset = 0; offset < 2; offset++)
			out.push(Buffer.from(run.slice(offset), 'hex').toString('latin1'));
	}
	return out;
}

/** Whether `text` gives away `size` or more consecutive characters of `token`, in any of these forms. */
export function leaksToken(text: string, token: string, size = 12): boolean {
	const layers = [text];
	// Up to three layers of encoding, e.g. a JSON string holding a URL-encoded token.
	for (let depth = 0; depth < 3; depth++) {
		for (const layer of [...layers]) {
			for (const decoded of [tryDecodeUri(layer), unescapeJson(layer), ...binaryDecodings(layer)]) {
				if (!layers.includes(decoded)) layers.push(decoded);
			}
		}
		if (layers.length > 2000) break;
	}
	const pieces = windows(token, Math.min(size, token.length));
	return layers.some((layer) => {
		const lower = layer.toLowerCase();
		return pieces.some((piece) => lower.includes(piece));
	});
}
