// The double's discounts against Polar's rules (server/polar/discount/schemas.py, service.py),
// over real HTTP.

import {
	DEFAULT_TOKEN,
	DISCOUNT_IDS,
	startPolarDouble,
	type PolarDouble,
} from '../../dev/polar-double';

const HEADERS = {
	authorization: `Bearer ${DEFAULT_TOKEN}`,
	'content-type': 'application/json',
	'polar-version': '2026-04',
};

let polar: PolarDouble;
beforeEach(async () => {
	polar = await startPolarDouble({ tokens: { [DEFAULT_TOKEN]: ['discounts:write'] } });
});
afterEach(async () => await polar.close());

async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${polar.url}${path}`, {
		method,
		headers: HEADERS,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

const percentage = (extra: Record<string, unknown> = {}) =>
	call('POST', '/v1/discounts/', {
		name: 'Ten',
		type: 'percentage',
		duration: 'once',
		basis_points: 1000,
		...extra,
	});
const messages = (answer: { body: Record<string, any> }) =>
	(answer.body.detail as Array<{ loc: unknown[]; msg: string }>).map((d) => [
		d.loc.join('.'),
		d.msg,
	]);

describe('the double’s discounts', () => {
	it('holds basis points to 1..10000, as the spec does', async () => {
		for (const basis_points of [0, 10001]) {
			expect((await percentage({ basis_points })).status).toBe(422);
		}
		const spots = polar.violations.map((v) => v.loc.join('.'));
		expect(spots.filter((spot) => spot === 'body.basis_points')).toHaveLength(2);
		expect((await percentage({ basis_points: 10000 })).status).toBe(201);
	});

	it('a repeating discount needs months, and only it takes them', async () => {
		expect(messages(await percentage({ duration: 'repeating' }))).toEqual([
			[
				'body.percentage',
				'Value error, `duration_in_months` is required when `duration` is `repeating`.',
			],
		]);
		expect(messages(await percentage({ duration: 'forever', duration_in_months: 2 }))).toEqual([
			[
				'body.percentage',
				'Value error, `duration_in_months` must be omitted when `duration` is not `repeating`.',
			],
		]);
		const made = await percentage({ duration: 'repeating', duration_in_months: 2 });
		expect([made.status, made.body.duration_in_months]).toEqual([201, 2]);
	});

	it('codes: letters and digits, 3 to 256, unique in any case until the discount is deleted', async () => {
		expect(messages(await percentage({ code: 'A-B-C' }))).toEqual([
			['body.percentage.code', 'Value error, Code must contain only alphanumeric characters.'],
		]);
		expect(messages(await percentage({ code: 'AB' }))).toEqual([
			['body.percentage.code', 'Value error, Code must be between 3 and 256 characters long.'],
		]);
		expect(messages(await percentage({ code: 'welcome10' }))).toEqual([
			['body.code', 'Discount with this code already exists.'],
		]);
		expect((await call('DELETE', `/v1/discounts/${DISCOUNT_IDS.welcome}`)).status).toBe(204);
		expect((await call('GET', `/v1/discounts/${DISCOUNT_IDS.welcome}`)).status).toBe(404);
		expect((await percentage({ code: 'welcome10' })).status).toBe(201);
	});

	it('a fixed discount takes amounts, or the deprecated amount and currency', async () => {
		const none = await call('POST', '/v1/discounts/', {
			name: 'F',
			type: 'fixed',
			duration: 'once',
		});
		expect(messages(none)).toEqual([
			['body.fixed', 'Value error, Must specify either `amount` or `amounts`.'],
		]);
		const old = await call('POST', '/v1/discounts/', {
			name: 'F',
			type: 'fixed',
			duration: 'once',
			amount: 500,
			currency: 'eur',
		});
		expect(old.body).toMatchObject({ amounts: { eur: 500 }, amount: 500, currency: 'eur' });
	});

	it('update: duration and type stay; a redeemed discount keeps its percentage', async () => {
		const path = `/v1/discounts/${DISCOUNT_IDS.summer}`;
		expect(messages(await call('PATCH', path, { duration: 'once' }))).toEqual([
			['body.duration', 'Duration cannot be changed.'],
		]);
		expect(messages(await call('PATCH', path, { type: 'fixed' }))).toEqual([
			['body.type', 'Type cannot be changed.'],
		]);
		expect(messages(await call('PATCH', path, { basis_points: 3000 }))).toEqual([
			[
				'body.basis_points',
				'This field cannot be changed because the discount has already been redeemed.',
			],
		]);
		const same = await call('PATCH', path, {
			basis_points: 2500,
			code: 'summer25',
			name: 'Summer',
		});
		expect([same.status, same.body.name, same.body.code]).toEqual([200, 'Summer', 'summer25']);
	});

	it('lists by name as typed (LIKE) or code in any case (ILIKE), deleted ones left out', async () => {
		const names = async (query: string) =>
			(
				(await call('GET', `/v1/discounts/?query=${query}`)).body.items as Array<{ name: string }>
			).map((d) => d.name);
		expect(await names('sale')).toEqual(['Summer sale']);
		expect(await names('SALE')).toEqual([]);
		expect(await names('welcome1')).toEqual(['Welcome']);
		await call('DELETE', `/v1/discounts/${DISCOUNT_IDS.welcome}`);
		expect(await names('welcome1')).toEqual([]);
		expect(polar.violations).toEqual([]);
	});
});
