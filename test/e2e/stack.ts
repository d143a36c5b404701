// What every end-to-end file runs against: a fresh n8n user folder with the packed package
// installed (global-setup.ts built it and made sure n8n is there), the Polar API double in this
// process on loopback, the credentials below and every workflow in workflows/ imported.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createN8nInstance, ensureN8n, type N8nExecution, type N8nInstance } from '../../dev/n8n';
import { startPolarDouble, type PolarDouble } from '../../dev/polar-double';

/** Fresh secrets per run, so finding one anywhere can only mean n8n printed or stored it. */
export const TOKENS = {
	good: `polar_oat_e2e_good_${randomBytes(16).toString('hex')}`,
	revoked: `polar_oat_e2e_revoked_${randomBytes(16).toString('hex')}`,
	noScope: `polar_oat_e2e_noscope_${randomBytes(16).toString('hex')}`,
};

/** The ids the workflow files refer to. */
export const CREDENTIALS = {
	good: { id: 'e2ePolarGood0001', name: 'Polar (e2e)', token: TOKENS.good },
	revoked: { id: 'e2ePolarRevoked1', name: 'Polar (e2e, revoked token)', token: TOKENS.revoked },
	noScope: { id: 'e2ePolarNoScope1', name: 'Polar (e2e, no scope)', token: TOKENS.noScope },
};

export interface Stack {
	n8n: N8nInstance;
	double: PolarDouble;
	userFolder: string;
	/** Every line n8n printed, from every command. */
	transcript: string[];
	/** The credential as n8n's editor would send it to a credential test. */
	credentialData(which: keyof typeof CREDENTIALS): Record<string, string>;
	/** Resets the double's recordings, then `n8n execute --id`. */
	execute(workflowId: string): Promise<N8nExecution>;
	stop(): Promise<void>;
}

/** A stack on the given n8n version (default N8N_VERSION), installed by global-setup.ts. */
export async function startStack(version?: string): Promise<Stack> {
	const tarball = process.env.POLAR_E2E_TARBALL;
	if (!tarball) throw new Error('POLAR_E2E_TARBALL is unset: run the suite with npm run test:e2e');
	const dir = mkdtempSync(join(tmpdir(), 'n8n-polar-e2e-'));
	const transcript: string[] = [];
	// Polar answers a token holding just this scope; the credential test must pass with it.
	const double = await startPolarDouble({
		tokens: { [TOKENS.good]: ['customer_sessions:write'], [TOKENS.noScope]: ['customers:read'] },
	});
	let n8n: N8nInstance | undefined;
	try {
		n8n = await createN8nInstance({
			userFolder: join(dir, 'user'),
			installation: await ensureN8n({ version }),
			echo: true,
			onProgress: (line) => transcript.push(line),
		});
		await n8n.installPackage(tarball);

		const credentialData = (which: keyof typeof CREDENTIALS) => ({
			accessToken: CREDENTIALS[which].token,
			environment: 'custom',
			baseUrl: double.url,
			organizationId: '',
		});
		const credentials = Object.entries(CREDENTIALS).map(([which, { id, name }]) => ({
			id,
			name,
			type: 'polarApi',
			data: credentialData(which as keyof typeof CREDENTIALS),
		}));
		// Outside the user folder, so the leak check sees only what n8n itself wrote.
		const credentialFile = join(dir, 'credentials.json');
		writeFileSync(credentialFile, JSON.stringify(credentials), { mode: 0o600 });
		await n8n.importCredentials(credentialFile);
		rmSync(credentialFile);
		await n8n.importWorkflow(join(__dirname, 'workflows')); // one n8n process for all

		const instance = n8n;
		return {
			n8n: instance,
			double,
			userFolder: instance.userFolder,
			transcript,
			credentialData,
			async execute(workflowId) {
				double.reset();
				return await instance.execute(workflowId);
			},
			async stop() {
				await instance.stop();
				await double.close();
				rmSync(dir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await n8n?.stop();
		await double.close();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/**
 * Files under `dir` that contain `needle`, as bytes: the SQLite database (and its WAL), n8n's
 * config and event logs, anything else n8n wrote. Installed packages are skipped.
 */
export function filesContaining(dir: string, needle: string): string[] {
	const found: string[] = [];
	const walk = (current: string): void => {
		for (const name of readdirSync(current)) {
			const path = join(current, name);
			if (statSync(path).isDirectory()) {
				if (name !== 'node_modules') walk(path);
			} else if (readFileSync(path).includes(needle)) {
				found.push(relative(dir, path));
			}
		}
	};
	walk(dir);
	return found;
}
