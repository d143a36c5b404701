// Workload 1, latency-bound: a double that answers after a fixed latency, so throughput is set by
// how many requests the node keeps open at once.

import type { LoopRunJob, LoopRunResult, NodeRunResult } from './protocol';
import { log, nodeJob, runJob, serverView, withDouble } from './run';
import { SETTINGS } from './settings';
import { fixed, type Row } from './table';

export async function latencyBound(rows: Row[]) {
	const s = SETTINGS.latencyBound;
	return await withDouble({ latencyMs: s.latencyMs }, async (double, target) => {
		const measure = async (concurrency: number, items: number) => {
			log(`latency-bound: ${items} items, concurrency ${concurrency}, ${s.latencyMs} ms latency`);
			const result = await runJob<NodeRunResult>(
				nodeJob(target, {
					items,
					options: concurrency === 5 ? {} : { concurrency },
					warmupItems: s.warmupItems,
					sampleRssMs: 0,
				}),
				(items * s.latencyMs * 3) / concurrency + 30_000,
			);
			const server = serverView(await double.requests());
			await double.reset();
			const perSecond = result.success / (result.wallMs / 1000);
			const ideal = concurrency / (s.latencyMs / 1000);
			return { concurrency, items, ...result, server, perSecond, ideal };
		};

		const main = await measure(s.concurrency, s.items);
		const serial = await measure(1, s.serialItems);
		const wide = await measure(s.wideConcurrency, s.items);

		log(`latency-bound: plain fetch loop, ${s.loopItems} items, concurrency ${s.concurrency}`);
		const loopJob: LoopRunJob = {
			kind: 'loop',
			target,
			items: s.loopItems,
			concurrency: s.concurrency,
			warmupItems: s.warmupItems,
		};
		const loopResult = await runJob<LoopRunResult>(loopJob, 120_000);
		await double.reset();
		const loop = {
			...loopResult,
			items: s.loopItems,
			concurrency: s.concurrency,
			perSecond: loopResult.success / (loopResult.wallMs / 1000),
		};

		const w = '1. Latency-bound';
		const ok = (run: typeof main) => run.failed === 0 && run.success === run.items;
		rows.push(
			{
				workload: w,
				figure: `items/s, concurrency ${s.concurrency} (default), ${s.items} items`,
				measured: fixed(main.perSecond),
				reference: `${fixed(main.ideal)} (concurrency ÷ latency)`,
				ratio: main.perSecond / main.ideal,
				target: '≥ 0.90',
				pass: ok(main) && main.perSecond / main.ideal >= 0.9,
			},
			{
				workload: w,
				figure: `same, plain fetch loop (reference), ${s.loopItems} items`,
				measured: fixed(loop.perSecond),
				reference: `${fixed(main.ideal)} (concurrency ÷ latency)`,
				ratio: loop.perSecond / main.ideal,
				target: '',
			},
			{
				workload: w,
				figure: `items/s, concurrency 1, ${s.serialItems} items`,
				measured: fixed(serial.perSecond),
				reference: `${fixed(serial.ideal)} (1 ÷ latency)`,
				ratio: serial.perSecond / serial.ideal,
				target: '',
			},
			{
				workload: w,
				figure: `speed-up of concurrency ${s.concurrency} over 1`,
				measured: `${fixed(main.perSecond / serial.perSecond, 2)}×`,
				reference: `${s.concurrency}×`,
				ratio: main.perSecond / serial.perSecond / s.concurrency,
				target: '',
			},
			{
				workload: w,
				figure: `items/s, concurrency ${s.wideConcurrency}, ${s.items} items`,
				measured: fixed(wide.perSecond),
				reference: `${fixed(wide.ideal)} (concurrency ÷ latency)`,
				ratio: wide.perSecond / wide.ideal,
				target: '',
			},
		);
		return { settings: s, runs: [main, serial, wide], fetchLoop: loop };
	});
}
