import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * An access token for Polar's API. Test connection is the Polar node's `polarApiConnection`
 * (nodes/Polar/transport/connectionTest.ts): it passes only on Polar's own answer, which
 * declarative rules cannot express.
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
				'An organization access token (polar_oat_…), or a personal access token (polar_pat_…) with the Organization ID below, with the customer_sessions:write scope',
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
				'Required with a personal access token (polar_pat_…): the ID (a UUID) of the organization to act on, sent in what the node creates and as the filter of every list, export and metric. An organization access token (polar_oat_…) needs none: it is its organization. License Key Validate, Activate and Deactivate send it with any token, as Polar requires; left empty, they ask Polar for the token’s organization, which needs the organizations:read scope.',
		},
		{
			displayName: 'Rate Limit (Requests per Minute)',
			name: 'rateLimit',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Polar's limit for this token: the node sends at most this many requests in any minute, shared by every workflow using this token in this n8n process (in queue mode, per worker). 0 uses Polar's default: 500 in production, 100 in sandbox, 500 for a custom server. Polar counts per organization (per user for personal tokens, per OAuth client) and gives some organizations another limit: restricted 60 a minute, elevated 100 a second.",
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
}
