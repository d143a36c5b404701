import { PRODUCT_IDS, type FailureScenario } from '../../../dev/polar-double';
import { byId, onlyRequest, runDiscount, useDiscountDouble } from './fixtures';

const polar = useDiscountDouble();

const create = (parameters: Record<string, unknown>) =>
	runDiscount(polar(), 'create', { parameters: { name: 'Launch', ...parameters } });

describe('Discount → Create, in n8n’s engine against the Polar double', () => {
	it('a percentage as a percent: 25 % for 3 months is 2500 basis points, exactly that variant', async () => {
		const result = await create({
			discountType: 'percentage',
			percentage: 25,
			duration: 'repeating',
			durationInMonths: 3,
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyRequest(polar())).toEqual({
			method: 'POST',
			path: '/v1/discounts/',
			body: {
				name: 'Launch',
				type: 'percentage',
				duration: 'repeating',
				duration_in_months: 3,
				basis_points: 2500,
			},
		});
		expect(result.success[0].json).toMatchObject({
			type: 'percentage',
			basis_points: 2500,
			duration: 'repeating',
			duration_in_months: 3,
			redemptions_count: 0,
		});
	});

	it('12.5 % is 1250 basis points; Once sends no months', async () => {
		await create({ discountType: 'percentage', percentage: 12.5, duration: 'once' });
		expect(onlyRequest(polar()).body).toEqual({
			name: 'Launch',
			type: 'percentage',
			duration: 'once',
			basis_points: 1250,
		});
	});

	it('fixed amounts per currency in their units: 12.50 USD is 1250, 1500 JPY is 1500', async () => {
		const result = await create({
			discountType: 'fixed',
			duration: 'forever',
			amounts: {
				amount: [
					{ currency: 'usd', value: 12.5 },
					{ currency: 'jpy', value: 1500 },
				],
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyRequest(polar()).body).toEqual({
			name: 'Launch',
			type: 'fixed',
			duration: 'forever',
			amounts: { usd: 1250, jpy: 1500 },
		});
		expect(result.success[0].json).toMatchObject({
			type: 'fixed',
			amounts: { usd: 1250, jpy: 1500 },
		});
	});

	it('sends the additional fields: code, dates, redemption limits, products, metadata', async () => {
		const result = await create({
			discountType: 'percentage',
			percentage: 10,
			duration: 'once',
			additionalFields: {
				code: 'LAUNCH10',
				startsAt: '2026-01-01T00:00:00.000Z',
				endsAt: '2026-02-01T00:00:00.000Z',
				maxRedemptions: 50,
				maxRedemptionsPerCustomer: 1,
				products: {
					product: [
						{ product: byId(PRODUCT_IDS.proMonthly) },
						{ product: { __rl: true, mode: 'list', value: PRODUCT_IDS.teamYearly } },
					],
				},
				metadata: { entries: [{ key: 'campaign', value: 'launch' }] },
			},
		});
		expect(result.executionError).toBeUndefined();
		expect(onlyRequest(polar()).body).toEqual({
			name: 'Launch',
			type: 'percentage',
			duration: 'once',
			basis_points: 1000,
			code: 'LAUNCH10',
			starts_at: '2026-01-01T00:00:00.000Z',
			ends_at: '2026-02-01T00:00:00.000Z',
			max_redemptions: 50,
			max_redemptions_per_customer: 1,
			products: [PRODUCT_IDS.proMonthly, PRODUCT_IDS.teamYearly],
			metadata: { campaign: 'launch' },
		});
		const products = result.success[0].json.products as Array<{ name: string }>;
		expect(products.map((p) => p.name)).toEqual(['Pro Monthly', 'Team Yearly']);
	});

	it('a code another discount has, in any case: Polar’s refusal in words', async () => {
		const result = await create({
			discountType: 'percentage',
			percentage: 10,
			duration: 'once',
			additionalFields: { code: 'summer25' },
		});
		expect(result.executionError).toMatchObject({
			message: 'Polar refused the discount: Another discount already has the code "summer25"',
			httpCode: '422',
		});
	});

	it('a product that is not the organization’s: named by its place in the list', async () => {
		const result = await create({
			discountType: 'percentage',
			percentage: 10,
			duration: 'once',
			additionalFields: {
				products: { product: [{ product: byId('0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b') }] },
			},
		});
		expect(result.executionError?.message).toBe(
			'Polar refused the discount: Products 1: Product not found.',
		);
	});

	it.each([
		[{ discountType: 'percentage', percentage: 0 }, /^Percentage must be a percent above 0/],
		[{ discountType: 'percentage', percentage: 101 }, /^Percentage must be a percent above 0/],
		[{ discountType: 'percentage', percentage: 12.555 }, /^Percentage is 12\.555: Polar takes/],
		[
			{ discountType: 'fixed', amounts: { amount: [{ currency: 'jpy', value: 12.5 }] } },
			/^Amounts → JPY is 12\.5 JPY, but JPY has no smaller unit/,
		],
		[
			{
				discountType: 'fixed',
				amounts: {
					amount: [
						{ currency: 'eur', value: 5 },
						{ currency: 'eur', value: 6 },
					],
				},
			},
			/^Amounts name EUR twice/,
		],
		[{ discountType: 'fixed', amounts: {} }, /^Amounts are empty/],
		[
			{ discountType: 'percentage', percentage: 5, additionalFields: { code: 'SUMMER-25' } },
			/^Code "SUMMER-25" may hold only letters and digits/,
		],
		[
			{ discountType: 'percentage', percentage: 5, additionalFields: { code: 'AB' } },
			/^Code "AB" is 2 characters long; Polar takes 3 to 256/,
		],
		[
			{
				discountType: 'percentage',
				percentage: 5,
				additionalFields: { startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' },
			},
			/^Ends At must be after Starts At/,
		],
		[
			{ discountType: 'percentage', percentage: 5, duration: 'repeating', durationInMonths: 1000 },
			/^Duration in Months "1000" is not a whole number from 1 to 999/,
		],
	])('bad input %j fails before anything is sent', async (parameters, message) => {
		const result = await create({ duration: 'once', ...parameters });
		expect(result.executionError?.message).toMatch(message);
		expect(result.executionError?.message).toMatch(/\[item 0\]$/);
		expect(polar().requests).toHaveLength(0);
	});
});

describe('a discount is never created twice', () => {
	const lossy = useDiscountDouble();

	it.each<FailureScenario>(['commit-then-502', 'commit-then-reset'])(
		'%s: Polar created it, the answer was lost; one request, and the item says so',
		async (scenario) => {
			const before = lossy().discounts.discounts.length;
			lossy().failNext(scenario);
			const result = await runDiscount(lossy(), 'create', {
				parameters: {
					name: `Lost ${scenario}`,
					discountType: 'percentage',
					percentage: 5,
					duration: 'once',
					options: { maxRetries: 5, maxRetryWait: 1, timeout: 500 },
				},
			});
			expect(lossy().requests).toHaveLength(1);
			expect(result.executionError?.description).toMatch(
				/Polar may have created the discount \(Get Many with its name shows whether it did\) before the answer was lost\. The node did not send it again/,
			);
			expect(lossy().discounts.discounts).toHaveLength(before + 1);
		},
	);
});
