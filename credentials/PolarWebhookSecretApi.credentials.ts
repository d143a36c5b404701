import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret of a webhook endpoint created in Polar's dashboard, for the Polar Trigger's
 * "Created in Polar’s Dashboard" mode: kept encrypted with n8n's credentials, not in the
 * workflow. Test connection is the trigger's `polarWebhookSecret` (it checks the secret's form:
 * there is nothing at Polar to ask without a token).
 */
export class PolarWebhookSecretApi implements ICredentialType {
	name = 'polarWebhookSecretApi';

	displayName = 'Polar Webhook Secret API';

	icon: Icon = {
		light: 'file:../nodes/Polar/polar.svg',
		dark: 'file:../nodes/Polar/polar.dark.svg',
	};

	documentationUrl = 'https://polar.sh/docs/integrate/webhooks/endpoints';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. whsec_...',
			description:
				'The endpoint’s secret, shown in Polar’s dashboard under Settings → Webhooks when you open the endpoint',
		},
	];
}
