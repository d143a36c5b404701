import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { describeSecret } from '../trigger/signature';

/**
 * The Polar Webhook Secret credential's Test connection. Polar cannot be asked about a secret
 * without a token, so it checks what it can: that the secret has the form of one Polar issues.
 */
export async function polarWebhookSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.secret ?? '').trim();
	const kind = describeSecret(secret);
	return kind
		? { status: 'OK', message: `This is ${kind}.` }
		: {
				status: 'Error',
				message:
					'This is not a Polar webhook secret: Polar’s start with whsec_ (or polar_whs_ for old endpoints). Copy it again from the endpoint in Polar’s dashboard (Settings → Webhooks).',
			};
}
