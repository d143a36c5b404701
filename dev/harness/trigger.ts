// Runs a webhook trigger node as n8n's CLI does (webhook.service.ts, live-webhooks.ts,
// test-webhooks.ts, webhook-helpers.ts of n8n 2.40), but in this process: its webhookMethods in
// n8n-core's real HookContext, its webhook() in the real WebhookContext, behind a real HTTP
// server on loopback. Like n8n, it reads the request's bytes into `rawBody` before parsing JSON
// into `body`, reloads the workflow's static data for every call and saves it afterwards when
// it changed, and starts an "execution" exactly when webhook() returns workflowData.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { HookContext, WebhookContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
import { normaliseError, type NormalisedError } from './errors';
import { HarnessNodeTypes, packagedTypeName } from './nodeTypes';

export interface TriggerHarnessOptions {
	nodeType: INodeType;
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	parameters: INodeParameters;
	/** The node's webhookId, which n8n's editor gives every webhook node (a UUID). */
	webhookId?: string;
	/** The node's typeVersion; the node's default version otherwise. */
	typeVersion?: number;
	/** How n8n spells its own host in webhook URLs (its WEBHOOK_URL), e.g. `LocalHost`. */
	webhookHost?: string;
}

/** What n8n would have done with one request. */
export interface Execution {
	items: INodeExecutionData[];
	/** Whether it came through the test URL (Listen for test event). */
	test: boolean;
}

export type HookOutcome =
	| { ok: true; result: boolean | undefined }
	| { ok: false; error: NormalisedError };

export interface TriggerHarness {
	/** n8n's base for webhooks, e.g. http://127.0.0.1:41234 (its /webhook and /webhook-test). */
	readonly baseUrl: string;
	readonly executions: Execution[];
	/** The workflow's static data as n8n would have stored it (production), or in the test registration. */
	staticData(test?: boolean): IDataObject;
	/** The URL n8n would show as Production URL (or Test URL). */
	webhookUrl(test?: boolean): string;
	/** Activation: checkExists, then create when it answered false (createWebhookIfNotExists). */
	activate(test?: boolean): Promise<{ checkExists: HookOutcome; create?: HookOutcome }>;
	/** Deactivation (or the end of listening for a test event): delete. */
	deactivate(test?: boolean): Promise<HookOutcome>;
	/** Changes the node's parameters, as editing the workflow would. */
	setParameters(parameters: INodeParameters): void;
	/** Replaces the stored static data, e.g. {} for static data that was lost. */
	setStaticData(data: IDataObject, test?: boolean): void;
	close(): Promise<void>;
}

const NODE_NAME = 'Polar Trigger';

/** n8n's saveStaticData: only when the node changed it, as JSON (the database column). */
function saved(workflow: Workflow, previous: IDataObject): IDataObject {
	const data = workflow.staticData as IDataObject;
	if (data.__dataChanged !== true) return previous;
	const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
	delete copy.__dataChanged;
	return copy;
}

export async function startTriggerHarness(options: TriggerHarnessOptions): Promise<TriggerHarness> {
	const { nodeType } = options;
	const typeName = packagedTypeName(nodeType);
	const nodeTypes = new HarnessNodeTypes().add(typeName, nodeType);
	const credentialsHelper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes(options.credentialTypes),
		options.credentials,
	);
	const webhookDescription = nodeType.description.webhooks![0];
	const { version, defaultVersion } = nodeType.description;
	const typeVersion =
		options.typeVersion ??
		defaultVersion ??
		(Array.isArray(version) ? Math.max(...version) : version);
	let parameters = structuredClone(options.parameters);
	const node = (): INode => ({
		id: 'harness-trigger',
		name: NODE_NAME,
		type: typeName,
		typeVersion: typeVersion,
		position: [0, 0],
		webhookId: options.webhookId ?? '6f0c9a4e-1d2b-4c3d-8e5f-7a8b9c0d1e2f',
		parameters: structuredClone(parameters),
		credentials: options.credentials
			? Object.fromEntries(
					Object.keys(options.credentials).map((type) => [
						type,
						{ id: `harness-${type}`, name: `${type} (harness)` },
					]),
				)
			: undefined,
	});
	const stored = { production: {} as IDataObject, test: {} as IDataObject };
	const executions: Execution[] = [];

	const workflowWith = (staticData: IDataObject) =>
		new Workflow({
			id: 'harness-trigger-workflow',
			name: 'Harness: trigger',
			nodes: [node()],
			connections: {},
			active: true,
			nodeTypes,
			staticData: structuredClone(staticData),
			settings: { executionOrder: 'v1' },
		});

	let baseUrl = '';
	const publicBase = () =>
		options.webhookHost ? baseUrl.replace('127.0.0.1', options.webhookHost) : baseUrl;
	const additionalData = (extra: Partial<IWorkflowExecuteAdditionalData> = {}) => ({
		...createAdditionalData({ credentialsHelper }),
		webhookBaseUrl: `${publicBase()}/webhook`,
		webhookTestBaseUrl: `${publicBase()}/webhook-test`,
		...extra,
	});
	const path = () =>
		NodeHelpers.getNodeWebhookPath(
			'harness-trigger-workflow',
			node(),
			String(webhookDescription.path),
		);

	const webhookData = (workflow: Workflow, test: boolean): IWebhookData => ({
		httpMethod: 'POST',
		node: NODE_NAME,
		path: path(),
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData() as IWorkflowExecuteAdditionalData,
		webhookId: node().webhookId,
		isTest: test,
	});

	/** webhook.service.ts runWebhookMethod: a HookContext per call. */
	const runHook = async (
		method: 'checkExists' | 'create' | 'delete',
		test: boolean,
	): Promise<HookOutcome> => {
		const key = test ? 'test' : 'production';
		const workflow = workflowWith(stored[key]);
		const data = webhookData(workflow, test);
		const context = new HookContext(
			workflow,
			workflow.getNode(NODE_NAME)!,
			data.workflowExecuteAdditionalData,
			test ? 'manual' : 'trigger',
			test ? 'manual' : 'activate',
			data,
		);
		try {
			const result = await nodeType.webhookMethods!.default![method].call(context);
			return { ok: true, result };
		} catch (error) {
			return { ok: false, error: normaliseError(error) };
		} finally {
			stored[key] = saved(workflow, stored[key]);
		}
	};

	/** webhook-helpers.ts executeWebhook, for a trigger with responseMode onReceived. */
	const handle = async (
		req: IncomingMessage,
		res: ServerResponse,
		rawBody: Buffer,
	): Promise<void> => {
		const test = (req.url ?? '').startsWith('/webhook-test/');
		const route = (req.url ?? '').replace(/^\/webhook(-test)?\//, '').split('?')[0];
		if (req.method !== 'POST' || route !== path()) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
			return;
		}
		// rawBodyReader and parseBody (middlewares/body-parser.ts).
		const request = req as IncomingMessage & {
			body?: unknown;
			rawBody: Buffer;
			contentType?: string;
		};
		request.rawBody = rawBody;
		request.contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
		if (rawBody.length > 0 && request.contentType === 'application/json') {
			try {
				request.body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				res.writeHead(422, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
				return;
			}
		}
		request.body ??= {};
		// The parts of express's Response a node uses.
		const response = Object.assign(res, {
			status(code: number) {
				res.statusCode = code;
				return response;
			},
			json(body: unknown) {
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify(body));
				return response;
			},
			send(body: unknown) {
				res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
				return response;
			},
		});

		const key = test ? 'test' : 'production';
		const workflow = workflowWith(stored[key]);
		const context = new WebhookContext(
			workflow,
			workflow.getNode(NODE_NAME)!,
			additionalData({ httpRequest: request as never, httpResponse: response as never }),
			test ? 'manual' : 'webhook',
			webhookData(workflow, test),
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch {
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: 'Error in workflow' }));
			}
			return;
		} finally {
			stored[key] = saved(workflow, stored[key]);
		}
		if (result.workflowData !== undefined) executions.push({ items: result.workflowData[0], test });
		if (result.noWebhookResponse === true || res.writableEnded) return;
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify(
				result.workflowData === undefined
					? (result.webhookResponse ?? { message: 'Webhook call received' })
					: { message: 'Workflow was started' },
			),
		);
	};

	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		baseUrl,
		executions,
		staticData: (test = false) => stored[test ? 'test' : 'production'],
		webhookUrl: (test = false) => `${publicBase()}/${test ? 'webhook-test' : 'webhook'}/${path()}`,
		async activate(test = false) {
			const checkExists = await runHook('checkExists', test);
			if (!checkExists.ok || checkExists.result) return { checkExists };
			return { checkExists, create: await runHook('create', test) };
		},
		async deactivate(test = false) {
			const outcome = await runHook('delete', test);
			if (test) stored.test = {}; // the registration is gone with it
			return outcome;
		},
		setParameters(next) {
			parameters = structuredClone(next);
		},
		setStaticData(data, test = false) {
			stored[test ? 'test' : 'production'] = structuredClone(data);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
