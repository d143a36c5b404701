import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

/**
 * n8n names a community node `<package name>.<node name>` (e.g. `n8n-nodes-polarsh.polar`);
 * the harness registers the node under test the same way.
 */
export const PACKAGE_NAME: string = (
	JSON.parse(readFileSync(nearestPackageJson(__dirname), 'utf8')) as { name: string }
).name;

/** The package.json above `dir`: the harness also runs compiled, from .cache/tools. */
function nearestPackageJson(dir: string): string {
	const candidate = join(dir, 'package.json');
	if (existsSync(candidate)) return candidate;
	const parent = dirname(dir);
	if (parent === dir) throw new UnexpectedError('No package.json above the test harness');
	return nearestPackageJson(parent);
}

export const ITEMS_SOURCE_NODE_TYPE = 'n8n-nodes-harness.itemsSource';
export const ITEMS_SOURCE_NODE_NAME = 'Items Source';

/** The type name n8n would give `nodeType` when it is loaded from this package. */
export function packagedTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return `${PACKAGE_NAME}.${nodeType.description.name}`;
}

/** The version n8n uses for a new node of this type (the default/latest version). */
export function latestTypeVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** `INodeTypes` over an explicit map of type name to node type, as n8n's loader provides. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	add(typeName: string, nodeType: INodeType | IVersionedNodeType): this {
		this.types.set(typeName, nodeType);
		return this;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (type === undefined) {
			throw new UnexpectedError(`Unknown node type "${nodeType}"`);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * The workflow's first node: a source node without inputs that emits the given items, the
 * way a Manual Trigger followed by pinned or set data would (n8n-nodes-base is not installed).
 */
export function createItemsSourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Items Source',
			name: 'itemsSource',
			group: ['input'],
			version: 1,
			description: 'Emits the items given to the test harness',
			defaults: { name: ITEMS_SOURCE_NODE_NAME },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json: structuredClone(json), pairedItem: { item: 0 } }))];
		},
	};
}
