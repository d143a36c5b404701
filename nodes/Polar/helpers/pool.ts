/**
 * Runs task(0) … task(count - 1) with at most `limit` running at once, in index order of
 * start. Once `stop()` is true no new task starts; the ones running are awaited.
 */
export async function runConcurrently(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) {
			await task(next++);
		}
	};
	const workers = Math.max(1, Math.min(limit, count));
	await Promise.all(Array.from({ length: workers }, worker));
}
