import { createRequire } from 'node:module';
import type { N8nInstallation } from './install';

export interface Owner {
	email: string;
	/** n8n requires 8-64 characters with a digit and an uppercase letter. */
	password: string;
	firstName: string;
	lastName: string;
}

/**
 * Environment that makes `n8n start` create (or overwrite) the owner by itself, before the HTTP
 * server answers: N8N_INSTANCE_OWNER_MANAGED_BY_ENV (n8n 2.40: instance-settings-loader). It wants
 * a bcrypt hash, made here with the bcryptjs that n8n itself ships (pure JS, so any Node runs it).
 * The owner can then log in, but can't change their own details in the UI.
 */
export function ownerEnv(installation: N8nInstallation, owner: Owner): Record<string, string> {
	// Resolve from n8n's CLI file, i.e. inside its node_modules tree.
	const bcrypt = createRequire(installation.n8nBin)('bcryptjs') as {
		hashSync(password: string, rounds: number): string;
	};
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
	};
}
