import { LoadOptionsContext } from 'n8n-core';
import { UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
import { HarnessNodeTypes, latestTypeVersion, packagedTypeName } from './nodeTypes';

export interface RunListSearchOptions {
	nodeType: INodeType | IVersionedNodeType;
	/** The `methods.listSearch` function to call. */
	methodName: string;
	credentialTypes?: ICredentialType[];
	/** Credential data by credential type name; each is attached to the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** What the user typed in the resource locator's search box. */
	filter?: string;
	/** The `paginationToken` the previous page returned. */
	paginationToken?: string;
	/** The node's current parameters in the editor. */
	parameters?: INodeParameters;
	/** The path of the parameter being edited; default `parameters.<methodName>`. */
	path?: string;
	typeVersion?: number;
}

/**
 * Calls a node's `methods.listSearch[methodName]` as n8n's editor does
 * (`DynamicNodeParametersService.getResourceLocatorResults`): with n8n-core's real
 * `LoadOptionsContext` on a temporary one-node workflow, so `this.getCredentials()` and
 * `this.helpers.httpRequestWithAuthentication()` work with the given credentials.
 */
export async function runListSearch(options: RunListSearchOptions): Promise<INodeListSearchResult> {
	const { nodeType, methodName } = options;
	const typeName = packagedTypeName(nodeType);
	const typeVersion = options.typeVersion ?? latestTypeVersion(nodeType);
	const nodeTypes = new HarnessNodeTypes().add(typeName, nodeType);

	const method = nodeTypes.getByNameAndVersion(typeName, typeVersion).methods?.listSearch?.[
		methodName
	];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`The node type has no methods.listSearch.${methodName}`);
	}

	const currentNodeParameters = structuredClone(options.parameters ?? {});
	const node: INode = {
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: typeName,
		typeVersion,
		position: [0, 0],
		parameters: structuredClone(currentNodeParameters),
	};
	const credentialNames = Object.keys(options.credentials ?? {});
	if (credentialNames.length > 0) {
		node.credentials = Object.fromEntries(
			credentialNames.map((type) => [type, { id: `harness-${type}`, name: `${type} (harness)` }]),
		);
	}
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

	const credentialsHelper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes(options.credentialTypes),
		options.credentials,
	);
	const additionalData = createAdditionalData({ credentialsHelper, currentNodeParameters });
	const context = new LoadOptionsContext(
		workflow,
		workflow.nodes[node.name],
		additionalData,
		options.path ?? `parameters.${methodName}`,
	);
	return await method.call(context, options.filter, options.paginationToken);
}
