export { runNode } from './runNode';
export type { OnErrorMode, RunNodeOptions, RunNodeResult } from './runNode';
export { runCredentialTest } from './credentialTest';
export type { RunCredentialTestOptions } from './credentialTest';
export { runListSearch } from './listSearch';
export type { RunListSearchOptions } from './listSearch';
export { normaliseError } from './errors';
export type { NormalisedError } from './errors';
export { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
export { createAdditionalData, INSTANCE_BASE_URL } from './additionalData';
export {
	HarnessNodeTypes,
	ITEMS_SOURCE_NODE_NAME,
	PACKAGE_NAME,
	createItemsSourceNodeType,
	packagedTypeName,
} from './nodeTypes';
export { startTriggerHarness } from './trigger';
export type { Execution, HookOutcome, TriggerHarness, TriggerHarnessOptions } from './trigger';
