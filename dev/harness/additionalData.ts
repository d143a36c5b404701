import { ExternalSecretsProxy } from 'n8n-core';
import type { EvalLlmMockHandler, ExecutionLifecycleHooks } from 'n8n-core';
import { UnexpectedError } from 'n8n-workflow';
import type { INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials';

/** Where the pretend n8n instance lives; n8n's defaults for each endpoint path. */
export const INSTANCE_BASE_URL = 'http://localhost:5678';

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	executionId?: string;
	currentNodeParameters?: INodeParameters;
	variables?: Record<string, string>;
	/** See RunNodeOptions.interceptRequests. */
	interceptRequests?: EvalLlmMockHandler;
}

function notAvailable(feature: string): () => Promise<never> {
	return async () => {
		throw new UnexpectedError(`${feature} is not available in the test harness`);
	};
}

/**
 * The `additionalData` n8n's CLI builds for an execution (`WorkflowExecuteAdditionalData.getBase`),
 * as a plain object. Every `*BaseUrl` must be an absolute URL: `getNodeParameter` builds
 * `$execution.resumeUrl` etc. from them with `new URL()` and fails with "Invalid URL" otherwise.
 */
export function createAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	const base = INSTANCE_BASE_URL;
	return {
		credentialsHelper: options.credentialsHelper,
		hooks: options.hooks,
		executionId: options.executionId,
		currentNodeParameters: options.currentNodeParameters,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: { ...options.variables },
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: notAvailable('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('The task runner (Code node)'),
		logAiEvent: () => {},
		evalLlmMockHandler: options.interceptRequests,
	};
}
