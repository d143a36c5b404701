import { MAX_INTERVAL_DAYS, MIN_DATE } from '../../../dev/polar-double';
import { jsonOf, runMetric, useMetricDouble } from './fixtures';

const polar = useMetricDouble();

describe('Metric → Get Limits, in n8n’s engine against the Polar double', () => {
	it('one item per input item: the earliest date and each interval’s range', async () => {
		const result = await runMetric(polar(), 'getLimits', { items: [{}, {}] });
		expect(result.executionError).toBeUndefined();
		const [limits, again] = jsonOf(result.success) as Array<{
			min_date: string;
			intervals: Record<string, { min_days: number; max_days: number }>;
		}>;
		expect(limits.min_date).toBe(MIN_DATE);
		expect(
			Object.fromEntries(Object.entries(limits.intervals).map(([k, v]) => [k, v.max_days])),
		).toEqual(MAX_INTERVAL_DAYS);
		expect(again).toEqual(limits);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(polar().requests.map((r) => r.path)).toEqual([
			'/v1/metrics/limits',
			'/v1/metrics/limits',
		]);
	});
});
