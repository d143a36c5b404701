import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { POLAR_API_VERSION, POLAR_SERVERS } from '../nodes/Polar/transport/servers';

/**
 * The API root as an n8n expression, mirroring the node's transport/servers.ts (a credential
 * test cannot call code). It throws for plain http to a non-loopback host, so the test never
 * sends the token in clear.
 */
const BASE_URL_EXPRESSION = `={{ (() => {
	const environment = $credentials.environment || 'production';
	if (environment === 'production') return '${POLAR_SERVERS.production}';
	if (environment === 'sandbox') return '${POLAR_SERVERS.sandbox}';
	const url = String($credentials.baseUrl || '').trim().replace(/\\/+$/, '');
	const secure = /^https:\\/\\//i.test(url) || /^http:\\/\\/(localhost|127(\\.\\d+){3}|\\[::1\\])(:\\d+)?(\\/|$)/i.test(url);
	if (!secure) throw new Error('Base URL must use https (plain http is allowed only for localhost)');
	return url;
})() }}`;

const NOT_POLAR = 'The Base URL does not point at Polar’s API (404): give the root, without /v1';

/**
 * An access token for Polar's API.
 *
 * The test creates nothing: it asks for a session for a customer that cannot exist. Polar
 * answers 422 "Customer does not exist." to a token that works, so a token holding only
 * customer_sessions:write passes; 401 and 403 bodies are named by the rules below. (Reading
 * e.g. /v1/organizations/ would need a scope such a token lacks.)
 */
export class PolarApi implements ICredentialType {
	name = 'polarApi';

	displayName = 'Polar API';

	icon: Icon = {
		light: 'file:../nodes/Polar/polar.svg',
		dark: 'file:../nodes/Polar/polar.dark.svg',
	};

	documentationUrl = 'https://polar.sh/docs/integrate/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. polar_oat_...',
			description:
				'An organization access token (polar_oat_…) or personal access token (polar_pat_…) with the customer_sessions:write scope',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://api.polar.sh',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://sandbox-api.polar.sh, for testing; it has its own tokens',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another Polar server, e.g. a proxy or a local server',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://polar.example.com',
			description: 'The API root, without /v1. Must use https, except for localhost.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1dbfc517-0bbf-4301-9ba8-555ca42b9737',
			description:
				'Only for personal or OAuth tokens that reach several organizations: the organization to act on. Organization tokens need none.',
		},
	];

	/**
	 * A function rather than a generic block: n8n would evaluate the block's expression on every
	 * request, which was an eighth of the node's CPU per item (see npm run bench).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.accessToken ?? '').trim();
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/customer-sessions/',
			method: 'POST',
			headers: {
				'Polar-Version': POLAR_API_VERSION,
				// Omitted (undefined) when the credential has none, as the node does.
				'Polar-Organization':
					'={{ String($credentials.organizationId || "").trim() || undefined }}',
			},
			body: { customer_id: '00000000-0000-4000-8000-000000000000' },
			// Polar's error bodies are the answer here; the rules below read them.
			ignoreHttpStatusErrors: true,
			// A redirect could hand the token to another host.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'invalid_token',
					message:
						'Polar rejected the access token: it is expired, revoked, malformed or for the other environment (sandbox and production have separate tokens)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Unauthorized',
					message: 'Polar received no access token: paste one into Access Token',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'insufficient_scope',
					message:
						'The token works but lacks the customer_sessions:write scope: create a token that includes it',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: 'Not Found',
					message: NOT_POLAR,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'ResourceNotFound',
					message: NOT_POLAR,
				},
			},
		],
	};
}
