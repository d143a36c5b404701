import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import { NodeConnectionTypes, Workflow, createEmptyRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
import { HarnessNodeTypes, packagedTypeName } from './nodeTypes';

export interface RunCredentialTestOptions {
	/** The credential type under test, e.g. `new PolarApi()`. */
	credentialType: ICredentialType;
	/** The credential data as entered in n8n's credential dialog (defaults are applied). */
	credentials: ICredentialDataDecryptedObject;
	/** The node that declares the credential (needed for `testedBy`). */
	nodeType?: INodeType | IVersionedNodeType;
	/**
	 * Name of the node's `methods.credentialTest` function to call. Default: n8n's own choice,
	 * which prefers the credential type's `test` request over the node's `testedBy`.
	 */
	testedBy?: string;
	/** Further credential types, e.g. those `credentialType` extends. */
	credentialTypes?: ICredentialType[];
	/**
	 * Answers a `methods.credentialTest` function's `helpers.request` calls in this process, with
	 * what n8n's request would resolve to (e.g. `{ statusCode, headers, body }` for
	 * `resolveWithFullResponse`): for requests that must never leave the machine. Returning
	 * undefined sends the request for real.
	 */
	interceptRequests?: (options: IDataObject) => Promise<unknown>;
}

const NO_OP_TYPE = 'n8n-nodes-base.noOp';

type TestRequestData = { nodeType?: INodeType; testRequest: ICredentialTestRequest };
type Tester = ICredentialTestFunction | TestRequestData | undefined;

/** Every version of a node type, latest first. */
function versionsOf(nodeType: INodeType | IVersionedNodeType): INodeType[] {
	if (!('nodeVersions' in nodeType)) return [nodeType];
	return Object.keys(nodeType.nodeVersions)
		.map(Number)
		.sort((a, b) => b - a)
		.map((version) => nodeType.nodeVersions[version]);
}

function findTester(options: RunCredentialTestOptions): Tester {
	const { credentialType, nodeType, testedBy } = options;
	if (testedBy !== undefined) {
		for (const version of nodeType ? versionsOf(nodeType) : []) {
			const fn = version.methods?.credentialTest?.[testedBy];
			if (fn) return fn;
		}
		throw new Error(`The node type has no methods.credentialTest.${testedBy}`);
	}

	// The order of n8n's CredentialsTester.getCredentialTestFunction.
	if (credentialType.test) return { testRequest: credentialType.test };
	for (const version of nodeType ? versionsOf(nodeType) : []) {
		for (const description of version.description.credentials ?? []) {
			if (description.name !== credentialType.name || !description.testedBy) continue;
			if (typeof description.testedBy === 'string') {
				for (const candidate of versionsOf(nodeType!)) {
					const fn = candidate.methods?.credentialTest?.[description.testedBy];
					if (fn) return fn;
				}
				return undefined;
			}
			return { nodeType: version, testRequest: description.testedBy };
		}
	}
	return undefined;
}

/**
 * Tests credentials the way n8n's "Test connection" button does (`CredentialsTester`): applies
 * the credential type's defaults and expressions, then either calls the node's
 * `methods.credentialTest` function with n8n-core's real `CredentialTestContext`, or sends the
 * declarative test request through n8n-core's `RoutingNode` with the credential's authentication.
 */
export async function runCredentialTest(
	options: RunCredentialTestOptions,
): Promise<INodeCredentialTestResult> {
	const { credentialType } = options;
	const tester = findTester(options);
	if (tester === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes([credentialType, ...(options.credentialTypes ?? [])]),
		{ [credentialType.name]: options.credentials },
	);
	const additionalData = createAdditionalData({ credentialsHelper });

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: `${credentialType.name} (harness)`,
		type: credentialType.name,
	};
	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaults(
			additionalData,
			structuredClone(options.credentials),
			credentialType.name,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}

	if (typeof tester === 'function') {
		const context = new CredentialTestContext();
		const { interceptRequests } = options;
		if (interceptRequests) {
			const send = context.helpers.request;
			context.helpers.request = async (uriOrObject, requestOptions) => {
				const request = (
					typeof uriOrObject === 'string' ? { uri: uriOrObject, ...requestOptions } : uriOrObject
				) as IDataObject;
				return (await interceptRequests(request)) ?? (await send(uriOrObject, requestOptions));
			};
		}
		return await tester.call(context, credentialsDecrypted);
	}
	return await runTestRequest(tester, credentialsDecrypted, credentialsHelper, options);
}

async function runTestRequest(
	{ nodeType, testRequest }: TestRequestData,
	credentialsDecrypted: ICredentialsDecrypted,
	credentialsHelper: HarnessCredentialsHelper,
	options: RunCredentialTestOptions,
): Promise<INodeCredentialTestResult> {
	const credentialTypeName = options.credentialType.name;
	const baseType: INodeType = nodeType ?? {
		description: {
			displayName: 'No Operation, do nothing',
			name: NO_OP_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
	};
	const typeName = nodeType && options.nodeType ? packagedTypeName(options.nodeType) : NO_OP_TYPE;
	const { version } = baseType.description;

	// A copy of the node type whose only property sends the test request (as n8n does).
	const tempType: INodeType = {
		description: {
			...baseType.description,
			name: typeName,
			credentials: [{ name: credentialTypeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: typeName,
		typeVersion: Array.isArray(version) ? version[version.length - 1] : version,
		position: [0, 0],
		parameters: {},
		credentials: {
			[credentialTypeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes().add(typeName, tempType),
	});

	const additionalData = createAdditionalData({ credentialsHelper });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, tempType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as {
			message: string;
			cause?: { code?: string; response?: { status: number; statusText?: string } };
		};
		const errorResponse = error.cause?.response;
		if (errorResponse) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === errorResponse.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (errorResponse.status < 199 || errorResponse.status > 299) {
				return {
					status: 'Error',
					message: errorResponse.statusText || `Received HTTP status code: ${errorResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((obj, key) => (obj as Record<string, unknown> | undefined)?.[key], body);
		if (value === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
