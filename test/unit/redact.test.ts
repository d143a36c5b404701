import fc from 'fast-check';

import { redact, redactValue, REDACTED } from '../../nodes/Polar/transport/redact';
import { leaksToken } from '../support/leaks';

const TOKEN = 'polar_oat_Zx81QmVr2tLpK0aBcDeFgHiJ';

/** The ways a server was seen, or could be, to echo a token back. */
const echoes: Record<string, (token: string) => string> = {
	raw: (t) => `Authorization: Bearer ${t}`,
	'upper case': (t) => `AUTHORIZATION: BEARER ${t.toUpperCase()}`,
	'lower case': (t) => `authorization: bearer ${t.toLowerCase()}`,
	'URL-encoded': (t) => `GET /callback?token=${encodeURIComponent(t)}`,
	'every byte percent-encoded': (t) =>
		`token=${Array.from(Buffer.from(t), (b) => `%${b.toString(16).toUpperCase()}`).join('')}`,
	'base64, as in a Basic header': (t) => `Basic ${Buffer.from(`user:${t}`).toString('base64')}`,
	'base64, alone': (t) => Buffer.from(t).toString('base64'),
	base64url: (t) => `jwt.${Buffer.from(`{"k":"${t}"}`).toString('base64url')}.sig`,
	'JSON-escaped': (t) => JSON.stringify({ headers: { authorization: `Bearer ${t}` } }),
	'JSON in JSON': (t) => JSON.stringify({ body: JSON.stringify({ token: t }) }),
	'\\u escapes': (t) =>
		`"${Array.from(t, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
	hex: (t) => `token hex ${Buffer.from(t).toString('hex')}`,
};

describe('redact', () => {
	it.each(Object.entries(echoes))('leaves nothing of a token echoed %s', (_, echo) => {
		const text = `upstream said: ${echo(TOKEN)} (request id 42)`;
		expect(leaksToken(text, TOKEN)).toBe(true); // the oracle sees the echo...
		const redacted = redact(text, [TOKEN]);
		expect(leaksToken(redacted, TOKEN)).toBe(false); // ...and nothing of it once redacted
		expect(redacted).toContain(REDACTED);
		expect(redacted).toContain('(request id 42)');
	});

	it('leaves nothing of any token, however it is echoed and wherever in the text', () => {
		fc.assert(
			fc.property(
				fc.string({
					unit: fc.constantFrom(
						...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~+/=!$&*',
					),
					minLength: 16,
					maxLength: 60,
				}),
				fc.constantFrom(...Object.values(echoes)),
				fc.string({ maxLength: 40 }),
				fc.string({ maxLength: 40 }),
				(token, echo, before, after) => {
					const redacted = redact(`${before}${echo(token)}${after}`, [token]);
					expect(leaksToken(redacted, token, 14)).toBe(false);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('keeps texts without the token as they are, and ignores secrets too short to redact safely', () => {
		expect(redact('Customer does not exist.', [TOKEN])).toBe('Customer does not exist.');
		expect(redact('a short one: abc', ['abc'])).toBe('a short one: abc');
		expect(redact('nothing', [undefined, ''])).toBe('nothing');
	});

	it('redacts every string of a value, keys included, and keeps its shape', () => {
		expect(
			redactValue({ detail: [{ msg: `Bad ${TOKEN}`, n: 1 }], [TOKEN]: true, ok: null }, [TOKEN]),
		).toEqual({ detail: [{ msg: `Bad ${REDACTED}`, n: 1 }], [REDACTED]: true, ok: null });
	});
});
