import { ExecutionLifecycleHooks, WorkflowExecute, type EvalLlmMockHandler } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
import { normaliseError, type NormalisedError } from './errors';
import {
	HarnessNodeTypes,
	ITEMS_SOURCE_NODE_NAME,
	ITEMS_SOURCE_NODE_TYPE,
	createItemsSourceNodeType,
	latestTypeVersion,
	packagedTypeName,
} from './nodeTypes';

export type OnErrorMode = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	/** The node under test, e.g. `new Polar()`. */
	nodeType: INodeType | IVersionedNodeType;
	/** Credential types the node (or its credentials' `extends`) needs, e.g. `[new PolarApi()]`. */
	credentialTypes?: ICredentialType[];
	/** Credential data by credential type name, as a user would have saved it. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters; strings starting with `=` are n8n expressions. */
	parameters: INodeParameters;
	/** The JSON of the items fed to the node by the workflow's source node. */
	items: IDataObject[];
	/** The node setting "On Error"; default `stopWorkflow`. */
	onError?: OnErrorMode;
	/** Default: the node type's latest version. */
	typeVersion?: number;
	/** Default: the node type's `defaults.name`, else its display name. */
	nodeName?: string;
	/**
	 * The workflow's Timezone setting (IANA name); default none: the instance's time zone, which
	 * n8n-workflow's global state holds (America/New_York, as n8n without GENERIC_TIMEZONE).
	 */
	workflowTimezone?: string;
	/** Default `manual` (the editor's "Execute workflow"); n8n's `execute` command uses `cli`. */
	mode?: WorkflowExecuteMode;
	/**
	 * Answers the node's HTTP requests in place of the network, before any connection or DNS
	 * lookup (n8n-core's hook for evaluations, checked before authentication): for requests that
	 * must never leave the machine. Returning undefined sends the request for real.
	 */
	interceptRequests?: EvalLlmMockHandler;
}

export interface RunNodeResult {
	/** Main output 0 of the node under test. */
	success: INodeExecutionData[];
	/** Main output 1 (the error output; only filled with `continueErrorOutput`). */
	error: INodeExecutionData[];
	/**
	 * The execution's error: the node threw with On Error "Stop Workflow", or the workflow has
	 * issues (e.g. a missing required parameter). Note: n8n-core 2.41 also keeps it when the node
	 * threw under a "Continue" mode, because the node under test is the last node to run.
	 */
	executionError?: NormalisedError;
	/**
	 * The error n8n recorded on the node's run. Also set when the node threw (instead of returning
	 * error items) while On Error was a "Continue" mode: n8n then passes the node's *input* items
	 * on to output 0, not to the error output.
	 */
	nodeError?: NormalisedError;
	/** The execution's status: `success`, `error`, ... */
	status: ExecutionStatus;
	/** The node's name in the workflow (the key of its run data). */
	nodeName: string;
	/** Raw run data of all nodes, for anything else. */
	runData: IRunData;
	/** The whole execution as n8n returns it. */
	run: IRun;
}

let executionCounter = 0;

/**
 * Runs `nodeType` in n8n's real execution engine (`n8n-core`'s `WorkflowExecute`) as the second
 * node of a two-node workflow whose first node emits `items`, and returns the node's outputs.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { nodeType, parameters, items } = options;
	const mode = options.mode ?? 'manual';
	const typeName = packagedTypeName(nodeType);
	const typeVersion = options.typeVersion ?? latestTypeVersion(nodeType);
	const { description } = NodeHelpers.getVersionedNodeType(nodeType, typeVersion);
	const nodeName = options.nodeName ?? description.defaults.name ?? description.displayName;

	const nodeTypes = new HarnessNodeTypes()
		.add(ITEMS_SOURCE_NODE_TYPE, createItemsSourceNodeType(items))
		.add(typeName, nodeType);
	const credentialsHelper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes(options.credentialTypes),
		options.credentials,
	);

	const sourceNode: INode = {
		id: 'harness-source',
		name: ITEMS_SOURCE_NODE_NAME,
		type: ITEMS_SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'harness-node-under-test',
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [220, 0],
		parameters: structuredClone(parameters),
		credentials: nodeCredentials(options.credentials),
	};
	if (options.onError !== undefined) nodeUnderTest.onError = options.onError;

	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: `Harness: ${nodeName}`,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [sourceNode, nodeUnderTest],
		connections: {
			[ITEMS_SOURCE_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		settings: {
			executionOrder: 'v1',
			...(options.workflowTimezone ? { timezone: options.workflowTimezone } : {}),
		},
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		settings: workflowData.settings,
		active: false,
		nodeTypes,
	});

	const executionId = String(++executionCounter);
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = createAdditionalData({
		credentialsHelper,
		hooks,
		executionId,
		interceptRequests: options.interceptRequests,
	});
	const workflowExecute = new WorkflowExecute(additionalData, mode);

	let run: IRun;
	try {
		run = await workflowExecute.run({
			workflow,
			startNode: workflow.getNode(ITEMS_SOURCE_NODE_NAME)!,
		});
	} catch (error) {
		// Raised before the execution starts, e.g. WorkflowHasIssuesError for a missing required
		// parameter: n8n reports it as the execution's error.
		return {
			success: [],
			error: [],
			executionError: normaliseError(error),
			status: 'error',
			nodeName,
			runData: {},
			run: {
				data: { resultData: { runData: {} } },
				mode,
				startedAt: new Date(),
				status: 'error',
			} as unknown as IRun,
		};
	}

	const { runData, error: runError } = run.data.resultData;
	const taskData = runData[nodeName]?.[0];
	const outputs = taskData?.data?.main ?? [];
	const result: RunNodeResult = {
		success: outputs[0] ?? [],
		error: outputs[1] ?? [],
		status: run.status,
		nodeName,
		runData,
		run,
	};
	if (runError !== undefined) result.executionError = normaliseError(runError);
	if (taskData?.error !== undefined) result.nodeError = normaliseError(taskData.error);
	return result;
}

/** Attaches every given credential to the node, as if the user had selected it. */
function nodeCredentials(
	credentials: Record<string, ICredentialDataDecryptedObject> | undefined,
): INodeCredentials | undefined {
	if (credentials === undefined) return undefined;
	const entries = Object.keys(credentials).map((type) => [
		type,
		{ id: `harness-${type}`, name: `${type} (harness)` },
	]);
	return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
