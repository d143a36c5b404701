// Real-n8n harness for end-to-end tests and the demo: see smoke.ts for a tour.
export { N8N_VERSION, NODE_MAJOR, cacheDir, repoRoot } from './paths';
export { ensureN8n, type EnsureOptions, type N8nInstallation } from './install';
export {
	QUIET_ENV,
	createN8nInstance,
	freePort,
	type N8nInstance,
	type N8nInstanceOptions,
	type RestResponse,
} from './instance';
export { ownerEnv, type Owner } from './owner';
export {
	outputItems,
	parseExecutionOutput,
	type N8nExecution,
	type N8nItem,
	type N8nNodeRun,
} from './execution';
export { type Progress } from './run';
